import ScaleModel

/// A queue and its workers.
struct QueueState {
  var queue: WorkQueue
  var service: DistributionSampler
  var rng: RandomStream
  var name: String
  /// The job each worker is serving (nil: idle).
  var running: [QueuedJob?]
  var nextID = 0
  /// The queue's areas at the start of the current interval (shifted at the warm-up's end,
  /// when the queue's own areas restart from zero).
  var intervalDepthArea = 0.0
  var intervalBusyArea = 0.0

  /// Adds `sign` × the areas so far to the interval's bases.
  mutating func shiftIntervalBases(by sign: Int, at now: Double) {
    let a = queue.areas(upTo: now)
    intervalDepthArea += Double(sign) * a.depth
    intervalBusyArea += Double(sign) * a.busy
  }
}

/// The message queues of the run and their steps: warm-up, interval, figures, snapshot.
struct QueueTable {
  var all: [QueueState] = []

  var count: Int { all.count }
  var indices: Range<Int> { all.indices }

  /// The warm-up ends now: statistics restart; the interval's bases keep the part of the
  /// current interval before this moment.
  mutating func warmupEnded(at now: Double) {
    for q in all.indices {
      all[q].shiftIntervalBases(by: -1, at: now)
      all[q].queue.resetStatistics(now: now)
      all[q].shiftIntervalBases(by: 1, at: now)
    }
  }

  /// A new interval starts now.
  mutating func intervalClosed(at now: Double) {
    for q in all.indices {
      all[q].intervalDepthArea = 0
      all[q].intervalBusyArea = 0
      all[q].shiftIntervalBases(by: 1, at: now)
    }
  }

  /// Workers' utilisation and mean depth per queue in this interval so far (`dt` seconds).
  func interval(into stats: inout IntervalStats, at now: Double, length dt: Double) {
    for state in all {
      let a = state.queue.areas(upTo: now)
      let workerSeconds = dt * Double(state.queue.workers)
      stats.utilisation[state.name] =
        workerSeconds > 0 ? (a.busy - state.intervalBusyArea) / workerSeconds : 0
      stats.queueLength[state.name] = dt > 0 ? (a.depth - state.intervalDepthArea) / dt : 0
    }
  }

  /// Queue `q`'s figures (since the warm-up's end, when its statistics restarted).
  func componentStats(_ q: Int, at now: Double, warmupDone: Bool) -> ComponentStats {
    let w = all[q].queue
    var c = ComponentStats(name: all[q].name, kind: .queue)
    c.cores = w.workers
    c.healthy = true
    guard warmupDone else { return c }
    c.arrivals = w.accepted + w.rejected
    c.completed = w.completed
    c.errors.rejected = w.rejected + w.dropped
    c.utilisation = w.utilisation(upTo: now)
    c.meanQueueLength = w.meanDepth(upTo: now)
    c.maxQueueLength = w.maxDepthSeen
    c.meanInSystem = c.meanQueueLength + c.utilisation * Double(w.workers)
    c.latency = w.latency
    c.writes = w.completed
    return c
  }

  func snapshots() -> [ComponentSnapshot] {
    all.map { q in
      ComponentSnapshot(
        name: q.name, kind: .queue, cores: q.queue.workers, busy: q.queue.busy,
        queueLength: q.queue.depth, inSystem: q.queue.busy + q.queue.depth)
    }
  }
}
