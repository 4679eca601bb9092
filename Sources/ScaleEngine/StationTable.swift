import ScaleModel

/// A timed failure: when its time is up, the stations that were not failed or recovered
/// again since (their epoch is unchanged) come back, with one run event.
struct Outage {
  /// The name the failure was given (a server, a database, a database station).
  var name: String
  var stations: [Int]
  var epochs: [UInt32]
  /// The run event's fact when they come back (`recovered`, `backAfterScaleUp`).
  var recovery: RunEvent.Fact
  /// Cores they come back with (a scale-up with downtime), nil: unchanged.
  var cores: Int?
}

/// Every queueing station of the run — servers, database primaries and replicas, queues'
/// workers — in one flat table, indexed by `Int` (balancer backends, autoscaler groups, route
/// pools, database shards and queues hold these indices). It owns the stations' steps of the
/// run: warm-up, interval, figures and snapshot. The hot path reads `stations.all[s]` directly: a
/// subscript forwarding to the array cost a coroutine call per access (callgrind), and so
/// do the other tables. `all` is a `FlatTable` (written in place, no copy-on-write check), so
/// a `StationTable` passed by value shares its stations: the run has one, in its core.
struct StationTable {
  let all = FlatTable<Station>()
  /// Servers by name (database stations are named through their database).
  var serverByName: [String: Int] = [:]
  /// Servers ever added (removed ones included).
  private(set) var serverCount = 0
  /// Timed failures (`Outage`), indexed by their recovery event.
  var outages: [Outage] = []

  var count: Int { all.count }
  var indices: Range<Int> { all.indices }

  /// Adds a station; returns its index.
  mutating func append(_ station: Station) -> Int {
    if station.role == .server {
      serverByName[station.name] = all.count
      serverCount += 1
    }
    all.append(station)
    return all.count - 1
  }

  /// The warm-up ends now: every station's figures count from here.
  mutating func warmupEnded(at now: Double) {
    for s in all.indices { all[s].stats.warmupEnded(at: now, waiting: all[s].queue.count) }
  }

  /// A new interval of the time series starts now.
  mutating func intervalClosed(at now: Double) {
    for s in all.indices { all[s].stats.intervalClosed(at: now) }
  }

  /// This interval so far (`dt` seconds): each station's utilisation and mean number waiting
  /// into `stats`, and the servers in service. Returns each station's busy and provisioned
  /// core-seconds and mean number waiting, for the pools that sum them.
  mutating func interval(into stats: inout IntervalStats, at now: Double, length dt: Double)
    -> [(busy: Double, cores: Double, queue: Double)]
  {
    var figures: [(busy: Double, cores: Double, queue: Double)] = []
    figures.reserveCapacity(all.count)
    var live = 0
    // One entry per station (100 000 in a large pool): room made once, not by doubling.
    stats.utilisation.reserveCapacity(stats.utilisation.count + all.count)
    stats.queueLength.reserveCapacity(stats.queueLength.count + all.count)
    for s in all.indices {
      let f = all[s].stats.interval(at: now, length: dt)
      stats.utilisation[all[s].name] = f.utilisation
      stats.queueLength[all[s].name] = f.queueLength
      figures.append((f.busy, f.cores, f.queueLength))
      if all[s].role == .server && isInService(s) { live += 1 }
    }
    stats.servers = live
    return figures
  }

  /// Not failed, not marked down, not removed.
  func isInService(_ s: Int) -> Bool { !all[s].removed && !all[s].isDown }

  /// Station `s`'s figures over the measured window.
  mutating func componentStats(
    _ s: Int, at now: Double, window: Double, warmupDone: Bool, extraQuantiles: [Double]
  ) -> ComponentStats {
    var c = all[s].stats.componentStats(
      name: all[s].name, kind: all[s].kind, at: now, window: window, warmupDone: warmupDone,
      extraQuantiles: extraQuantiles)
    c.healthy = !all[s].isDown
    c.cores = all[s].cores
    return c
  }

  /// Station `s` now.
  mutating func snapshot(_ s: Int, at now: Double) -> ComponentSnapshot {
    let a = all[s].stats.areas(at: now)
    let st = all[s]
    return ComponentSnapshot(
      name: st.name, kind: st.kind, cores: st.cores, busy: st.busy,
      queueLength: st.queue.count, inSystem: st.inSystem, failed: st.unavailable,
      markedDown: st.markedDownCount > 0, healthy: isInService(s),
      utilisation: a.cores > 0 ? a.busy / a.cores : 0, busyCoreSeconds: a.busy,
      coreSeconds: a.cores)
  }
}
