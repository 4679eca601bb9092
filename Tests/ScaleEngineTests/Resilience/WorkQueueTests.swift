import ScaleModel
import Testing

@testable import ScaleEngine

/// A queue and its workers' station driven by hand, as the engine drives them: `offer` on
/// arrival (a `.start` begins a service), `finish` when a worker is done, then the station's
/// next waiting messages.
struct QueueRig {
  var queue: WorkQueue
  var workers: Station

  init(_ spec: QueueSpec) {
    queue = WorkQueue(spec: spec, station: 0)
    workers = WorkQueue.workers(of: spec, queue: 0, seed: 1, now: 0)
  }

  /// Offers a message; a free worker starts it at once.
  mutating func offer(key: Int, at now: Double) -> QueueOffer {
    let offer = queue.offer(key: key, at: now, to: &workers)
    if case .start(let m) = offer { _ = workers.beginService(m, generation: 0, at: now) }
    return offer
  }

  /// A worker is done with `m`; returns the message and the one it starts next, if any.
  mutating func finish(_ m: Int32, at now: Double) -> (done: QueuedMessage?, next: Int32?) {
    let done = queue.finish(m, at: now, workers: &workers)
    let next = workers.nextWaiting(at: now)
    if let next { _ = workers.beginService(next, generation: 0, at: now) }
    return (done, next)
  }

  /// The station's figures over [0, `now`] (or since its warm-up ended).
  mutating func figures(at now: Double, window: Double) -> ComponentStats {
    workers.stats.componentStats(
      name: queue.name, kind: .queue, at: now, window: window, warmupDone: true,
      extraQuantiles: [])
  }
}

@Suite struct WorkQueueTests {
  /// Two workers, max depth 1, reject: a scripted sequence with exact depth and latency.
  @Test func scriptedReject() {
    var q = QueueRig(QueueSpec(name: "jobs", workers: 2, maxDepth: 1, overflow: .reject))
    #expect(q.offer(key: 1, at: 0) == .start(0))
    #expect(q.offer(key: 2, at: 0) == .start(1))
    #expect(q.offer(key: 3, at: 1) == .waiting)
    #expect(q.offer(key: 4, at: 2) == .refused(.rejected))  // one already waiting
    #expect(q.workers.queue.count == 1)
    let first = q.finish(0, at: 3)
    #expect(first.done == QueuedMessage(key: 1, enqueuedAt: 0))
    #expect(first.next == 2)
    #expect(q.queue.messages[2] == QueuedMessage(key: 3, enqueuedAt: 1))
    _ = q.finish(1, at: 4)
    _ = q.finish(2, at: 5)
    let c = q.figures(at: 5, window: 5)
    // Depth 1 from 1 to 3 over 5 s; busy 2,2,2,1(4..5)... = (2×4 + 1×1) / 5 / 2.
    #expect(c.meanQueueLength == 0.4)
    #expect(c.utilisation == 0.9)
    #expect(c.maxQueueLength == 1)
    #expect(c.arrivals == 4 && c.errors.rejected == 1 && c.completed == 3)
    // Little's law holds exactly: L = (2×4 + 1×1 + 1×2) / 5 = 11/5 = λW = 3/5 × 11/3.
    #expect(abs(c.meanInSystem - 11.0 / 5) < 1e-12)
    let l = c.latency
    #expect(l.count == 3)
    #expect(abs(l.mean - 11.0 / 3) < 1e-12)  // 3, 4, 4
    #expect(l.max == 4)
    #expect(abs(l.p50 - 4) < 0.004)
  }

  @Test func dropOldest() {
    var q = QueueRig(QueueSpec(name: "jobs", workers: 1, maxDepth: 2, overflow: .dropOldest))
    #expect(q.offer(key: 1, at: 0) == .start(0))
    #expect(q.offer(key: 2, at: 1) == .waiting)
    #expect(q.offer(key: 3, at: 2) == .waiting)
    #expect(q.offer(key: 4, at: 3) == .waiting)  // drops 2, the oldest waiting
    #expect(q.workers.queue.count == 2)
    #expect(q.workers.stats.counters.rejected == 1)
    #expect(q.workers.stats.counters.arrivals == 4)
    // The dropped message's number is reused by the new one; 3 is served next, then 4.
    let first = q.finish(0, at: 4)
    #expect(first.next.map { q.queue.messages[Int($0)].key } == 3)
    let second = q.finish(first.next ?? -1, at: 5)
    #expect(second.done?.key == 3)
    #expect(second.next.map { q.queue.messages[Int($0)].key } == 4)
    #expect(q.figures(at: 5, window: 5).maxQueueLength == 2)

    var zero = QueueRig(QueueSpec(name: "z", workers: 1, maxDepth: 0, overflow: .dropOldest))
    #expect(zero.offer(key: 1, at: 0) == .start(0))  // a free worker takes it
    #expect(zero.offer(key: 2, at: 0) == .refused(.rejected))  // nothing to drop
    #expect(zero.workers.stats.counters.rejected == 1)
  }

  /// A finished message's number is free: a second completion of it finds nothing.
  @Test func aMessageFinishesOnce() {
    var q = QueueRig(QueueSpec(name: "jobs", workers: 1))
    _ = q.offer(key: 7, at: 0)
    #expect(q.finish(0, at: 1).done?.key == 7)
    #expect(q.finish(0, at: 2).done == nil)
    #expect(q.finish(5, at: 2).done == nil)
    #expect(q.workers.stats.counters.completed == 1)
  }

  /// M/M/1 with λ = 0.5, μ = 1: mean time in system 1/(μ − λ) = 2, mean waiting
  /// ρ²/(1 − ρ) = 0.5.
  @Test func mm1() {
    var rng = TierTestRNG(seed: 21)
    var q = QueueRig(QueueSpec(name: "jobs", workers: 1))
    var now = 0.0
    var nextArrival = rng.exponential(rate: 0.5)
    var inService: (message: Int32, end: Double)?
    var key = 0
    while q.workers.stats.counters.completed < 200_000 {
      if let s = inService, s.end <= nextArrival {
        now = s.end
        inService = q.finish(s.message, at: now).next.map { ($0, now + rng.exponential(rate: 1)) }
      } else {
        now = nextArrival
        key += 1
        if case .start(let m) = q.offer(key: key, at: now) {
          inService = (m, now + rng.exponential(rate: 1))
        }
        nextArrival = now + rng.exponential(rate: 0.5)
      }
    }
    let c = q.figures(at: now, window: now)
    #expect(abs(c.latency.mean - 2) < 0.06)
    #expect(abs(c.meanQueueLength - 0.5) < 0.03)
    #expect(abs(c.utilisation - 0.5) < 0.01)
  }

  /// At the warm-up's end the figures start afresh; messages stay.
  @Test func warmupStartsStatisticsAfresh() {
    var q = QueueRig(QueueSpec(name: "jobs", workers: 0))
    #expect(q.workers.cores == 1)
    _ = q.offer(key: 1, at: 0)
    _ = q.offer(key: 2, at: 0)
    q.workers.stats.warmupEnded(at: 10, waiting: q.workers.queue.count)
    _ = q.finish(0, at: 12)
    let c = q.figures(at: 12, window: 2)
    #expect(c.completed == 1 && c.arrivals == 0)
    #expect(c.meanQueueLength == 1)
    #expect(c.maxQueueLength == 1)
    #expect(c.latency.count == 1)
    #expect(c.latency.mean == 12)
  }

  /// The workers' station: workers as cores (1 … `maxWorkers`), workers + max-depth
  /// messages present at most (no limit without max-depth, none that overflows), service
  /// times from the queue's own stream.
  @Test func theWorkersStation() {
    let spec = QueueSpec(name: "jobs", workers: 3, maxDepth: 5)
    var s = WorkQueue.workers(of: spec, queue: 2, seed: 9, now: 0)
    #expect(s.role == .queue && s.kind == .queue && s.local == 2)
    #expect(s.cores == 3 && s.maxConnections == 8)
    var stream = RandomStream(seed: 9, purpose: "queue:jobs")
    var sampler = DistributionSampler(spec.service)
    #expect(s.sampleServiceTime() == sampler.sample(&stream))
    let huge = WorkQueue.workers(
      of: QueueSpec(name: "q", workers: 1_000_000, maxDepth: Int.max), queue: 0, seed: 1, now: 0)
    #expect(huge.cores == WorkQueue.maxWorkers && huge.maxConnections == Int.max)
    let unbounded = WorkQueue.workers(of: QueueSpec(name: "q"), queue: 0, seed: 1, now: 0)
    #expect(unbounded.maxConnections == Int.max)
  }
}
