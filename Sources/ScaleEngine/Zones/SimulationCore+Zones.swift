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
    for s in stations.indices
    where stations.all[s].role == .server && stations.all[s].spec.zone == name {
      failStations([s], name: stations.all[s].name, for: duration)
    }
    for c in caches.indices where caches.all[c].spec.zone == name {
      failCache(c, for: duration)
    }
    for d in databases.indices where databases.all[d].spec.zone == name {
      failStations(
        databases.all[d].stationIndices, name: databases.all[d].spec.name, for: duration)
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
    for s in stations.indices
    where stations.all[s].role == .server && stations.all[s].spec.zone == name {
      let server = stations.all[s].name
      recoverStations([s], name: server, .recovered(.init(afterFailurePeriod: false)))
    }
    for c in caches.indices where caches.all[c].spec.zone == name {
      recoverCache(c, afterFailurePeriod: false)
    }
    for d in databases.indices where databases.all[d].spec.zone == name {
      let database = databases.all[d].spec.name
      recoverStations(
        databases.all[d].stationIndices, name: database,
        .recovered(.init(afterFailurePeriod: false)))
    }
  }

  /// A timed zone outage is over (unless the zone was failed or recovered again since): its
  /// caches come back. Servers and database stations come back by their own timers, set
  /// when they failed or joined the dark zone.
  mutating func zoneEnded(zone z: Int, epoch: UInt32) {
    guard zones.end(zone: z, epoch: epoch) else { return }
    let name = zones.names[z]
    for c in caches.indices where caches.all[c].spec.zone == name && caches.all[c].down {
      recoverCache(c, afterFailurePeriod: true)
    }
  }

  /// A server just joined the run: in a dark zone it starts down, and comes up when the zone
  /// does (a timed outage) or at `recover zone`.
  mutating func joinZone(server s: Int) {
    guard let zone = stations.all[s].spec.zone, let left = zones.remaining(zone, now: now) else {
      return
    }
    let name = stations.all[s].name
    stations.all[s].epoch &+= 1
    stations.all[s].setUnavailable(true, at: now)
    if left.isFinite {
      scheduleOutage(
        Outage(
          name: name, stations: [s], epochs: [stations.all[s].epoch],
          recovery: .recovered(.init(afterFailurePeriod: true)), cores: nil), after: left)
    }
    note(name, .startedInDarkZone(zone: zone, comesUpAfter: left.isFinite ? left : nil))
  }

  /// A cache's nodes become unreachable: lookups miss (cache-aside clients treat a connection
  /// error as a miss and read the database), fills and invalidations are lost, and what the
  /// nodes held is gone (a restarted Redis without persistence comes back empty).
  mutating func failCache(_ c: Int, for duration: Double?) {
    caches.all[c].setDown(true)
    let name = caches.all[c].spec.name
    let recoversAfter = duration.flatMap { $0.isFinite && $0 >= 0 ? $0 : nil }
    note(name, .cacheFailed(recoversAfter: recoversAfter))
  }

  /// `afterFailurePeriod`: its timed outage ran out (else the script recovered it).
  mutating func recoverCache(_ c: Int, afterFailurePeriod: Bool) {
    caches.all[c].setDown(false)
    note(caches.all[c].spec.name, .cacheRecovered(afterFailurePeriod: afterFailurePeriod))
  }
}
