import ScaleModel

/// Failure, recovery and vertical scaling of stations, one path for servers and database
/// stations: a failure drops what the station holds (`dropRequests`), a timed failure or a
/// scale-up's downtime is an `Outage` that one `autoRecover` event ends.
extension SimulationCore {
  /// The stations a name denotes: a server; a database (every shard's primary); a database
  /// station (`orders/shard-2`, `orders/replica-1`, `orders/shard-2/replica-1`).
  func stationsNamed(_ name: String) -> [Int]? {
    if let s = stations.serverByName[name] { return [s] }
    for d in databases.all.indices {
      let db = databases.all[d]
      if name == db.spec.name {
        return (0..<db.shards.shardCount).map { db.station(db.primary(ofShard: $0)) }
      }
      for k in 0..<db.stationCount where stations.all[db.station(k)].name == name {
        return [db.station(k)]
      }
    }
    return nil
  }

  /// Fails `list` (named `name` in the run events): every request they hold fails. With
  /// `duration`, they come back together after it (one run event of fact `recovery`, by
  /// default recovered after its failure period; with `cores` when given). `quiet`: no
  /// `fail` event.
  mutating func failStations(
    _ list: [Int], name: String, for duration: Double?, quiet: Bool = false,
    recovery: RunEvent.Fact = .recovered(.init(afterFailurePeriod: true)), cores: Int? = nil
  ) {
    guard !list.isEmpty else { return }
    var held = 0
    for s in list {
      stations.all[s].epoch &+= 1
      held += stations.all[s].inSystem
      stations.all[s].setUnavailable(true, at: now)
    }
    for s in list { dropRequests(station: s) }
    var recoversAfter: Double?
    if let d = duration, d.isFinite, d >= 0 {
      scheduleOutage(
        Outage(
          name: name, stations: list, epochs: list.map { stations.all[$0].epoch },
          recovery: recovery, cores: cores), after: d)
      recoversAfter = d
    }
    if !quiet {
      note(
        name,
        .stationFailed(
          station: stationKind(list), held: held, recoversAfter: recoversAfter))
    }
  }

  /// `outage` ends after `d` seconds (one `autoRecover` event carrying its index).
  mutating func scheduleOutage(_ outage: Outage, after d: Double) {
    stations.outages.append(outage)
    events.schedule(
      at: now + d, kind: .autoRecover, a: Int32(truncatingIfNeeded: stations.outages.count - 1))
  }

  /// Whether `list` (non-empty) is a server or a database's stations.
  func stationKind(_ list: [Int]) -> RunEvent.Fact.Station {
    guard let first = list.first, stations.all[first].role != .server else { return .server }
    return .database
  }

  /// `list` is back in service now: a run event of `fact` (for a recovery of a server that
  /// health checks marked down, saying it waits for them).
  mutating func recoverStations(_ list: [Int], name: String, _ fact: RunEvent.Fact) {
    for s in list {
      stations.all[s].epoch &+= 1
      stations.all[s].setUnavailable(false, at: now)
    }
    var fact = fact
    if case .recovered(var recovery) = fact,
      list.contains(where: { stations.all[$0].markedDownCount > 0 })
    {
      recovery.awaitsHealthChecks = true
      fact = .recovered(recovery)
    }
    note(name, fact)
  }

  /// An outage's time is up: its stations that were not failed or recovered again since come
  /// back (with their new cores after a scale-up).
  mutating func outageEnded(_ o: Int) {
    guard o >= 0, o < stations.outages.count else { return }
    let outage = stations.outages[o]
    var back: [Int] = []
    for (s, epoch) in zip(outage.stations, outage.epochs)
    where s < stations.count && stations.all[s].epoch == epoch && stations.all[s].unavailable {
      back.append(s)
    }
    guard !back.isEmpty else { return }
    if let cores = outage.cores {
      for s in back { setCores(s, cores) }
    }
    recoverStations(back, name: outage.name, outage.recovery)
  }

  /// New core count for station `s` from now; waiting requests start on new cores.
  mutating func setCores(_ s: Int, _ cores: Int) {
    stations.all[s].setCores(cores, at: now)
    startQueued(station: s)
  }

  /// `scale-up` of a server: with downtime it fails (what it holds fails) and comes back
  /// with its new cores; without, the cores change now.
  mutating func scaleUp(
    server s: Int, cores: Int?, ramGB: Double?, storageGB: Double?, downtime: Double
  ) {
    let name = stations.all[s].name
    let newCores = Swift.max(1, cores ?? stations.all[s].cores)
    if let ramGB { stations.all[s].spec.ramGB = ramGB }
    if let storageGB { stations.all[s].spec.storageGB = storageGB }
    var size = RunEvent.Fact.ScaleUp(
      station: .server, cores: cores != nil ? newCores : nil, ramGB: ramGB,
      storageGB: storageGB, downtime: nil)
    if downtime.isFinite && downtime > 0 {
      let held = stations.all[s].inSystem
      let back = Swift.max(1, Swift.min(newCores, Int(Int32.max)))
      failStations(
        [s], name: name, for: downtime, quiet: true,
        recovery: .backAfterScaleUp(station: .server, cores: back), cores: back)
      size.downtime = downtime
      size.held = held
      note(name, .scaledUp(size))
    } else {
      setCores(s, newCores)
      note(name, .scaledUp(size))
    }
  }

  /// `scale-up` of a database: every station gets the new core count now; with downtime they
  /// are down for it (what they hold fails).
  mutating func scaleUp(database d: Int, cores: Int?, downtime: Double) {
    let name = databases.all[d].spec.name
    let all = databases.all[d].stationIndices
    let newCores = Swift.min(Swift.max(1, cores ?? databases.all[d].spec.cores), 1 << 20)
    for s in all { stations.all[s].setCores(newCores, at: now) }
    databases.all[d].spec.cores = newCores
    if downtime.isFinite, downtime > 0 {
      note(
        name, .scaledUp(.init(station: .database, cores: newCores, downtime: downtime)))
      failStations(
        all, name: name, for: downtime, quiet: true,
        recovery: .backAfterScaleUp(station: .database, cores: newCores))
    } else {
      for s in all { startQueued(station: s) }
      note(name, .scaledUp(.init(station: .database, cores: newCores, downtime: nil)))
    }
  }
}
