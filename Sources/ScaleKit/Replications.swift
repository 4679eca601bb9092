import Dispatch
import Foundation
import ScaleEngine
import ScaleModel
import Synchronization

/// A metric over several independent replications: mean and a Student-t confidence
/// interval (the replication/deletion method of simulation output analysis).
public struct Estimate: Sendable, Equatable {
  public var mean: Double
  public var halfWidth: Double
  public var samples: Int
  public var interval: ClosedRange<Double> { (mean - halfWidth)...(mean + halfWidth) }
}

/// Runs a scenario with several seeds (in parallel) and decides each `expect` with
/// confidence: pass when the whole interval satisfies the bound, fail when the whole
/// interval violates it, inconclusive when it straddles the bound.
public enum Replications {
  /// The seed of replication `i`: SplitMix64 of the scenario's seed and i, so the
  /// replications are independent streams and the same for every run.
  public static func seed(_ base: UInt64, replication i: Int) -> UInt64 {
    var z = base &+ UInt64(truncatingIfNeeded: i &+ 1) &* 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  public static func run(
    _ scenario: Scenario, count: Int, shouldStop: @escaping @Sendable () -> Bool = { false }
  ) -> [RunResult] {
    let n = max(1, count)
    let results = Mutex<[RunResult?]>(Array(repeating: nil, count: n))
    DispatchQueue.concurrentPerform(iterations: n) { i in
      var copy = scenario
      copy.seed = seed(scenario.seed, replication: i)
      let result = Engine.run(copy, shouldStop: shouldStop)
      results.withLock { $0[i] = result }
    }
    return results.withLock { $0.compactMap { $0 } }
  }

  /// Mean and confidence interval of `values` at `level` (e.g. 0.95).
  public static func estimate(_ values: [Double], level: Double) -> Estimate {
    let n = values.count
    guard n > 0 else { return Estimate(mean: 0, halfWidth: .infinity, samples: 0) }
    let mean = values.reduce(0, +) / Double(n)
    guard n > 1 else { return Estimate(mean: mean, halfWidth: .infinity, samples: 1) }
    let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
    let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: n - 1)
    return Estimate(mean: mean, halfWidth: t * (variance / Double(n)).squareRoot(), samples: n)
  }

  /// Verdicts over replications: each expectation's measured values, its interval at the
  /// expectation's confidence (0.95 when it names none), and the three-way outcome.
  public static func verdicts(_ results: [RunResult], expectations: [Expectation]) -> [Verdict] {
    expectations.enumerated().map { index, expectation in
      let values = results.compactMap { result -> Double? in
        guard index < result.verdicts.count else { return nil }
        return result.verdicts[index].measured
      }
      guard values.count == results.count, !values.isEmpty else {
        return Verdict(expectation: expectation, outcome: .fail, measured: nil)
      }
      let estimate = self.estimate(values, level: expectation.confidence ?? 0.95)
      let interval = estimate.interval
      let lowHolds = expectation.comparison.holds(interval.lowerBound, expectation.bound)
      let highHolds = expectation.comparison.holds(interval.upperBound, expectation.bound)
      let outcome: Verdict.Outcome =
        lowHolds && highHolds ? .pass : (!lowHolds && !highHolds ? .fail : .inconclusive)
      return Verdict(
        expectation: expectation, outcome: outcome, measured: estimate.mean,
        interval: estimate.halfWidth.isFinite ? interval : nil)
    }
  }
}

/// Quantiles of Student's t distribution, by bisection on its CDF (regularised
/// incomplete beta function by Lentz's continued fraction, Numerical Recipes §6.4).
public enum StudentT {
  public static func quantile(_ p: Double, degreesOfFreedom nu: Int) -> Double {
    guard nu >= 1, p > 0, p < 1 else { return .nan }
    if p < 0.5 { return -quantile(1 - p, degreesOfFreedom: nu) }
    var low = 0.0
    var high = 1.0
    while cdf(high, nu) < p && high < 1e8 { high *= 2 }
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if cdf(mid, nu) < p { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }

  public static func cdf(_ t: Double, _ nu: Int) -> Double {
    let v = Double(nu)
    let x = v / (v + t * t)
    let tail = 0.5 * incompleteBeta(x, a: v / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  static func incompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    let logGammas: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
    let logPowers: Double = a * log(x) + b * log(1 - x)
    let logFront = logGammas + logPowers
    if x < (a + 1) / (a + b + 2) {
      return exp(logFront) * continuedFraction(x, a: a, b: b) / a
    }
    return 1 - exp(logFront) * continuedFraction(1 - x, a: b, b: a) / b
  }

  static func continuedFraction(_ x: Double, a: Double, b: Double) -> Double {
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for m in 1...300 {
      let mm = Double(m)
      var numerator = mm * (b - mm) * x / ((a + 2 * mm - 1) * (a + 2 * mm))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      numerator = -(a + mm) * (a + b + mm) * x / ((a + 2 * mm) * (a + 2 * mm + 1))
      d = 1 + numerator * d
      if abs(d) < tiny { d = tiny }
      c = 1 + numerator / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-15 { break }
    }
    return h
  }
}
