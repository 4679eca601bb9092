import ScaleModel

/// Availability zones going dark and coming back (`fail zone`, `recover zone`;
/// docs/semantics.md, "Zones"). What is in a zone is decided when the event applies, from the
/// components' `zone`, so a server added later (`add server … zone a`, a scale-out of a zoned
/// pool) is in it; one that joins while its zone is dark starts down and comes up with the
/// zone, as a node started in a failed availability zone stays NotReady until the zone's
/// network is back.
extension SimulationCore {
  /// Every server, cache and database in the zone fails (servers first, then caches, then
  /// databases, each in declaration order; a database with all its stations, replicas
  /// included); with `duration`, each comes back after it.
  mutating func failZone(_ name: String, for duration: Double?) {
    let (z, epoch) = zones.fail(name, now: now, for: duration)
    for s in servers.indices where servers[s].spec.zone == name {
      failServer(s, for: duration)
    }
    for c in dataTier.caches.indices where dataTier.caches[c].spec.zone == name {
      failCache(c, for: duration)
    }
    for d in dataTier.databases.indices where dataTier.databases[d].spec.zone == name {
      failStations(
        d, Array(dataTier.databases[d].stations.indices), name: dataTier.databases[d].spec.name,
        for: duration)
    }
    if let d = duration, d.isFinite, d >= 0 {
      events.schedule(
        at: now + d, kind: .dataTier, a: Int32(truncatingIfNeeded: z), b: epoch,
        c: DataTierState.Tag.zoneEnd.rawValue)
    }
  }

  /// Everything in the zone comes back, servers that joined it while it was dark included.
  mutating func recoverZone(_ name: String) {
    zones.recover(name)
    for s in servers.indices where servers[s].spec.zone == name {
      recoverServer(s, cause: nil)
    }
    for c in dataTier.caches.indices where dataTier.caches[c].spec.zone == name {
      recoverCache(c, cause: nil)
    }
    for d in dataTier.databases.indices where dataTier.databases[d].spec.zone == name {
      recoverStations(
        d, Array(dataTier.databases[d].stations.indices), name: dataTier.databases[d].spec.name,
        RunEvent.Account(restating: "\(dataTier.databases[d].spec.name) recovered"))
    }
  }

  /// A timed zone outage is over (unless the zone was failed or recovered again since): its
  /// caches come back. Servers and database stations come back by their own timers, set
  /// when they failed or joined the dark zone.
  mutating func zoneEnded(zone z: Int, epoch: UInt32) {
    guard zones.end(zone: z, epoch: epoch) else { return }
    let name = zones.names[z]
    for c in dataTier.caches.indices
    where dataTier.caches[c].spec.zone == name && dataTier.caches[c].down {
      recoverCache(c, cause: "after its failure period")
    }
  }

  /// A server just joined the run: in a dark zone it starts down, and comes up when the zone
  /// does (a timed outage) or at `recover zone`.
  mutating func joinZone(server s: Int) {
    guard let zone = servers[s].spec.zone, let left = zones.remaining(zone, now: now) else {
      return
    }
    let name = servers[s].spec.name
    servers[s].epoch &+= 1
    setUnavailable(s, true)
    var account = RunEvent.Account(restating: "\(name) starts down", phrase: "zone \(zone) is dark")
    if left.isFinite {
      events.schedule(
        at: now + left, kind: .autoRecover, a: Int32(truncatingIfNeeded: s), b: servers[s].epoch)
      account.remark = "it comes up with the zone after \(Format.duration(left, .spoken))"
    } else {
      account.phrase = "zone \(zone) is dark until `recover zone \(zone)`"
    }
    note(.fail, name, account)
  }

  /// A cache's nodes become unreachable: lookups miss (cache-aside clients treat a connection
  /// error as a miss and read the database), fills and invalidations are lost, and what the
  /// nodes held is gone (a restarted Redis without persistence comes back empty).
  mutating func failCache(_ c: Int, for duration: Double?) {
    dataTier.caches[c].setDown(true)
    let name = dataTier.caches[c].spec.name
    var account = RunEvent.Account(
      restating: "\(name) fails",
      phrase: "its nodes are unreachable, lookups miss and go on to the database")
    if let d = duration, d.isFinite, d >= 0 {
      account.remark = "it recovers after \(Format.duration(d, .spoken))"
    }
    note(.fail, name, account)
  }

  /// `cause`: why, when not by the script (`after its failure period`).
  mutating func recoverCache(_ c: Int, cause: String?) {
    dataTier.caches[c].setDown(false)
    let name = dataTier.caches[c].spec.name
    note(
      .recover, name,
      RunEvent.Account(
        restating: "\(name) recovered", cause: cause, phrase: "its nodes come back empty"))
  }
}
