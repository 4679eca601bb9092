import ScaleModel

/// Warm-up, the time series and the figures of a run.
///
/// Per-component counters and time integrals run from the start; at the end of the warm-up they
/// are snapshotted and reports show current − snapshot, so the warm-up is left out without
/// touching the hot path. Every time average divides by the measured window, also for a
/// component that exists for part of it (zero outside its life), so L = λW holds per station
/// with λ over the same window; utilisation is busy over provisioned core-seconds. Client figures (offered, completed, errors, end-to-end latency) count
/// only requests sent after the warm-up. The time series covers the whole run, warm-up
/// included, in intervals of `intervalLength` seconds (duration/60 rounded up to 1, 2 or 5 × 10ⁿ,
/// at least 1 s); its latency and counts cover every request that ended in the interval.
extension SimulationCore {
  mutating func endWarmup() {
    warmupDone = true
    stations.warmupEnded(at: now)
    for b in balancers.indices {
      balancers[b].warmupCounters = balancers[b].counters
    }
    databases.warmupEnded(stations: stations)
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
    intervalErrorCauses = ErrorCounts()
    stations.intervalClosed(at: now)
    databases.intervalClosed(stations: stations)
    dataTierIntervalClosed()
    let next = now + intervalLength
    if next < duration { events.schedule(at: next, kind: .intervalTick) }
  }

  /// The interval from `intervalStart` to now.
  mutating func currentInterval() -> IntervalStats {
    var stats = IntervalStats(start: intervalStart, end: now)
    stats.offered = intervalOffered
    stats.completed = intervalCompleted
    stats.errors = intervalErrors
    stats.inFlight = activeRequests - activeTimedOut
    stats.errorCauses = intervalErrorCauses
    if intervalWarmupLatency.count == 0 {
      stats.latency = intervalLatency.summary
    } else {
      var all = intervalWarmupLatency
      all.add(intervalLatency)
      stats.latency = all.summary
    }
    let dt = now - intervalStart
    let figures = stations.interval(into: &stats, at: now, length: dt)
    for b in balancers where b.reported {
      var busy = 0.0
      var cores = 0.0
      var queue = 0.0
      var inService = 0
      for s in b.servers where s < figures.count {
        busy += figures[s].busy
        cores += figures[s].cores
        queue += figures[s].queue
        if stations.isInService(s) { inService += 1 }
      }
      stats.poolServers[b.name] = inService
      stats.utilisation[b.name] = cores > 0 ? busy / cores : 0
      stats.queueLength[b.name] = queue
    }
    databases.interval(into: &stats, stations: stations)
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
    r.inFlight = measuredInFlight()
    var total = latency
    total.add(intervalLatency)
    r.latency = total.summary(extra: extraQuantiles)
    r.eventsProcessed = eventsProcessed
    r.events = runEvents
    r.routes = routeStats()
    var components: [ComponentStats] = []
    // Per station index (servers only): their rows and areas, which balancers sum.
    var rows = [ComponentStats?](repeating: nil, count: stations.count)
    var areas = [StationAreas](repeating: StationAreas(), count: stations.count)
    for s in stations.indices where stations[s].role == .server {
      areas[s] = stations[s].stats.measuredAreas(at: now, warmupDone: warmupDone)
      let row = stations.componentStats(
        s, at: now, window: measuredSpan, warmupDone: warmupDone, extraQuantiles: extraQuantiles)
      rows[s] = row
      components.append(row)
    }
    for b in balancers.indices where balancers[b].reported {
      components.append(balancerStats(b, servers: rows, areas: areas))
    }
    components += dataTierStats()
    r.components = components
    var series = intervals
    if now > intervalStart { series.append(currentInterval()) }
    r.intervals = series
    r.verdicts = ExpectationEvaluator.evaluate(scenario.expectations, result: r)
    return r
  }

  /// Measured requests present now that have not ended as a success or an error: active and
  /// not yet timed out (a timed-out request still held by a server is already an error).
  func measuredInFlight() -> Int {
    var n = 0
    for r in requests where r.active && r.measured && !r.timedOut { n += 1 }
    return n
  }

  /// The latency quantiles the scenario's `expect` statements name beyond the five every
  /// summary holds, ascending: each summary of the result reads them from its histogram too.
  static func extraQuantiles(for expectations: [Expectation]) -> [Double] {
    var qs = Set<Double>()
    for e in expectations {
      if case .latency(let q) = e.metric, q > 0, q < 1,
        !LatencySummary.standardQuantiles.contains(q)
      {
        qs.insert(q)
      }
    }
    return qs.sorted()
  }

  /// The measured window [warm-up end, now]: every time average divides by this, whatever the
  /// component's own life (see docs/engine.md, "One window for every figure").
  var measuredSpan: Double { warmupDone ? Swift.max(0, now - warmup) : 0 }

  /// A balancer's figures: its own counters; L, queue and latency of its backends together;
  /// utilisation = their busy core-seconds over their provisioned core-seconds (a server
  /// that joined late weighs by the core-seconds it had, not by its cores at the end).
  func balancerStats(_ b: Int, servers stats: [ComponentStats?], areas: [StationAreas])
    -> ComponentStats
  {
    let bal = balancers[b]
    var c = ComponentStats(name: bal.name, kind: .balancer)
    let counts = warmupDone ? bal.counters - bal.warmupCounters : StationCounters()
    c.arrivals = counts.arrivals
    c.completed = counts.completed
    c.errors = ErrorCounts(rejected: counts.rejected, unavailable: counts.unavailable)
    var busy = 0.0
    var coreArea = 0.0
    var cores = 0
    for s in bal.servers where s < stats.count && s < areas.count {
      guard let row = stats[s] else { continue }
      busy += areas[s].busy
      coreArea += areas[s].cores
      // Cores at the end: a server that was removed and has drained no longer has any.
      if !stations[s].retired { cores += row.cores }
      c.meanQueueLength += row.meanQueueLength
      c.meanInSystem += row.meanInSystem
      c.maxQueueLength = Swift.max(c.maxQueueLength, row.maxQueueLength)
    }
    c.utilisation = coreArea > 0 ? busy / coreArea : 0
    c.cores = cores
    // Its backends' latencies together (failover adds no time, so this is routing → done).
    var merged = LatencyRecorder()
    if warmupDone {
      for s in bal.servers where s < stations.count { merged.add(stations[s].stats.latency) }
    }
    c.latency = merged.summary(extra: extraQuantiles)
    c.healthy = !bal.eligible.isEmpty
    return c
  }
}
