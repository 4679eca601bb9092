import ScaleModel

/// The data tier's figures: warm-up snapshots, the time series, per-component statistics and
/// step-mode snapshots.
extension SimulationCore {
  /// The warm-up ends: caches, queues, rate limits, breakers and retry counters restart.
  mutating func dataTierWarmupEnded() {
    // The counters below restart from zero: keep the part of the current interval before
    // this moment by moving the interval's bases down by the counts so far, then up by the
    // (reset) counts after.
    shiftIntervalBases(by: -1)
    defer { shiftIntervalBases(by: 1) }
    for c in dataTier.caches.indices { dataTier.caches[c].resetCounters() }
    for q in dataTier.queues.indices { dataTier.queues[q].queue.resetStatistics(now: now) }
    for l in dataTier.limits.indices { dataTier.limits[l].resetCounters() }
    for b in dataTier.breakers.indices {
      dataTier.breakerWarmup[b] = (dataTier.breakerCalls[b], dataTier.breakers[b].notPermitted)
      dataTier.breakerWarmupOpenTime[b] = breakerNotClosedTime(b)
    }
    dataTier.retries = 0
    dataTier.retriesRefusedByBudget = 0
  }

  /// Hit rates and queues in this interval so far.
  mutating func dataTierInterval(_ stats: inout IntervalStats) {
    let dt = now - intervalStart
    // The bases are sized at the first interval's end or the warm-up's, whichever is first:
    // before that they are zero.
    let base = dataTier.intervalBase
    func at(_ values: [Int], _ i: Int) -> Int { i < values.count ? values[i] : 0 }
    for c in dataTier.caches.indices {
      let counts = dataTier.caches[c].counters
      let lookups = counts.lookups - at(base.cacheLookups, c)
      stats.hitRate[dataTier.caches[c].spec.name] =
        lookups > 0 ? Double(counts.hits - at(base.cacheHits, c)) / Double(lookups) : 0
    }
    for q in dataTier.queues.indices {
      let state = dataTier.queues[q]
      let a = state.queue.areas(upTo: now)
      let workerSeconds = dt * Double(state.queue.workers)
      stats.utilisation[state.name] =
        workerSeconds > 0 ? (a.busy - state.intervalBusyArea) / workerSeconds : 0
      stats.queueLength[state.name] = dt > 0 ? (a.depth - state.intervalDepthArea) / dt : 0
    }
  }

  /// A new interval starts now: its bases are the counters and areas so far.
  mutating func dataTierIntervalClosed() {
    dataTier.intervalBase = IntervalBase()
    for q in dataTier.queues.indices {
      dataTier.queues[q].intervalDepthArea = 0
      dataTier.queues[q].intervalBusyArea = 0
    }
    shiftIntervalBases(by: 1)
  }

  /// Adds `sign` × the counters and areas so far to the interval's bases (sizing them first).
  mutating func shiftIntervalBases(by sign: Int) {
    let caches = dataTier.caches.count
    if dataTier.intervalBase.cacheHits.count != caches {
      dataTier.intervalBase.cacheHits = [Int](repeating: 0, count: caches)
      dataTier.intervalBase.cacheLookups = [Int](repeating: 0, count: caches)
    }
    for c in 0..<caches {
      let counts = dataTier.caches[c].counters
      dataTier.intervalBase.cacheHits[c] += sign * counts.hits
      dataTier.intervalBase.cacheLookups[c] += sign * counts.lookups
    }
    for q in dataTier.queues.indices {
      let a = dataTier.queues[q].queue.areas(upTo: now)
      dataTier.queues[q].intervalDepthArea += Double(sign) * a.depth
      dataTier.queues[q].intervalBusyArea += Double(sign) * a.busy
    }
  }

  /// Caches, databases, queues, breakers and rate limits.
  mutating func dataTierStats() -> [ComponentStats] {
    var out: [ComponentStats] = []
    for c in dataTier.caches.indices { out += dataTier.caches[c].componentStats() }
    if !warmupDone {
      for i in out.indices {
        out[i].hits = 0
        out[i].misses = 0
        out[i].evictions = 0
        out[i].arrivals = 0
        out[i].completed = 0
        out[i].reads = 0
      }
    }
    for d in databases.indices {
      out += databases.componentStats(
        d, stations: &stations, at: now, window: measuredSpan, warmupDone: warmupDone,
        extraQuantiles: extraQuantiles)
    }
    for q in dataTier.queues.indices { out.append(queueStats(q)) }
    for b in dataTier.breakers.indices {
      var c = ComponentStats(name: dataTier.breakers[b].spec.name, kind: .breaker)
      if warmupDone {
        c.arrivals = dataTier.breakerCalls[b] - dataTier.breakerWarmup[b].calls
        c.errors.breakerOpen = dataTier.breakers[b].notPermitted - dataTier.breakerWarmup[b].refused
        c.completed = c.arrivals - c.errors.breakerOpen
        // Time open or half-open in the measured window ("open for" in reports).
        c.downTime = breakerNotClosedTime(b) - dataTier.breakerWarmupOpenTime[b]
      }
      c.healthy = dataTier.breakers[b].state == .closed
      out.append(c)
    }
    for l in dataTier.limits.indices {
      var c = ComponentStats(name: dataTier.limitNames[l], kind: .rateLimit)
      if warmupDone {
        c.arrivals = dataTier.limits[l].admitted + dataTier.limits[l].rejected
        c.completed = dataTier.limits[l].admitted
        c.errors.rejected = dataTier.limits[l].rejected
      }
      out.append(c)
    }
    return out
  }

  func queueStats(_ q: Int) -> ComponentStats {
    let w = dataTier.queues[q].queue
    var c = ComponentStats(name: dataTier.queues[q].name, kind: .queue)
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

  mutating func dataTierSnapshots() -> [ComponentSnapshot] {
    var out: [ComponentSnapshot] = []
    for c in dataTier.caches { out.append(ComponentSnapshot(name: c.spec.name, kind: .cache)) }
    for d in databases.indices {
      for s in databases[d].stationIndices { out.append(stations.snapshot(s, at: now)) }
    }
    for q in dataTier.queues {
      out.append(
        ComponentSnapshot(
          name: q.name, kind: .queue, cores: q.queue.workers, busy: q.queue.busy,
          queueLength: q.queue.depth, inSystem: q.queue.busy + q.queue.depth))
    }
    for b in dataTier.breakers {
      out.append(ComponentSnapshot(name: b.spec.name, kind: .breaker, healthy: b.state == .closed))
    }
    for name in dataTier.limitNames { out.append(ComponentSnapshot(name: name, kind: .rateLimit)) }
    return out
  }
}
