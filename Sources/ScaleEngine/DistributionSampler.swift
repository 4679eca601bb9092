import Foundation
import ScaleModel

/// A `Distribution` compiled for fast sampling: a small value type with the parameters the
/// sampler needs precomputed (log-normal's μ and σ of the log), no existentials.
///
/// - exponential: inversion, `−mean · ln(U)` with U in (0, 1] so `ln` never sees 0;
/// - normal: Marsaglia's polar method (the second variate is kept for the next draw),
///   truncated at zero by resampling (at most 64 tries, then 0);
/// - log-normal: from the distribution's own mean m and sd s, σ² = ln(1 + s²/m²),
///   μ = ln m − σ²/2, then `exp(μ + σ·Z)`;
/// - uniform: `low + (high − low)·U`; constant: the value.
///
/// Negative or non-finite results are clamped to 0 (times cannot be negative).
public struct DistributionSampler: Sendable, Equatable {
  @usableFromInline enum Kind: UInt8, Sendable {
    case exponential, constant, uniform, normal, lognormal
  }
  @usableFromInline var kind: Kind
  @usableFromInline var a: Double
  @usableFromInline var b: Double
  @usableFromInline var spare: Double = 0
  @usableFromInline var hasSpare = false
  /// The distribution's mean (for estimates such as a health check's queueing delay).
  public let mean: Double

  /// Compiles `distribution` (bad parameters become 0).
  public init(_ distribution: Distribution) {
    mean = Swift.max(0, distribution.mean.isFinite ? distribution.mean : 0)
    switch distribution {
    case .exponential(let m):
      kind = .exponential
      a = DistributionSampler.clean(m)
      b = 0
    case .constant(let v):
      kind = .constant
      a = DistributionSampler.clean(v)
      b = 0
    case .uniform(let low, let high):
      kind = .uniform
      a = DistributionSampler.clean(Swift.min(low, high))
      b = DistributionSampler.clean(Swift.max(low, high)) - a
    case .normal(let m, let sd):
      kind = .normal
      a = m.isFinite ? m : 0
      b = DistributionSampler.clean(sd)
    case .lognormal(let m, let sd):
      let mm = DistributionSampler.clean(m)
      let ss = DistributionSampler.clean(sd)
      if mm <= 0 {
        kind = .constant
        a = 0
        b = 0
      } else {
        kind = .lognormal
        let sigma2 = log1p((ss * ss) / (mm * mm))
        a = log(mm) - sigma2 / 2
        b = sigma2.squareRoot()
      }
    }
  }

  static func clean(_ x: Double) -> Double { x.isFinite && x > 0 ? x : 0 }

  /// One non-negative sample. Exponential and constant inline (a service time per request);
  /// the other kinds out of line.
  @inlinable @inline(__always)
  public mutating func sample(_ rng: inout RandomStream) -> Double {
    switch kind {
    case .exponential:
      return -a * log(rng.nextOpenDouble())
    case .constant:
      return a
    default:
      return sampleOther(&rng)
    }
  }

  @usableFromInline @inline(never)
  mutating func sampleOther(_ rng: inout RandomStream) -> Double {
    switch kind {
    case .exponential, .constant:
      return sample(&rng)
    case .uniform:
      return a + b * rng.nextDouble()
    case .normal:
      for _ in 0..<64 {
        let x = a + b * standardNormal(&rng)
        if x >= 0 { return x }
      }
      return 0
    case .lognormal:
      let x = exp(a + b * standardNormal(&rng))
      return x.isFinite ? x : 0
    }
  }

  /// A standard normal variate by Marsaglia's polar method.
  @inlinable
  mutating func standardNormal(_ rng: inout RandomStream) -> Double {
    if hasSpare {
      hasSpare = false
      return spare
    }
    while true {
      let u = 2 * rng.nextDouble() - 1
      let v = 2 * rng.nextDouble() - 1
      let s = u * u + v * v
      if s > 0 && s < 1 {
        let f = (-2 * log(s) / s).squareRoot()
        spare = v * f
        hasSpare = true
        return u * f
      }
    }
  }
}
