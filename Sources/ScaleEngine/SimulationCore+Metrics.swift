import ScaleModel

/// Warm-up, the time series and the figures of a run.
///
/// Per-component counters and time integrals run from the start; at the end of the warm-up they
/// are snapshotted and reports show current − snapshot, so the warm-up is left out without
/// touching the hot path. Client figures (offered, completed, errors, end-to-end latency) count
/// only requests sent after the warm-up. The time series covers the whole run, warm-up
/// included, in intervals of `intervalLength` seconds (duration/60 rounded up to 1, 2 or 5 × 10ⁿ,
/// at least 1 s); its latency and counts cover every request that ended in the interval.
extension SimulationCore {
  mutating func endWarmup() {
    warmupDone = true
    for s in servers.indices {
      serverWarmup[s] = (servers[s].areas(at: now), servers[s].counters)
      servers[s].latency.reset()
      servers[s].maxQueue = servers[s].queue.count
    }
    for b in balancers.indices {
      balancers[b].warmupCounters = balancers[b].counters
    }
    dataTierWarmupEnded()
  }

  mutating func intervalTick() {
    intervals.append(currentInterval())
    intervalStart = now
    latency.add(intervalLatency)
    intervalLatency.reset()
    intervalWarmupLatency.reset()
    intervalOffered = 0
    intervalCompleted = 0
    intervalErrors = 0
    for s in servers.indices { serverIntervalAreas[s] = servers[s].areas(at: now) }
    let next = now + intervalLength
    if next < duration { events.schedule(at: next, kind: .intervalTick) }
  }

  /// The interval from `intervalStart` to now.
  mutating func currentInterval() -> IntervalStats {
    var stats = IntervalStats(start: intervalStart, end: now)
    stats.offered = intervalOffered
    stats.completed = intervalCompleted
    stats.errors = intervalErrors
    if intervalWarmupLatency.count == 0 {
      stats.latency = intervalLatency.summary
    } else {
      var all = intervalWarmupLatency
      all.add(intervalLatency)
      stats.latency = all.summary
    }
    let dt = now - intervalStart
    var live = 0
    for s in servers.indices {
      let a = servers[s].areas(at: now)
      let p = serverIntervalAreas[s]
      let coreArea = a.cores - p.cores
      stats.utilisation[servers[s].spec.name] = coreArea > 0 ? (a.busy - p.busy) / coreArea : 0
      stats.queueLength[servers[s].spec.name] = dt > 0 ? (a.queue - p.queue) / dt : 0
      if !servers[s].removed && !servers[s].isDown { live += 1 }
    }
    for b in balancers where b.reported {
      var busy = 0.0
      var cores = 0.0
      var queue = 0.0
      for s in b.servers {
        busy += (stats.utilisation[servers[s].spec.name] ?? 0) * Double(servers[s].cores)
        cores += Double(servers[s].cores)
        queue += stats.queueLength[servers[s].spec.name] ?? 0
      }
      stats.utilisation[b.name] = cores > 0 ? busy / cores : 0
      stats.queueLength[b.name] = queue
    }
    stats.servers = live
    dataTierInterval(&stats)
    return stats
  }

  /// Figures so far.
  mutating func result(interrupted: Bool) -> RunResult {
    var r = RunResult(
      seed: seed, duration: now, warmup: Swift.min(warmup, now), interrupted: interrupted)
    r.offered = offered
    r.completed = completed
    r.errors = errors
    var total = latency
    total.add(intervalLatency)
    r.latency = total.summary
    r.eventsProcessed = eventsProcessed
    r.events = runEvents
    var components: [ComponentStats] = []
    for s in servers.indices { components.append(serverStats(s)) }
    for b in balancers.indices where balancers[b].reported {
      components.append(balancerStats(b, servers: components))
    }
    components += dataTierStats()
    r.components = components
    var series = intervals
    if now > intervalStart { series.append(currentInterval()) }
    r.intervals = series
    r.verdicts = ExpectationEvaluator.evaluate(scenario.expectations, result: r)
    return r
  }

  mutating func serverStats(_ s: Int) -> ComponentStats {
    var c = ComponentStats(name: servers[s].spec.name, kind: .server)
    let areas = servers[s].areas(at: now)
    let base = warmupDone ? serverWarmup[s].areas : areas
    let counts = warmupDone ? servers[s].counters - serverWarmup[s].counters : StationCounters()
    let start = Swift.max(warmup, servers[s].createdAt)
    let t = now - start
    c.arrivals = counts.arrivals
    c.completed = counts.completed
    c.errors = ErrorCounts(
      rejected: counts.rejected, timedOut: counts.timedOut, unavailable: counts.unavailable)
    let coreArea = areas.cores - base.cores
    c.utilisation = coreArea > 0 ? (areas.busy - base.busy) / coreArea : 0
    c.meanQueueLength = t > 0 ? (areas.queue - base.queue) / t : 0
    c.meanInSystem = t > 0 ? (areas.busy - base.busy + areas.queue - base.queue) / t : 0
    c.maxQueueLength = warmupDone ? servers[s].maxQueue : 0
    c.latency = warmupDone ? servers[s].latency.summary : LatencySummary()
    c.downTime = areas.down - base.down
    c.healthy = !servers[s].isDown
    c.cores = servers[s].cores
    return c
  }

  func balancerStats(_ b: Int, servers stats: [ComponentStats]) -> ComponentStats {
    let bal = balancers[b]
    var c = ComponentStats(name: bal.name, kind: .balancer)
    let counts = warmupDone ? bal.counters - bal.warmupCounters : StationCounters()
    c.arrivals = counts.arrivals
    c.completed = counts.completed
    c.errors = ErrorCounts(rejected: counts.rejected, unavailable: counts.unavailable)
    var busy = 0.0
    var cores = 0
    for s in bal.servers where s < stats.count {
      busy += stats[s].utilisation * Double(stats[s].cores)
      cores += stats[s].cores
      c.meanQueueLength += stats[s].meanQueueLength
      c.meanInSystem += stats[s].meanInSystem
      c.maxQueueLength = Swift.max(c.maxQueueLength, stats[s].maxQueueLength)
    }
    c.utilisation = cores > 0 ? busy / Double(cores) : 0
    c.cores = cores
    // Its backends' latencies together (failover adds no time, so this is routing → done).
    var merged = LatencyRecorder()
    if warmupDone {
      for s in bal.servers where s < servers.count { merged.add(servers[s].latency) }
    }
    c.latency = merged.summary
    c.healthy = !bal.eligible.isEmpty
    return c
  }
}
