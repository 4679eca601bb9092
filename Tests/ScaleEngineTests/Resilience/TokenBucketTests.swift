import Testing

@testable import ScaleEngine

@Suite struct TokenBucketTests {
  /// Burst b at once, then exactly one token every 1/r seconds.
  @Test func burstThenRate() {
    var b = TokenBucket(rate: 4, burst: 3)
    var passed: [Bool] = []
    for _ in 0..<4 { passed.append(b.tryTake(now: 0)) }
    #expect(passed == [true, true, true, false])
    passed = []
    passed.append(b.tryTake(now: 0.125))  // half a token
    passed.append(b.tryTake(now: 0.25))  // one token
    passed.append(b.tryTake(now: 0.25))
    passed.append(b.tryTake(now: 10))  // refilled to capacity, not 39 tokens
    passed.append(b.tryTake(now: 10))
    passed.append(b.tryTake(now: 10))
    passed.append(b.tryTake(now: 10))
    #expect(passed == [false, true, false, true, true, true, false])
    #expect(b.admitted == 7)
    #expect(b.rejected == 4)
  }

  /// Requests every millisecond for 10 s at 100 tokens/s with burst 5: 5 + 100 × 10 pass.
  @Test func longRunRate() {
    var b = TokenBucket(rate: 100, burst: 5)
    var passed = 0
    for i in 0...10_000 where b.tryTake(now: Double(i) / 1000) { passed += 1 }
    #expect(passed == 1005)
  }

  @Test func badInput() {
    var zero = TokenBucket(rate: -1, burst: -2)
    do {
      let ok = zero.tryTake(now: 100) == false
      #expect(ok)
    }
    var nanRate = TokenBucket(rate: .nan, burst: 1)
    do {
      let ok = nanRate.tryTake(now: 0)
      #expect(ok)
    }
    do {
      let ok = nanRate.tryTake(now: 1e9) == false
      #expect(ok)
    }
    var backwards = TokenBucket(rate: 1, burst: 1)
    do {
      let ok = backwards.tryTake(now: 5)
      #expect(ok)
    }
    do {
      let ok = backwards.tryTake(now: 4) == false
      #expect(ok)
    }
    #expect(backwards.available(at: 6) == 1)
  }
}
