import Foundation
import Testing

@testable import ScaleEngine

@Suite struct ReplicaSetTests {
  /// Constant lags 1 s and 3 s; writes at 10 and 20; reads at known times.
  @Test func exactStaleCounts() {
    var set = ReplicaSet(replicas: 2)
    let lags = [1.0, 3.0]
    var stale: [Bool] = []
    stale.append(set.read(key: 5, replica: 0, at: 9))  // never written: fresh
    set.write(key: 5, commit: 10) { lags[$0] }
    stale.append(set.read(key: 5, replica: 0, at: 10))  // 10 ≤ 10 < 11: stale
    stale.append(set.read(key: 5, replica: 0, at: 10.5))  // stale
    stale.append(set.read(key: 5, replica: 0, at: 11))  // visible at 11: fresh
    stale.append(set.read(key: 5, replica: 1, at: 12))  // < 13: stale
    stale.append(set.read(key: 5, replica: 1, at: 13))  // fresh
    stale.append(set.read(key: 6, replica: 1, at: 13))  // other key: fresh
    set.write(key: 5, commit: 20) { lags[$0] }
    stale.append(set.read(key: 5, replica: 0, at: 20.999))  // stale
    stale.append(set.read(key: 5, replica: 1, at: 22.5))  // stale
    stale.append(set.read(key: 5, replica: 1, at: 23))  // fresh
    #expect(stale == [false, true, true, false, true, false, false, true, true, false])
    #expect(set.reads == [5, 5])
    #expect(set.staleReads == [3, 2])
    #expect(set.writes == 2)
  }

  /// A later write with a shorter lag cannot overtake an earlier one on the same replica.
  @Test func perKeyApplyOrder() {
    var set = ReplicaSet(replicas: 1)
    set.write(key: 1, commit: 0) { _ in 5 }
    set.write(key: 1, commit: 1) { _ in 1 }
    #expect(set.visibleTime(key: 1, replica: 0) == 5)
    #expect(set.isStale(key: 1, replica: 0, at: 3))
    #expect(!set.isStale(key: 1, replica: 0, at: 5))
  }

  @Test func badInput() {
    var none = ReplicaSet(replicas: -3)
    #expect(none.replicas == 0)
    none.write(key: 1, commit: 0) { _ in 1 }
    #expect(none.read(key: 1, replica: 0, at: 0.5) == false)
    var one = ReplicaSet(replicas: 1)
    one.write(key: 1, commit: 0) { _ in .nan }
    #expect(one.isStale(key: 1, replica: 0, at: 1e12))
    #expect(one.read(key: 1, replica: 7, at: 1) == false)
    one.write(key: 2, commit: 0) { _ in -4 }
    #expect(!one.isStale(key: 2, replica: 0, at: 0))
  }

  /// Poisson writes at w per key, constant lag L, reads at random times: a read is stale iff
  /// a write fell in the last L seconds, so P(stale) = 1 − e^(−wL) = 1 − e^(−0.4) ≈ 0.3297.
  @Test func poissonStaleProbability() {
    var rng = TierTestRNG(seed: 3)
    var set = ReplicaSet(replicas: 3)
    let keys = 50
    let w = 2.0
    let lag = 0.2
    let writeRate = w * Double(keys)
    let readRate = 200.0
    var nextWrite = rng.exponential(rate: writeRate)
    var nextRead = rng.exponential(rate: readRate)
    var stale = 0
    var reads = 0
    while reads < 200_000 {
      if nextWrite < nextRead {
        set.write(key: Int(rng.next() % UInt64(keys)), commit: nextWrite) { _ in lag }
        nextWrite += rng.exponential(rate: writeRate)
      } else {
        if nextRead > 5 {  // past the first writes of every key
          let key = Int(rng.next() % UInt64(keys))
          if set.read(key: key, replica: Int(rng.next() % 3), at: nextRead) { stale += 1 }
          reads += 1
        }
        nextRead += rng.exponential(rate: readRate)
      }
    }
    let expected = 1 - exp(-w * lag)
    #expect(abs(Double(stale) / Double(reads) - expected) < 0.005)
    #expect(set.staleReads.reduce(0, +) == stale)
  }
}
