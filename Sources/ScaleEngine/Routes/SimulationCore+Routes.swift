import ScaleModel

/// Routes (request classes): a request walks its route's steps (`RouteTable`), stage `.route`.
///
/// - A balancer step picks a member and admits the request there (the server's service);
///   a pool step picks the next member round-robin (on refusal, the one after it).
/// - When a server has served the request and steps remain, the request holds that server's
///   connection (it counts in the server's `max-connections` and in least-connections'
///   count, not in its utilisation) until it ends: a slow tier behind fills the tiers in front
///   (back-pressure, as thread-per-request servers behave).
/// - A cache step is cache-aside: a read hit answers after the hit latency and skips the
///   database step right after it; a miss goes on and fills the cache when that database
///   answers; a write goes on (the key is invalidated when the write commits).
/// - A database step is the database stage of the default path (shards, replicas, breaker).
/// - A queue step ends the route: the client is answered once the message is queued.
/// - A fan-out step starts every branch at once and goes on when all have answered; it fails
///   (after all have answered) when any branch failed.
/// - Each step first pays its hop's network latency (a link's, the cross-zone one when the
///   server the request is at and the callee are in different zones, else the network's
///   default); a fan-out pays the largest of its branches' hop latencies once.
extension SimulationCore {
  /// Stage `.route`: the request's next step, or done when none is left.
  mutating func enterRouteStep(_ slot: Int32) -> StageOutcome {
    let i = Int(slot)
    let r = Int(requests[i].route)
    guard r >= 0, r < routes.stepCount.count else { return .next(.done) }
    let h = Int(requests[i].hop)
    guard h < Int(routes.stepCount[r]) else { return .next(.done) }
    let step = routes.steps[Int(routes.firstStep[r]) + h]
    // A fan-out's branches pay their own hops (`enterFanOut`).
    if step.count == 1, !requests[i].hopPaid {
      let delay = hopLatency(slot, call: Int(step.start))
      if delay > 0 {
        requests[i].hopPaid = true
        events.schedule(
          at: now + delay, kind: .dataTier, a: slot, b: requests[i].generation,
          c: DataTierState.Tag.routeResume.rawValue)
        return .wait
      }
    }
    requests[i].hopPaid = false
    let t = tierSlot(slot)
    dataTier.slots[t].gather = nil
    if step.count == 1 { return enterCall(slot, Int(step.start), skipOnHit: step.skipOnHit) }
    return enterFanOut(slot, step)
  }

  /// The request goes on to its route's next step.
  mutating func nextStep(_ slot: Int32) -> Stage {
    requests[Int(slot)].hop &+= 1
    return .route
  }

  mutating func enterCall(_ slot: Int32, _ c: Int, skipOnHit: Bool) -> StageOutcome {
    let call = routes.calls[c]
    let index = Int(call.index)
    switch call.kind {
    case .balancer:
      return route(slot, balancer: index)
    case .pool:
      return enterPool(slot, call: c)
    case .cache:
      let i = Int(slot)
      guard requests[i].isRead else { return .next(nextStep(slot)) }
      let key = requests[i].key
      let (_, hit) = caches.all[index].lookup(key, now: now)
      if hit {
        requests[i].hop &+= skipOnHit ? 2 : 1
        let d = caches.hitLatency[index].sample(&caches.rng)
        events.schedule(
          at: now + d, kind: .dataTier, a: slot, b: requests[i].generation,
          c: DataTierState.Tag.routeResume.rawValue)
        return .wait
      }
      if skipOnHit { dataTier.slots[tierSlot(slot)].missCache = Int32(truncatingIfNeeded: index) }
      return .next(nextStep(slot))
    case .database:
      return enterDatabaseStage(slot, database: index)
    case .queue:
      return enterQueueStage(slot, queue: index)
    }
  }

  /// A pool with no balancer in front: the next member round-robin; if it refuses, the one
  /// after it (the failover the default path's implicit balancer gives).
  mutating func enterPool(_ slot: Int32, call c: Int) -> StageOutcome {
    let count = Int(routes.calls[c].poolCount)
    guard count > 0 else { return .fail(.unavailable) }
    let start = Int(routes.calls[c].index)
    // No balancer stands in front: its completion must not count on an earlier step's.
    requests[Int(slot)].balancer = -1
    var cause = ErrorCause.unavailable
    for _ in 0..<Swift.min(count, 2) {
      let k = Int(routes.calls[c].cursor)
      routes.calls[c].cursor = Int32(truncatingIfNeeded: (k + 1) % count)
      let s = Int(routes.poolMembers[start + k])
      guard s >= 0, s < stations.count, !stations.all[s].removed else { continue }
      switch admit(server: s, slot: slot) {
      case .admitted: return .wait
      case .refused(let refusal): cause = refusal
      }
    }
    return .fail(cause)
  }

  /// Every branch at once; the request waits for all (a `ScatterGather` over the branches).
  /// Each branch is a call as a step of its own would make it: it pays its own hop, then
  /// calls its component (`startBranch`), so the slowest hop plus answer decides.
  mutating func enterFanOut(_ slot: Int32, _ step: RouteStepRange) -> StageOutcome {
    let i = Int(slot)
    let t = tierSlot(slot)
    dataTier.slots[t].isWrite = !requests[i].isRead
    dataTier.slots[t].missCache = -1
    requests[i].entered = now
    let count = Int(step.count)
    dataTier.slots[t].gather = ScatterGather(shards: count)
    dataTier.slots[t].gatherCause = .unavailable
    var answered = 0
    for k in 0..<count {
      let hop = hopLatency(slot, call: Int(step.start) + k)
      if hop > 0 {
        events.schedule(
          at: now + hop, kind: .dataTier, a: slot, b: requests[i].generation,
          c: DataTierState.Tag.branchStart.rawValue | Int32(truncatingIfNeeded: k << 4))
        continue
      }
      guard let (ok, cause) = startBranch(slot, step, branch: k) else { continue }
      answered += 1
      noteBranch(t, ok: ok, cause: cause)
      _ = dataTier.slots[t].gather?.complete(at: now, ok: ok)
    }
    guard answered == count else { return .wait }
    let failed = dataTier.slots[t].gather?.failed == true
    dataTier.slots[t].gather = nil
    return failed ? .fail(dataTier.slots[t].gatherCause) : .next(nextStep(slot))
  }

  /// Branch `k` of a fan-out calls its component: a cache is looked up and answers after its
  /// hit latency (writes go on at once: the key is invalidated when the write commits); a
  /// database is called as a database step is (`startDatabaseCall`: breaker, shards or
  /// scatter, replicas). Returns the answer when the branch answered at once (refused, or
  /// nothing to wait for), nil while it waits.
  mutating func startBranch(_ slot: Int32, _ step: RouteStepRange, branch k: Int) -> (
    ok: Bool, cause: ErrorCause
  )? {
    let i = Int(slot)
    let call = routes.calls[Int(step.start) + k]
    let index = Int(call.index)
    switch call.kind {
    case .cache:
      guard requests[i].isRead else { return (true, .unavailable) }
      _ = caches.all[index].lookup(requests[i].key, now: now)
      let d = caches.hitLatency[index].sample(&caches.rng)
      events.schedule(
        at: now + d, kind: .dataTier, a: slot, b: requests[i].generation,
        c: DataTierState.Tag.branchDone.rawValue)
      return nil
    case .database:
      guard index >= 0, index < databases.count else { return (true, .unavailable) }
      guard let cause = startDatabaseCall(slot, database: index, call: k) else { return nil }
      endDatabaseCall(callRecord(tierSlot(slot), k), success: false)
      return (false, cause)
    case .balancer, .pool, .queue:
      // The checker allows caches and databases as branches only.
      return (false, .unavailable)
    }
  }

  /// The first failed branch decides why the fan-out fails.
  mutating func noteBranch(_ t: Int, ok: Bool, cause: ErrorCause) {
    if !ok, dataTier.slots[t].gather?.failed == false { dataTier.slots[t].gatherCause = cause }
  }

  /// A branch's hop latency elapsed: it calls its component now.
  mutating func branchStarted(slot: Int32, generation: UInt32, branch k: Int) {
    guard isLive(slot, generation), requests[Int(slot)].stage == .route else { return }
    let i = Int(slot)
    let r = Int(requests[i].route)
    let h = Int(requests[i].hop)
    guard r >= 0, r < routes.stepCount.count, h < Int(routes.stepCount[r]),
      dataTier.slots[tierSlot(slot)].gather != nil
    else { return }
    let step = routes.steps[Int(routes.firstStep[r]) + h]
    guard k >= 0, k < Int(step.count) else { return }
    if let (ok, cause) = startBranch(slot, step, branch: k) {
      branchAnswered(slot, ok: ok, cause: cause)
    }
  }

  /// A branch of a fan-out answered (`ok` false: it failed with `cause`); the last answer
  /// moves the request on, or fails it when a branch failed.
  mutating func branchAnswered(_ slot: Int32, ok: Bool, cause: ErrorCause) {
    let t = tierSlot(slot)
    guard dataTier.slots[t].gather != nil else { return }
    noteBranch(t, ok: ok, cause: cause)
    guard let _ = dataTier.slots[t].gather?.complete(at: now, ok: ok) else { return }
    let failed = dataTier.slots[t].gather?.failed == true
    dataTier.slots[t].gather = nil
    if failed {
      fail(slot, dataTier.slots[t].gatherCause)
    } else {
      advance(slot, to: nextStep(slot))
    }
  }

  /// A cache branch of a fan-out answered.
  mutating func branchDone(slot: Int32, generation: UInt32) {
    guard isLive(slot, generation) else { return }
    branchAnswered(slot, ok: true, cause: .unavailable)
  }

  /// A hop's latency, or a cache hit's, elapsed: the request goes on with its route.
  mutating func routeResumed(slot: Int32, generation: UInt32) {
    let i = Int(slot)
    guard isLive(slot, generation),
      requests[i].stage == .route
    else { return }
    advance(slot, to: .route)
  }

  /// The hop to call `c` from where the request is: a link's latency, the cross-zone one, or
  /// the network's default (0 when the script has no network).
  mutating func hopLatency(_ slot: Int32, call c: Int) -> Double {
    let call = routes.calls[c]
    var sampler = Int(call.link)
    if sampler < 0 {
      sampler = Int(routes.defaultLatency)
      if routes.crossZoneLatency >= 0, call.zone >= 0 {
        let s = Int(requests[Int(slot)].server)
        let from: Int16 = s >= 0 && s < routes.serverZone.count ? routes.serverZone[s] : -1
        if from >= 0 && from != call.zone { sampler = Int(routes.crossZoneLatency) }
      }
    }
    guard sampler >= 0, sampler < routes.samplers.count else { return 0 }
    var rng = routes.networkRng
    let d = routes.samplers[sampler].sample(&rng)
    routes.networkRng = rng
    return d
  }

  // MARK: - Held connections

  /// After a server served a routed request: on to the next step, holding the server's
  /// connection while steps remain.
  mutating func routeAfterServer(slot: Int32) -> Stage {
    let s = Int(requests[Int(slot)].server)
    let keep = keepsConnection(slot)
    let next = nextStep(slot)
    if keep, s >= 0, s < stations.count { holdConnection(slot, server: s) }
    return next
  }

  /// Whether the server that just served the routed request in `slot` keeps its connection:
  /// steps remain after the server's.
  // Inlined: a call would copy the whole core (1.9 KB) to pass it to a non-mutating method.
  @inline(__always)
  func keepsConnection(_ slot: Int32) -> Bool {
    let i = Int(slot)
    let r = Int(requests[i].route)
    return r >= 0 && r < routes.stepCount.count
      && Int(requests[i].hop) + 1 < Int(routes.stepCount[r])
  }

  mutating func holdConnection(_ slot: Int32, server s: Int) {
    let i = Int(slot)
    let k = Int(requests[i].held)
    guard k < RouteTable.maxHeld else { return }
    let at = i * RouteTable.maxHeld + k
    if routes.held.count <= at {
      let grow = Swift.max(at + 1, routes.held.count * 2) - routes.held.count
      routes.held.append(contentsOf: repeatElement(-1, count: grow))
      routes.heldEpoch.append(contentsOf: repeatElement(0, count: grow))
    }
    routes.held[at] = Int32(truncatingIfNeeded: s)
    routes.heldEpoch[at] = stations.all[s].connectionEpoch
    requests[i].held = UInt8(k + 1)
    stations.all[s].held += 1
    if !pools.isEmpty { poolHeld(server: s, slot: slot, record: at) }
  }

  /// Gives back every connection the request holds (it ended, failed, or is retried).
  mutating func releaseConnections(_ slot: Int32) {
    let i = Int(slot)
    let n = Int(requests[i].held)
    guard n > 0 else { return }
    for k in 0..<n {
      let at = i * RouteTable.maxHeld + k
      guard at < routes.held.count else { break }
      let s = Int(routes.held[at])
      guard s >= 0, s < stations.count, stations.all[s].connectionEpoch == routes.heldEpoch[at],
        stations.all[s].held > 0
      else { continue }
      stations.all[s].held -= 1
      if !pools.isEmpty { poolReleased(server: s, record: at) }
      if stations.all[s].removed { stations.all[s].retireIfDrained(at: now) }
    }
    requests[i].held = 0
  }

  // MARK: - Arrival and figures

  /// A new request's route, kind and key.
  mutating func assignRoute(_ slot: Int32, measured: Bool) {
    let i = Int(slot)
    let r = routes.draw()
    requests[i].route = Int16(truncatingIfNeeded: r)
    requests[i].hop = 0
    requests[i].hopPaid = false
    requests[i].held = 0
    switch routes.kind[r] {
    case 0: requests[i].isRead = true
    case 1: requests[i].isRead = false
    default: break
    }
    if let sampler = routes.keySamplers[r] { requests[i].key = sampler.sample(&traffic.keyRng) }
    if measured { routes.offered[r] += 1 }
  }

  /// The request's route starts again (a client retry).
  mutating func restartRoute(_ slot: Int32) {
    let i = Int(slot)
    releaseConnections(slot)
    requests[i].hop = 0
    requests[i].hopPaid = false
  }

  mutating func routeCompleted(_ slot: Int32, latency w: Double) {
    let r = Int(requests[Int(slot)].route)
    guard r >= 0, r < routes.completed.count else { return }
    routes.completed[r] += 1
    routes.latency[r].record(w)
  }

  mutating func routeFailed(_ slot: Int32, _ cause: ErrorCause) {
    let r = Int(requests[Int(slot)].route)
    guard r >= 0, r < routes.errors.count else { return }
    switch cause {
    case .rejected: routes.errors[r].rejected += 1
    case .timedOut: routes.errors[r].timedOut += 1
    case .unavailable: routes.errors[r].unavailable += 1
    case .breakerOpen: routes.errors[r].breakerOpen += 1
    }
  }

  func routeStats() -> [RouteStats] {
    routes.names.indices.map { r in
      var stats = RouteStats(name: routes.names[r])
      stats.offered = routes.offered[r]
      stats.completed = routes.completed[r]
      stats.errors = routes.errors[r]
      stats.latency = routes.latency[r].summary
      return stats
    }
  }
}
