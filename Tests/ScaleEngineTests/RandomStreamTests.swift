import Testing

@testable import ScaleEngine

@Suite struct RandomStreamTests {
  @Test func splitMix64MatchesTheReferenceOutput() {
    var state: UInt64 = 0
    #expect(RandomStream.splitMix64(&state) == 0xE220_A839_7B1D_CDAF)
    #expect(RandomStream.splitMix64(&state) == 0x6E78_9E6A_A1B9_65F4)
  }

  @Test func xoshiro256StarStarMatchesTheReferenceOutput() {
    // Reference: state {1, 2, 3, 4} gives 11520, 0, 1509978240, 1215971899390074240.
    var rng = RandomStream(state: 1, 2, 3, 4)
    #expect(rng.next() == 11520)
    #expect(rng.next() == 0)
    #expect(rng.next() == 1_509_978_240)
    #expect(rng.next() == 1_215_971_899_390_074_240)
  }

  @Test func sameSeedSameStreamAndPurposesDiffer() {
    var a = RandomStream(seed: 42, purpose: "arrivals")
    var b = RandomStream(seed: 42, purpose: "arrivals")
    var c = RandomStream(seed: 42, purpose: "service:web-1")
    var d = RandomStream(seed: 43, purpose: "arrivals")
    let xa = (0..<8).map { _ in a.next() }
    #expect(xa == (0..<8).map { _ in b.next() })
    #expect(xa != (0..<8).map { _ in c.next() })
    #expect(xa != (0..<8).map { _ in d.next() })
  }

  @Test func doublesStayInTheirIntervals() {
    var rng = RandomStream(seed: 3)
    var sum = 0.0
    for _ in 0..<100_000 {
      let u = rng.nextDouble()
      let v = rng.nextOpenDouble()
      #expect(u >= 0 && u < 1)
      #expect(v > 0 && v <= 1)
      sum += u
    }
    #expect(abs(sum / 100_000 - 0.5) < 0.005)
  }

  @Test(arguments: [1, 2, 3, 7, 10])
  func integersAreUniform(bound: Int) {
    var rng = RandomStream(seed: 9)
    var counts = [Int](repeating: 0, count: bound)
    let n = 70_000
    for _ in 0..<n {
      let k = rng.nextInt(below: bound)
      #expect(k >= 0 && k < bound)
      if k >= 0 && k < bound { counts[k] += 1 }
    }
    let expected = Double(n) / Double(bound)
    let chi2 = counts.reduce(0.0) {
      $0 + (Double($1) - expected) * (Double($1) - expected) / expected
    }
    // 99.9% quantile of χ² with ≤ 9 degrees of freedom is 27.9.
    #expect(chi2 < 27.9)
  }

  @Test func nonPositiveBoundGivesZero() {
    var rng = RandomStream(seed: 1)
    #expect(rng.nextInt(below: 0) == 0)
    #expect(rng.nextInt(below: -5) == 0)
  }
}
