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
    if !pools.isEmpty { poolIntervalsBeforeWarmupReset() }
    stations.warmupEnded(at: now)
    balancers.warmupEnded()
    databases.warmupEnded(stations: stations)
    caches.warmupEnded()
    resilience.warmupEnded(at: now)
    pools.warmupEnded(at: now)
  }

  mutating func intervalTick() {
    client.intervalClosed(currentInterval(), at: now)
    stations.intervalClosed(at: now)
    databases.intervalClosed(stations: stations)
    caches.intervalClosed()
    if !pools.isEmpty { poolIntervalsClosed() }
    let next = now + client.intervalLength
    if next < duration { events.schedule(at: next, kind: .intervalTick) }
  }

  /// The interval from its start to now: the client's figures and each table's.
  mutating func currentInterval() -> IntervalStats {
    var stats = client.interval(at: now, inFlight: activeRequests - activeTimedOut)
    let dt = now - client.intervalStart
    let figures = stations.interval(into: &stats, at: now, length: dt)
    balancers.interval(into: &stats, figures: figures, stations: stations)
    if !pools.isEmpty { poolIntervals(into: &stats, figures: figures) }
    databases.interval(into: &stats, stations: stations)
    caches.interval(into: &stats)
    return stats
  }

  /// Figures so far.
  mutating func result(interrupted: Bool) -> RunResult {
    var r = RunResult(
      seed: seed, duration: now, warmup: Swift.min(warmup, now), interrupted: interrupted)
    client.fill(&r, extraQuantiles: extraQuantiles)
    r.inFlight = measuredInFlight()
    r.eventsProcessed = eventsProcessed
    r.events = runEvents
    r.routes = routeStats()
    var components: [ComponentStats] = []
    // Per station index (servers only): their rows and areas, which balancers sum.
    var rows = [ComponentStats?](repeating: nil, count: stations.count)
    var areas = [StationAreas](repeating: StationAreas(), count: stations.count)
    for s in stations.indices where stations.all[s].role == .server {
      areas[s] = stations.all[s].stats.measuredAreas(at: now, warmupDone: warmupDone)
      let row = stations.componentStats(
        s, at: now, window: measuredSpan, warmupDone: warmupDone, extraQuantiles: extraQuantiles)
      rows[s] = row
      components.append(row)
    }
    for b in balancers.indices where balancers.all[b].reported {
      components.append(
        balancers.componentStats(
          b, rows: rows, areas: areas, stations: stations, warmupDone: warmupDone,
          extraQuantiles: extraQuantiles))
    }
    for p in pools.names.indices {
      components.append(poolStats(p, rows: rows, areas: areas))
    }
    components += caches.componentStats(warmupDone: warmupDone)
    for d in databases.indices {
      components += databases.componentStats(
        d, stations: &stations, at: now, window: measuredSpan, warmupDone: warmupDone,
        extraQuantiles: extraQuantiles)
    }
    for q in queues.indices {
      components.append(
        queues.componentStats(
          q, stations: &stations, at: now, window: measuredSpan, warmupDone: warmupDone,
          extraQuantiles: extraQuantiles))
    }
    components += resilience.componentStats(at: now, warmupDone: warmupDone)
    r.components = components
    var series = client.intervals
    if now > client.intervalStart { series.append(currentInterval()) }
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
}
