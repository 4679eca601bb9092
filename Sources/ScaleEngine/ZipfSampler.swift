import Foundation

/// Zipf(s, N) ranks 1…N with P(k) ∝ k^−s, by rejection-inversion (W. Hörmann and
/// G. Derflinger, "Rejection-inversion to generate variates from monotone discrete
/// distributions", ACM TOMACS 6(3), 1996).
///
/// The method inverts the integral H of the hat function h(x) = x^−s over [1.5 − ½…N + ½],
/// rounds the continuous variate to the nearest rank, and accepts it when it falls under the
/// histogram of the true weights; the acceptance rate is high (> 0.9 for typical s), every draw
/// is O(1) after an O(1) setup, and s = 1 (where H is a logarithm) is handled by writing
/// H and H⁻¹ with `log1p`/`expm1` helpers that are smooth through 1 − s = 0.
public struct ZipfSampler: Sendable, Equatable {
  /// s, after clamping.
  public let exponent: Double
  /// N, at least 1.
  public let count: Int
  let hIntegralX1: Double
  let hIntegralN: Double
  let squeeze: Double

  /// `exponent` is clamped to [0.000001, 50] and `count` to at least 1.
  public init(exponent: Double, count: Int) {
    let s = exponent.isFinite ? Swift.min(Swift.max(exponent, 0.000_001), 50) : 1
    let n = Swift.max(1, count)
    self.exponent = s
    self.count = n
    hIntegralX1 = ZipfSampler.hIntegral(1.5, s) - 1
    hIntegralN = ZipfSampler.hIntegral(Double(n) + 0.5, s)
    squeeze =
      2 - ZipfSampler.hIntegralInverse(ZipfSampler.hIntegral(2.5, s) - ZipfSampler.h(2, s), s)
  }

  /// A rank in 1…count.
  @inlinable
  public func sample(_ rng: inout RandomStream) -> Int {
    sampleRank(&rng)
  }

  @usableFromInline
  func sampleRank(_ rng: inout RandomStream) -> Int {
    if count == 1 { return 1 }
    for _ in 0..<1_000 {
      let u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN)
      let x = ZipfSampler.hIntegralInverse(u, exponent)
      var k = x.rounded()
      if !(k >= 1) { k = 1 }
      if k > Double(count) { k = Double(count) }
      if k - x <= squeeze
        || u >= ZipfSampler.hIntegral(k + 0.5, exponent) - ZipfSampler.h(k, exponent)
      {
        return Int(k)
      }
    }
    return 1
  }

  /// h(x) = x^−s.
  static func h(_ x: Double, _ s: Double) -> Double { exp(-s * log(x)) }

  /// H(x) = (x^(1−s) − 1)/(1 − s), or ln x when s = 1; written as ln x · expm1(t)/t with
  /// t = (1 − s)·ln x so it is continuous at s = 1.
  static func hIntegral(_ x: Double, _ s: Double) -> Double {
    let logX = log(x)
    return expm1OverX((1 - s) * logX) * logX
  }

  /// H⁻¹(y) = exp(y · log1p(t)/t) with t = (1 − s)·y.
  static func hIntegralInverse(_ y: Double, _ s: Double) -> Double {
    var t = y * (1 - s)
    if t < -1 { t = -1 }  // rounding guard: the argument of log1p must stay ≥ −1
    return exp(log1pOverX(t) * y)
  }

  /// log1p(x)/x, → 1 at x = 0 (Taylor series near zero).
  static func log1pOverX(_ x: Double) -> Double {
    if abs(x) > 1e-8 { return log1p(x) / x }
    return 1 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x))
  }

  /// expm1(x)/x, → 1 at x = 0.
  static func expm1OverX(_ x: Double) -> Double {
    if abs(x) > 1e-8 { return expm1(x) / x }
    return 1 + x * 0.5 * (1 + x / 3.0 * (1 + 0.25 * x))
  }
}
