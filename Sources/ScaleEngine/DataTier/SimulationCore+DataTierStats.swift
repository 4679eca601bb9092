import ScaleModel

/// The data tier's figures: warm-up snapshots, the time series, per-component statistics and
/// step-mode snapshots.
extension SimulationCore {
  mutating func tierWarmupEnded() {
    // The counters below restart from zero: keep the part of the current interval before
    // this moment by moving the interval's bases down by the counts so far, then up by the
    // (reset) counts after.
    shiftIntervalBases(by: -1)
    defer { shiftIntervalBases(by: 1) }
    for c in dataTier.caches.indices { dataTier.caches[c].resetCounters() }
    for d in dataTier.databases.indices {
      for r in dataTier.databases[d].replication.indices {
        dataTier.databases[d].replication[r].resetCounters()
      }
      for st in dataTier.databases[d].stations.indices {
        dataTier.databases[d].stations[st].warmupAreas = dataTier.databases[d].stations[st].state
          .areas(at: now)
        dataTier.databases[d].stations[st].warmupCounters =
          dataTier.databases[d].stations[st].state.counters
        dataTier.databases[d].stations[st].warmupReads = dataTier.databases[d].stations[st].reads
        dataTier.databases[d].stations[st].warmupWrites = dataTier.databases[d].stations[st].writes
        dataTier.databases[d].stations[st].state.latency.reset()
        dataTier.databases[d].stations[st].state.maxQueue =
          dataTier.databases[d].stations[st].state.queue.count
      }
      dataTier.databases[d].shards.resetCounters()
    }
    for q in dataTier.queues.indices { dataTier.queues[q].queue.resetStatistics(now: now) }
    for l in dataTier.limits.indices { dataTier.limits[l].resetCounters() }
    for b in dataTier.breakers.indices {
      dataTier.breakerWarmup[b] = (dataTier.breakerCalls[b], dataTier.breakers[b].notPermitted)
      dataTier.breakerWarmupOpenTime[b] = breakerNotClosedTime(b)
    }
    dataTier.retries = 0
    dataTier.retriesRefusedByBudget = 0
  }

  mutating func tierInterval(_ stats: inout IntervalStats) {
    let dt = now - intervalStart
    for d in dataTier.databases.indices {
      for st in dataTier.databases[d].stations.indices {
        let a = dataTier.databases[d].stations[st].state.areas(at: now)
        let p = dataTier.databases[d].stations[st].intervalAreas
        let name = dataTier.databases[d].stations[st].name
        let coreArea = a.cores - p.cores
        stats.utilisation[name] = coreArea > 0 ? (a.busy - p.busy) / coreArea : 0
        stats.queueLength[name] = dt > 0 ? (a.queue - p.queue) / dt : 0
        dataTier.databases[d].stations[st].intervalAreas = a
      }
    }
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
    for d in dataTier.databases.indices where dataTier.databases[d].replicas > 0 {
      let totals = readTotals(database: d)
      let reads = totals.reads - at(base.reads, d)
      stats.staleReads[dataTier.databases[d].spec.name] =
        reads > 0 ? Double(totals.stale - at(base.staleReads, d)) / Double(reads) : 0
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
  mutating func tierIntervalEnded() {
    dataTier.intervalBase = IntervalBase()
    for q in dataTier.queues.indices {
      dataTier.queues[q].intervalDepthArea = 0
      dataTier.queues[q].intervalBusyArea = 0
    }
    shiftIntervalBases(by: 1)
  }

  /// Database `d`'s stale reads (counters reset at the warm-up's end) and reads (every
  /// station; never reset).
  func readTotals(database d: Int) -> (stale: Int, reads: Int) {
    let db = dataTier.databases[d]
    var stale = 0
    for set in db.replication { stale += set.staleReads.reduce(0, +) }
    return (stale, db.stations.reduce(0) { $0 + $1.reads })
  }

  /// Adds `sign` × the counters and areas so far to the interval's bases (sizing them first).
  mutating func shiftIntervalBases(by sign: Int) {
    let caches = dataTier.caches.count
    let databases = dataTier.databases.count
    if dataTier.intervalBase.cacheHits.count != caches {
      dataTier.intervalBase.cacheHits = [Int](repeating: 0, count: caches)
      dataTier.intervalBase.cacheLookups = [Int](repeating: 0, count: caches)
    }
    if dataTier.intervalBase.reads.count != databases {
      dataTier.intervalBase.staleReads = [Int](repeating: 0, count: databases)
      dataTier.intervalBase.reads = [Int](repeating: 0, count: databases)
    }
    for c in 0..<caches {
      let counts = dataTier.caches[c].counters
      dataTier.intervalBase.cacheHits[c] += sign * counts.hits
      dataTier.intervalBase.cacheLookups[c] += sign * counts.lookups
    }
    for d in 0..<databases {
      let totals = readTotals(database: d)
      dataTier.intervalBase.staleReads[d] += sign * totals.stale
      dataTier.intervalBase.reads[d] += sign * totals.reads
    }
    for q in dataTier.queues.indices {
      let a = dataTier.queues[q].queue.areas(upTo: now)
      dataTier.queues[q].intervalDepthArea += Double(sign) * a.depth
      dataTier.queues[q].intervalBusyArea += Double(sign) * a.busy
    }
  }

  /// Station `st` of database `d`: its areas over the measured window (zero before the
  /// warm-up ends).
  func stationMeasuredAreas(_ d: Int, _ st: Int) -> StationAreas {
    guard warmupDone else { return StationAreas() }
    let station = dataTier.databases[d].stations[st]
    var state = station.state
    let a = state.areas(at: now)
    let base = station.warmupAreas
    return StationAreas(
      busy: a.busy - base.busy, queue: a.queue - base.queue, cores: a.cores - base.cores,
      down: a.down - base.down)
  }

  func stationStats(_ d: Int, _ st: Int, name: String? = nil) -> ComponentStats {
    let station = dataTier.databases[d].stations[st]
    let s = station.state
    var c = ComponentStats(name: name ?? station.name, kind: station.kind)
    let a = stationMeasuredAreas(d, st)
    let counts = warmupDone ? s.counters - station.warmupCounters : StationCounters()
    // The measured window, as for servers (docs/engine.md, "One window for every figure").
    let t = measuredSpan
    c.arrivals = counts.arrivals
    c.completed = counts.completed
    c.errors = ErrorCounts(rejected: counts.rejected, unavailable: counts.unavailable)
    c.utilisation = a.cores > 0 ? a.busy / a.cores : 0
    c.meanQueueLength = t > 0 ? a.queue / t : 0
    c.meanInSystem = t > 0 ? (a.busy + a.queue) / t : 0
    c.maxQueueLength = warmupDone ? s.maxQueue : 0
    c.latency = warmupDone ? s.latency.summary(extra: extraQuantiles) : LatencySummary()
    c.downTime = a.down
    c.healthy = !s.unavailable
    c.cores = s.cores
    if warmupDone {
      c.reads = station.reads - station.warmupReads
      c.writes = station.writes - station.warmupWrites
    }
    let db = dataTier.databases[d]
    if let r = db.replicaIndex(ofStation: st) {
      let rs = db.replication[db.shard(ofStation: st)]
      if r < rs.staleReads.count { c.staleReads = warmupDone ? rs.staleReads[r] : 0 }
    }
    return c
  }

  mutating func tierStats() -> [ComponentStats] {
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
    for d in dataTier.databases.indices { out += databaseStats(d) }
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

  func databaseStats(_ d: Int) -> [ComponentStats] {
    let db = dataTier.databases[d]
    var stations = db.stations.indices.map { stationStats(d, $0) }
    let totalReads = stations.reduce(0) { $0 + $1.reads }
    let totalWrites = stations.reduce(0) { $0 + $1.writes }
    let totalStale = stations.reduce(0) { $0 + $1.staleReads }
    if db.shards.shardCount == 1 {
      // The primary is the database.
      stations[0].reads = totalReads
      stations[0].writes = totalWrites
      stations[0].staleReads = totalStale
      return stations
    }
    var c = ComponentStats(name: db.spec.name, kind: .database)
    // Utilisation: busy over provisioned core-seconds of all stations (a station scaled up
    // mid-run weighs by the core-seconds it had, not by its cores at the end).
    var busy = 0.0
    var coreArea = 0.0
    for st in db.stations.indices {
      let a = stationMeasuredAreas(d, st)
      busy += a.busy
      coreArea += a.cores
    }
    for s in stations {
      c.arrivals += s.arrivals
      c.completed += s.completed
      c.errors.rejected += s.errors.rejected
      c.errors.unavailable += s.errors.unavailable
      c.meanQueueLength += s.meanQueueLength
      c.meanInSystem += s.meanInSystem
      c.maxQueueLength = Swift.max(c.maxQueueLength, s.maxQueueLength)
      c.cores += s.cores
      c.downTime = Swift.max(c.downTime, s.downTime)
    }
    c.utilisation = coreArea > 0 ? busy / coreArea : 0
    c.reads = totalReads
    c.writes = totalWrites
    c.staleReads = totalStale
    c.healthy = stations.allSatisfy(\.healthy)
    var merged = LatencyRecorder()
    if warmupDone { for s in db.stations { merged.add(s.state.latency) } }
    c.latency = merged.summary(extra: extraQuantiles)
    return [c] + stations
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

  func tierSnapshots() -> [ComponentSnapshot] {
    var out: [ComponentSnapshot] = []
    for c in dataTier.caches { out.append(ComponentSnapshot(name: c.spec.name, kind: .cache)) }
    for db in dataTier.databases {
      for st in db.stations {
        var s = st.state
        let a = s.areas(at: now)
        out.append(
          ComponentSnapshot(
            name: st.name, kind: st.kind, cores: s.cores, busy: s.busy, queueLength: s.queue.count,
            inSystem: s.inSystem, failed: s.unavailable, healthy: !s.unavailable,
            utilisation: a.cores > 0 ? a.busy / a.cores : 0, busyCoreSeconds: a.busy,
            coreSeconds: a.cores))
      }
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
