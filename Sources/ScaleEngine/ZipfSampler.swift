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
///
/// Most draws skip the inversion (`log1p`, `exp` and `round`: the costliest part of a
/// request's arrival in the data-tier models): `ZipfRankTable` finds the rank of the uniform
/// variate u among the first ranks' bounds, and accepts by the same comparison the inversion
/// makes; a u near a bound (where the inversion's rounding could decide otherwise), past the
/// table or not accepted at once goes through the inversion. Same draws, same ranks.
public struct ZipfSampler: Sendable, Equatable {
  /// s, after clamping.
  public let exponent: Double
  /// N, at least 1.
  public let count: Int
  let hIntegralX1: Double
  let hIntegralN: Double
  let squeeze: Double
  let table: ZipfRankTable?

  /// Two samplers are equal when they draw the same ranks: same s and N (the rest derives
  /// from them).
  public static func == (a: ZipfSampler, b: ZipfSampler) -> Bool {
    a.exponent == b.exponent && a.count == b.count
  }

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
    table = n > 1 ? ZipfRankTable(exponent: s, count: n, low: hIntegralX1, high: hIntegralN) : nil
  }

  /// A rank in 1…count.
  @inlinable
  public func sample(_ rng: inout RandomStream) -> Int {
    sampleRank(&rng)
  }

  @usableFromInline
  func sampleRank(_ rng: inout RandomStream) -> Int {
    draw(&rng, table: table)
  }

  /// The same draw without the table: every variate through the inversion (the reference
  /// the table must agree with).
  func sampleRankByInversion(_ rng: inout RandomStream) -> Int {
    draw(&rng, table: nil)
  }

  @inline(__always)
  private func draw(_ rng: inout RandomStream, table: ZipfRankTable?) -> Int {
    if count == 1 { return 1 }
    for _ in 0..<1_000 {
      let u = hIntegralN + rng.nextDouble() * (hIntegralX1 - hIntegralN)
      // Rank k accepted when u ≥ H(k + 0.5) − h(k), whatever x is: the inversion's test.
      if let table, let k = table.acceptedRank(of: u) { return k }
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

/// The first ranks of a `ZipfSampler` by their bounds in u: rank k takes the variates u with
/// H(k − 0.5) ≤ u < H(k + 0.5) (x = H⁻¹(u) rounds to k; every u below H(1.5) gives rank 1),
/// found through a directory of equal slices of u's range, so a rank costs a load or two
/// instead of `log1p`, `exp` and `round`. A slice that lies within one rank's safe bounds
/// and above its acceptance bound holds that rank (one 2-byte load from a 16 KB directory
/// decides the draw: at s = 1.1 about three draws in five); a slice across bounds holds the
/// lowest rank it can give, and the look-up reads the ranks' records from there.
///
/// The inversion computes x with an error of a few units in the last place, so a u within a
/// margin of a bound is left to it: the margin, 10⁻⁹ · (1 + |b|) · (1 + |1 − s|·|b|) ·
/// (1 + ln(k + ½)) around bound b of rank k, is more than 10⁴ times the error that error
/// amounts to in u (backward: x = exp(z) with z = log1p(t)/t · u, t = (1 − s)·u, each step
/// within a few ulps), and costs well under 0.1 % of the draws at s = 1.1.
/// `ZipfSamplerTests` checks the table against the inversion draw for draw.
final class ZipfRankTable: Sendable {
  /// What a look-up reads of rank k, in one 32-byte record (one cache line holds two).
  struct Rank: Sendable {
    /// H(k + 0.5): the bound above the rank.
    var upper: Double
    /// The rank decides variates in [safeLow, safeHigh): its bounds less their margins.
    var safeLow: Double
    var safeHigh: Double
    /// H(k + 0.5) − h(k): a rank-k variate at or above it is accepted (the inversion's test).
    var acceptBound: Double
  }

  /// Ranks 1…n at 0…n − 1.
  let ranks: [Rank]
  /// Per slice of [low, high]: k > 0, every variate in it is rank k and accepted; −k, the
  /// lowest rank a variate in it can have (read the records); 0, past the table.
  let sliceRank: [Int16]
  let low: Double
  /// Slices per unit of u.
  let scale: Double

  /// Most ranks tabulated (128 KB of records; an `Int16` holds them) and slices of u's range.
  static let maxRanks = 4096
  static let slices = 8192
  /// Most bounds a look-up steps over inside a slice before it leaves the draw to the
  /// inversion.
  static let maxSteps = 8

  init(exponent s: Double, count n: Int, low: Double, high: Double) {
    let count = Swift.max(1, Swift.min(n - 1, ZipfRankTable.maxRanks))
    var upper: [Double] = []
    var margin: [Double] = []
    for k in 1...count {
      let x = Double(k)
      let b = ZipfSampler.hIntegral(x + 0.5, s)
      upper.append(b)
      margin.append(1e-9 * (1 + abs(b)) * (1 + abs(1 - s) * abs(b)) * (1 + log(x + 0.5)))
    }
    ranks = (1...count).map { k in
      let x = Double(k)
      return Rank(
        upper: upper[k - 1],
        safeLow: k >= 2 ? upper[k - 2] + margin[k - 2] : -Double.infinity,
        safeHigh: upper[k - 1] - margin[k - 1],
        acceptBound: ZipfSampler.hIntegral(x + 0.5, s) - ZipfSampler.h(x, s))
    }
    self.low = low
    let width = high - low
    scale = width > 0 && width.isFinite ? Double(ZipfRankTable.slices) / width : 0
    var sliceRank = [Int16](repeating: 0, count: ZipfRankTable.slices)
    if scale > 0 {
      // A slice's lowest rank: that of its lower edge, taken a hundredth of a slice lower
      // (the index computed from u may round into the next slice).
      // Its upper edge likewise a hundredth of a slice higher.
      var k = 1
      for j in 0..<ZipfRankTable.slices {
        let edge = low + (Double(j) - 0.01) / scale
        let top = low + (Double(j) + 1.01) / scale
        while k <= count && edge >= upper[k - 1] { k += 1 }
        guard k <= count else { break }
        let r = ranks[k - 1]
        let decided = edge >= r.safeLow && top < r.safeHigh && edge >= r.acceptBound
        sliceRank[j] = decided ? Int16(k) : -Int16(k)
      }
    }
    self.sliceRank = sliceRank
  }

  /// The rank of `u` when the table decides it and the inversion's acceptance test takes it
  /// at once (nil: the inversion decides: past the table, too many bounds in its slice,
  /// within a margin of a bound, or not accepted at once).
  @inline(__always)
  func acceptedRank(of u: Double) -> Int? {
    let f = (u - low) * scale
    guard f >= 0, f < Double(ZipfRankTable.slices) else { return nil }
    var k = Int(sliceRank[Int(f)])
    if k > 0 { return k }
    guard k < 0 else { return nil }
    k = -k
    var steps = 0
    while u >= ranks[k &- 1].upper {
      k &+= 1
      steps &+= 1
      if k > ranks.count || steps > ZipfRankTable.maxSteps { return nil }
    }
    let r = ranks[k &- 1]
    return u >= r.safeLow && u < r.safeHigh && u >= r.acceptBound ? k : nil
  }
}
