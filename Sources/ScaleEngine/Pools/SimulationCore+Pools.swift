import ScaleModel

/// Per-pool figures (`PoolTable`): the hooks on the request path and the pool's row of the
/// result. `expect web utilisation < 70%` reads that row.
extension SimulationCore {
  /// With routes, a member of a pool finished serving a request: the pool answers now, unless the request
  /// keeps the member's connection for the steps behind it (then it answers when the
  /// connection is given back, `poolReleased`).
  mutating func poolServed(server s: Int, slot: Int32, sojourn: Double) {
    let p = pools.pool(ofStation: s)
    guard p >= 0, !(routesActive && keepsConnection(slot)) else { return }
    pools.answer(p, after: sojourn)
  }

  /// Server `s` keeps the connection of the request in `slot` (held-connection record `at`):
  /// the request is still in its pool, since it entered it.
  mutating func poolHeld(server s: Int, slot: Int32, record at: Int) {
    let p = pools.pool(ofStation: s)
    guard p >= 0 else { return }
    if pools.heldSince.count <= at {
      let grow = Swift.max(at + 1, pools.heldSince.count * 2) - pools.heldSince.count
      pools.heldSince.append(contentsOf: repeatElement(0, count: grow))
    }
    pools.heldSince[at] = requests[Int(slot)].entered
    pools.setHeld(p, pools.held[p] + 1, at: now)
  }

  /// Server `s` gave back the connection of held-connection record `at`: its pool answers.
  mutating func poolReleased(server s: Int, record at: Int) {
    let p = pools.pool(ofStation: s)
    guard p >= 0, at < pools.heldSince.count else { return }
    pools.setHeld(p, pools.held[p] - 1, at: now)
    pools.answer(p, after: now - pools.heldSince[at])
  }

  /// Server `s` failed: the connections it held are lost (their requests go on downstream,
  /// but no longer count in its pool).
  mutating func poolLostConnections(server s: Int) {
    let p = pools.pool(ofStation: s)
    guard p >= 0, stations.all[s].held > 0 else { return }
    pools.setHeld(p, pools.held[p] - stations.all[s].held, at: now)
  }

  /// Pool `p`'s row: arrivals, errors, utilisation (busy over provisioned core-seconds of its
  /// members), queue and L of its members together, plus its held connections in L;
  /// completed = answers, latency = time in the pool.
  /// `rows` and `areas`: per station index, the servers' rows and measured areas.
  mutating func poolStats(_ p: Int, rows: [ComponentStats?], areas: [StationAreas])
    -> ComponentStats
  {
    var c = ComponentStats(name: pools.names[p], kind: .pool)
    var busy = 0.0
    var coreArea = 0.0
    var up = false
    for s in pools.members[p] where s < rows.count && s < areas.count && s < stations.count {
      guard let m = rows[s] else { continue }
      c.arrivals += m.arrivals
      c.errors.rejected += m.errors.rejected
      c.errors.timedOut += m.errors.timedOut
      c.errors.unavailable += m.errors.unavailable
      busy += areas[s].busy
      coreArea += areas[s].cores
      if !stations.all[s].retired { c.cores += m.cores }
      c.meanQueueLength += m.meanQueueLength
      c.meanInSystem += m.meanInSystem
      c.maxQueueLength = Swift.max(c.maxQueueLength, m.maxQueueLength)
      if !stations.all[s].removed && !stations.all[s].isDown { up = true }
    }
    c.utilisation = coreArea > 0 ? busy / coreArea : 0
    c.healthy = up
    let t = measuredSpan
    if warmupDone {
      pools.heldTime[p].advance(to: now)
      let held = pools.heldTime[p].area - pools.warmupHeldArea[p]
      c.meanInSystem += t > 0 ? held / t : 0
      if routesActive {
        c.completed = pools.answered[p] - pools.warmupAnswered[p]
        c.latency = pools.latency[p].summary(extra: extraQuantiles)
      } else {
        // No connection is held without routes: each answer is a member's service end, whose
        // sojourn the member's own histogram holds (reset at the warm-up's end too), so the
        // pool's counts are exactly its members' merged. The mean's sum is added per member,
        // so it can differ from a per-request sum in its last bits.
        var merged = LatencyRecorder()
        for s in pools.members[p] where s < stations.count {
          merged.add(stations.all[s].stats.latency)
        }
        c.completed = merged.count
        c.latency = merged.summary(extra: extraQuantiles)
      }
    }
    return c
  }

  /// Each pool now (the REPL's `.status`): its members together, held connections in
  /// `inSystem`; healthy while a member is in service.
  mutating func poolSnapshots() -> [ComponentSnapshot] {
    var out: [ComponentSnapshot] = []
    for p in pools.names.indices {
      var c = ComponentSnapshot(name: pools.names[p], kind: .pool)
      var busyArea = 0.0
      var coreArea = 0.0
      c.healthy = false
      for s in pools.members[p] where s < stations.count {
        let a = stations.all[s].stats.areas(at: now)
        busyArea += a.busy
        coreArea += a.cores
        if !stations.all[s].retired { c.cores += stations.all[s].cores }
        c.busy += stations.all[s].busy
        c.queueLength += stations.all[s].queue.count
        c.inSystem += stations.all[s].inSystem
        if !stations.all[s].removed && !stations.all[s].isDown { c.healthy = true }
      }
      c.utilisation = coreArea > 0 ? busyArea / coreArea : 0
      c.busyCoreSeconds = busyArea
      c.coreSeconds = coreArea
      out.append(c)
    }
    return out
  }
}
