import Foundation
import Testing

@testable import ScaleEngine

@Suite struct ZipfSamplerTests {
  static func pmf(s: Double, n: Int) -> [Double] {
    let w = (1...n).map { pow(Double($0), -s) }
    let total = w.reduce(0, +)
    return w.map { $0 / total }
  }

  @Test(arguments: [0.5, 1.0, 1.1, 2.0, 5.0])
  func frequenciesMatchThePMF(exponent: Double) {
    let n = 20
    let zipf = ZipfSampler(exponent: exponent, count: n)
    var rng = RandomStream(seed: 17)
    var counts = [Int](repeating: 0, count: n + 1)
    let draws = 300_000
    for _ in 0..<draws {
      let k = zipf.sample(&rng)
      #expect(k >= 1 && k <= n)
      if k >= 1 && k <= n { counts[k] += 1 }
    }
    let p = Self.pmf(s: exponent, n: n)
    for k in 1...n where p[k - 1] > 0.01 {
      let f = Double(counts[k]) / Double(draws)
      let sd = (p[k - 1] * (1 - p[k - 1]) / Double(draws)).squareRoot()
      #expect(abs(f - p[k - 1]) < 5 * sd, "rank \(k): \(f) vs \(p[k - 1])")
    }
  }

  @Test func hundredMillionKeysAtExponentOne() {
    // P(1) = 1/H_N with H_N ≈ ln N + γ + 1/(2N).
    let n = 100_000_000
    let zipf = ZipfSampler(exponent: 1, count: n)
    var rng = RandomStream(seed: 23)
    let draws = 400_000
    var ones = 0
    var maximum = 0
    for _ in 0..<draws {
      let k = zipf.sample(&rng)
      if k == 1 { ones += 1 }
      maximum = max(maximum, k)
    }
    let p1 = 1 / (log(Double(n)) + 0.577_215_664_9 + 0.5 / Double(n))
    let sd = (p1 * (1 - p1) / Double(draws)).squareRoot()
    #expect(abs(Double(ones) / Double(draws) - p1) < 5 * sd)
    #expect(maximum <= n)
    #expect(maximum > 1_000_000)
  }

  /// The rank table never changes a draw: the same stream gives the same ranks with the
  /// table as through the inversion alone (exponents from the clamp's bottom to its top, two
  /// keys to ten million).
  @Test(arguments: [
    (1.1, 1_000_000), (1.0, 10_000_000), (0.5, 10_000), (2.0, 1000), (5.0, 50), (50.0, 100),
    (0.000_001, 3), (1.1, 2), (0.99, 5000), (1.3, 4097),
  ])
  func rankTableAgreesWithTheInversion(exponent: Double, count: Int) {
    let zipf = ZipfSampler(exponent: exponent, count: count)
    var a = RandomStream(seed: 99)
    var b = RandomStream(seed: 99)
    for i in 0..<200_000 {
      let k = zipf.sample(&a)
      let reference = zipf.sampleRankByInversion(&b)
      if k != reference {
        Issue.record("draw \(i): \(k) with the table, \(reference) by inversion")
        return
      }
    }
  }

  /// At s = 1.1 over 10⁶ keys the table decides most variates (the inversion is the
  /// exception), and each rank it gives is the one the inversion rounds to and accepts.
  @Test func rankTableDecidesMostVariates() {
    let zipf = ZipfSampler(exponent: 1.1, count: 1_000_000)
    guard let table = zipf.table else {
      Issue.record("no table")
      return
    }
    var rng = RandomStream(seed: 5)
    var decided = 0
    let draws = 100_000
    for _ in 0..<draws {
      let u = zipf.hIntegralN + rng.nextDouble() * (zipf.hIntegralX1 - zipf.hIntegralN)
      guard let k = table.acceptedRank(of: u) else { continue }
      decided += 1
      let x = ZipfSampler.hIntegralInverse(u, zipf.exponent)
      let bound = ZipfSampler.hIntegral(Double(k) + 0.5, 1.1) - ZipfSampler.h(Double(k), 1.1)
      #expect(Int(Swift.max(1, x.rounded())) == k && u >= bound)
    }
    #expect(Double(decided) / Double(draws) > 0.6)
  }

  @Test func oneKeyAlwaysGivesRankOne() {
    let zipf = ZipfSampler(exponent: 1.2, count: 1)
    var rng = RandomStream(seed: 1)
    #expect((0..<100).allSatisfy { _ in zipf.sample(&rng) == 1 })
  }

  @Test func keySamplerIsZeroBased() {
    var rng = RandomStream(seed: 4)
    let uniform = KeySampler(.uniform(count: 5))
    let zipf = KeySampler(.zipf(exponent: 1.1, count: 5))
    for _ in 0..<1000 {
      #expect((0..<5).contains(uniform.sample(&rng)))
      #expect((0..<5).contains(zipf.sample(&rng)))
    }
  }
}
