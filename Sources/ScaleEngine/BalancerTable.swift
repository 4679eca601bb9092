import ScaleModel

/// The balancers of the run (the implicit one of several servers without a balancer
/// included, not reported), with their steps: warm-up, interval (each pool's figures from
/// its servers'), figures and snapshot.
struct BalancerTable {
  let all = FlatTable<BalancerState>()
  var byName: [String: Int] = [:]

  var count: Int { all.count }
  var indices: Range<Int> { all.indices }

  /// Adds a balancer (named ones can be found by name); returns its index.
  @discardableResult
  mutating func append(_ balancer: BalancerState) -> Int {
    if balancer.reported { byName[balancer.name] = all.count }
    all.append(balancer)
    return all.count - 1
  }

  /// The warm-up ends: counters count from here.
  mutating func warmupEnded() {
    for b in all.indices { all[b].warmupCounters = all[b].counters }
  }

  /// Each reported balancer's pool in this interval so far: servers in service,
  /// utilisation (its servers' busy over provisioned core-seconds) and the number waiting,
  /// from the stations' `figures`.
  func interval(
    into stats: inout IntervalStats, figures: [(busy: Double, cores: Double, queue: Double)],
    stations: StationTable
  ) {
    for b in all where b.reported {
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
  }

  /// Balancer `b`'s figures: its own counters; L, queue and latency of its backends together
  /// (`rows` and `areas` per station index: the servers' figures and measured areas);
  /// utilisation = their busy core-seconds over their provisioned core-seconds (a server
  /// that joined late weighs by the core-seconds it had, not by its cores at the end).
  func componentStats(
    _ b: Int, rows: [ComponentStats?], areas: [StationAreas], stations: StationTable,
    warmupDone: Bool, extraQuantiles: [Double]
  ) -> ComponentStats {
    let bal = all[b]
    var c = ComponentStats(name: bal.name, kind: .balancer)
    let counts = warmupDone ? bal.counters - bal.warmupCounters : StationCounters()
    c.arrivals = counts.arrivals
    c.completed = counts.completed
    c.errors = ErrorCounts(rejected: counts.rejected, unavailable: counts.unavailable)
    var busy = 0.0
    var coreArea = 0.0
    var cores = 0
    for s in bal.servers where s < rows.count && s < areas.count {
      guard let row = rows[s] else { continue }
      busy += areas[s].busy
      coreArea += areas[s].cores
      // Cores at the end: a server that was removed and has drained no longer has any.
      if !stations.all[s].retired { cores += row.cores }
      c.meanQueueLength += row.meanQueueLength
      c.meanInSystem += row.meanInSystem
      c.maxQueueLength = Swift.max(c.maxQueueLength, row.maxQueueLength)
    }
    c.utilisation = coreArea > 0 ? busy / coreArea : 0
    c.cores = cores
    // Its backends' latencies together (failover adds no time, so this is routing → done).
    var merged = LatencyRecorder()
    if warmupDone {
      for s in bal.servers where s < stations.count { merged.add(stations.all[s].stats.latency) }
    }
    c.latency = merged.summary(extra: extraQuantiles)
    c.healthy = !bal.eligible.isEmpty
    return c
  }

  /// Balancer `b` now: its servers together.
  func snapshot(_ b: Int, stations: inout StationTable, at now: Double) -> ComponentSnapshot {
    let bal = all[b]
    var c = ComponentSnapshot(name: bal.name, kind: .balancer)
    var busyArea = 0.0
    var coreArea = 0.0
    for s in bal.servers {
      let a = stations.all[s].stats.areas(at: now)
      busyArea += a.busy
      coreArea += a.cores
      c.cores += stations.all[s].cores
      c.busy += stations.all[s].busy
      c.queueLength += stations.all[s].queue.count
      c.inSystem += stations.all[s].inSystem
    }
    c.utilisation = coreArea > 0 ? busyArea / coreArea : 0
    c.busyCoreSeconds = busyArea
    c.coreSeconds = coreArea
    c.healthy = !bal.eligible.isEmpty
    return c
  }
}
