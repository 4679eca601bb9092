import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct DistributionSamplerTests {
  static let cases: [(Distribution, Double, Double)] = [
    (.exponential(mean: 0.002), 0.002, 0.002),
    (.constant(0.005), 0.005, 0),
    (.uniform(low: 0.001, high: 0.003), 0.002, 0.002 / 12.0.squareRoot()),
    (.normal(mean: 0.010, stddev: 0.002), 0.010, 0.002),
    (.lognormal(mean: 0.005, stddev: 0.002), 0.005, 0.002),
    (.lognormal(mean: 0.002, stddev: 0.004), 0.002, 0.004),
  ]

  @Test(arguments: 0..<cases.count)
  func meanAndStandardDeviationMatch(index: Int) {
    let (distribution, mean, sd) = Self.cases[index]
    var sampler = DistributionSampler(distribution)
    var rng = RandomStream(seed: 11)
    let n = 400_000
    var sum = 0.0
    var sum2 = 0.0
    for _ in 0..<n {
      let x = sampler.sample(&rng)
      #expect(x >= 0)
      sum += x
      sum2 += x * x
    }
    let m = sum / Double(n)
    let s = max(0, sum2 / Double(n) - m * m).squareRoot()
    #expect(close(m, mean, within: 0.01))
    if sd > 0 {
      #expect(close(s, sd, within: 0.03))
    } else {
      #expect(s < 1e-9)
    }
  }

  @Test func exponentialMedianIsMeanTimesLn2() {
    var sampler = DistributionSampler(.exponential(mean: 1))
    var rng = RandomStream(seed: 5)
    let below = (0..<200_000).filter { _ in sampler.sample(&rng) < log(2.0) }.count
    #expect(abs(Double(below) / 200_000 - 0.5) < 0.005)
  }

  @Test func normalIsTruncatedAtZero() {
    var sampler = DistributionSampler(.normal(mean: 0.001, stddev: 0.01))
    var rng = RandomStream(seed: 2)
    for _ in 0..<10_000 { #expect(sampler.sample(&rng) >= 0) }
  }

  @Test func badParametersGiveZeroNotNaN() {
    var rng = RandomStream(seed: 2)
    for d in [
      Distribution.exponential(mean: -1), .constant(.nan), .uniform(low: 3, high: 1),
      .lognormal(mean: 0, stddev: 1), .normal(mean: -1e9, stddev: 1),
    ] {
      var sampler = DistributionSampler(d)
      let x = sampler.sample(&rng)
      #expect(x.isFinite && x >= 0)
    }
  }
}
