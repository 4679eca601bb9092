import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct WorkQueueTests {
  /// Two workers, max depth 1, reject: a scripted sequence with exact depth and latency.
  @Test func scriptedReject() {
    var q = WorkQueue(workers: 2, maxDepth: 1, overflow: .reject)
    do {
      let ok = q.enqueue(id: 1, now: 0) == .accepted
      #expect(ok)
    }
    let j1 = q.startNext(now: 0)
    do {
      let ok = q.enqueue(id: 2, now: 0) == .accepted
      #expect(ok)
    }
    let j2 = q.startNext(now: 0)
    do {
      let ok = q.enqueue(id: 3, now: 1) == .accepted  // waits
      #expect(ok)
    }
    do {
      let ok = q.startNext(now: 1) == nil
      #expect(ok)
    }
    do {
      let ok = q.enqueue(id: 4, now: 2) == .rejected  // one already waiting
      #expect(ok)
    }
    #expect(q.depth == 1)
    if let j1 { q.finish(j1, now: 3) }
    let j3 = q.startNext(now: 3)
    #expect(j3 == QueuedJob(id: 3, enqueuedAt: 1))
    if let j2 { q.finish(j2, now: 4) }
    if let j3 { q.finish(j3, now: 5) }
    // Depth 1 from 1 to 3 over 5 s; busy 2,2,2,1(4..5)... = (2×4 + 1×1) / 5 / 2.
    #expect(q.meanDepth(upTo: 5) == 0.4)
    #expect(q.utilisation(upTo: 5) == 0.9)
    #expect(q.maxDepthSeen == 1)
    #expect(q.accepted == 3 && q.rejected == 1 && q.completed == 3)
    let l = q.latency
    #expect(l.count == 3)
    #expect(abs(l.mean - 11.0 / 3) < 1e-12)  // 3, 4, 4
    #expect(l.max == 4)
    #expect(abs(l.p50 - 4) < 0.004)
  }

  @Test func dropOldest() {
    var q = WorkQueue(workers: 1, maxDepth: 2, overflow: .dropOldest)
    _ = q.enqueue(id: 1, now: 0)
    _ = q.startNext(now: 0)
    _ = q.enqueue(id: 2, now: 1)
    _ = q.enqueue(id: 3, now: 2)
    do {
      let ok = q.enqueue(id: 4, now: 3) == .acceptedDropping(QueuedJob(id: 2, enqueuedAt: 1))
      #expect(ok)
    }
    #expect(q.dropped == 1)
    #expect(q.depth == 2)
    var zero = WorkQueue(workers: 1, maxDepth: 0, overflow: .dropOldest)
    do {
      let ok = zero.enqueue(id: 1, now: 0) == .accepted  // a free worker takes it
      #expect(ok)
    }
    _ = zero.startNext(now: 0)
    do {
      let ok = zero.enqueue(id: 2, now: 0) == .rejected  // nothing to drop
      #expect(ok)
    }
  }

  /// M/M/1 with λ = 0.5, μ = 1: mean time in system 1/(μ − λ) = 2, mean waiting
  /// ρ²/(1 − ρ) = 0.5.
  @Test func mm1() {
    var rng = TierTestRNG(seed: 21)
    var q = WorkQueue(workers: 1)
    var now = 0.0
    var nextArrival = rng.exponential(rate: 0.5)
    var inService: (job: QueuedJob, end: Double)?
    var id = 0
    while q.completed < 200_000 {
      if let s = inService, s.end <= nextArrival {
        now = s.end
        q.finish(s.job, now: now)
        inService = nil
      } else {
        now = nextArrival
        id += 1
        _ = q.enqueue(id: id, now: now)
        nextArrival = now + rng.exponential(rate: 0.5)
      }
      if inService == nil, let j = q.startNext(now: now) {
        inService = (j, now + rng.exponential(rate: 1))
      }
    }
    #expect(abs(q.latency.mean - 2) < 0.06)
    #expect(abs(q.meanDepth(upTo: now) - 0.5) < 0.03)
    #expect(abs(q.utilisation(upTo: now) - 0.5) < 0.01)
  }

  @Test func resetStartsStatisticsAfresh() {
    var q = WorkQueue(spec: QueueSpec(name: "jobs", workers: 0))
    #expect(q.workers == 1)
    _ = q.enqueue(id: 1, now: 0)
    _ = q.enqueue(id: 2, now: 0)
    let j = q.startNext(now: 0)
    q.resetStatistics(now: 10)
    #expect(q.completed == 0 && q.accepted == 0)
    if let j { q.finish(j, now: 12) }
    #expect(q.meanDepth(upTo: 12) == 1)
    #expect(q.latency.count == 1)
    #expect(q.latency.mean == 12)
  }
}
