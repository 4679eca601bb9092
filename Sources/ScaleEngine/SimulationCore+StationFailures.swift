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

  /// Fails `list` (named `name` in the narration): every request they hold fails. With
  /// `duration`, they come back together after it (one `event` run event told by
  /// `recovery`, by default `NAME recovered after its failure period`; with `cores` when
  /// given). `quiet`: no `fail` event.
  mutating func failStations(
    _ list: [Int], name: String, for duration: Double?, quiet: Bool = false,
    recovery: RunEvent.Account? = nil, event: RunEvent.Kind = .recover, cores: Int? = nil
  ) {
    guard let first = list.first else { return }
    var held = 0
    for s in list {
      stations.all[s].epoch &+= 1
      held += stations.all[s].inSystem
      stations.all[s].setUnavailable(true, at: now)
    }
    for s in list { dropRequests(station: s) }
    let server = stations.all[first].role == .server
    var account = RunEvent.Account(
      restating: "\(name) fails",
      phrase: (server ? "it refuses every request" : "requests to it fail")
        + (held > 0 ? " and the \(held) it held fail" : ""))
    if let d = duration, d.isFinite, d >= 0 {
      scheduleOutage(
        Outage(
          name: name, stations: list, epochs: list.map { stations.all[$0].epoch }, event: event,
          recovery: recovery
            ?? RunEvent.Account(
              restating: "\(name) recovered", cause: "after its failure period"),
          cores: cores), after: d)
      // Servers' durations are spoken (`2 min`), databases' in seconds (`120 s`), as before.
      account.remark = "it recovers after \(Format.duration(d, server ? .spoken : .seconds))"
    }
    if !quiet { note(.fail, name, account) }
  }

  /// `outage` ends after `d` seconds (one `autoRecover` event carrying its index).
  mutating func scheduleOutage(_ outage: Outage, after d: Double) {
    stations.outages.append(outage)
    events.schedule(
      at: now + d, kind: .autoRecover, a: Int32(truncatingIfNeeded: stations.outages.count - 1))
  }

  /// `list` is back in service now: a run event of `kind` told by `account` (and, for a
  /// recovery of a server that health checks marked down, when it gets traffic again).
  mutating func recoverStations(
    _ list: [Int], name: String, _ account: RunEvent.Account, kind: RunEvent.Kind = .recover
  ) {
    for s in list {
      stations.all[s].epoch &+= 1
      stations.all[s].setUnavailable(false, at: now)
    }
    var account = account
    if kind == .recover && list.contains(where: { stations.all[$0].markedDownCount > 0 }) {
      account.remark = "it gets traffic again once health checks mark it up"
    }
    note(kind, name, account)
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
    recoverStations(back, name: outage.name, outage.recovery, kind: outage.event)
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
    var what: [String] = []
    if cores != nil { what.append("\(newCores) cores") }
    if let ramGB { what.append(Format.upToThreeDecimals(ramGB) + " GB RAM") }
    if let storageGB { what.append(Format.upToThreeDecimals(storageGB) + " GB storage") }
    let target = what.isEmpty ? "the same size" : what.joined(separator: ", ")
    if downtime.isFinite && downtime > 0 {
      let held = stations.all[s].inSystem
      let back = Swift.max(1, Swift.min(newCores, Int(Int32.max)))
      failStations(
        [s], name: name, for: downtime, quiet: true,
        recovery: RunEvent.Account("\(name) is back with \(back) cores", leadingName: name),
        event: .scaleUpDone, cores: back)
      note(
        .scaleUp, name,
        "\(name) scales up to \(target): down for \(Format.duration(downtime, .spoken))"
          + (held > 0 ? ", the \(held) requests it held fail" : ""), leadingName: name)
    } else {
      setCores(s, newCores)
      note(
        .scaleUp, name, "\(name) scales up to \(target) with no downtime", leadingName: name)
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
        .scaleUp, name,
        "\(name) scales up to \(newCores) cores: down for \(Format.duration(downtime, .seconds))",
        leadingName: name)
      failStations(
        all, name: name, for: downtime, quiet: true,
        recovery: RunEvent.Account(restating: "\(name) is back with \(newCores) cores"))
    } else {
      for s in all { startQueued(station: s) }
      note(
        .scaleUp, name, "\(name) scales up to \(newCores) cores with no downtime", leadingName: name
      )
    }
  }
}
