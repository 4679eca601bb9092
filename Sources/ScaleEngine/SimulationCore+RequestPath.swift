import DequeModule
import ScaleModel

/// What a server did with an arriving request.
enum Admission {
  case admitted
  case refused(ErrorCause)
}

extension SimulationCore {
  // MARK: - Arrival

  mutating func arrive() {
    traffic.lastArrival = traffic.nextArrival
    traffic.nextArrival = nextArrivalTime(after: now)
    guard activeRequests < maxInFlight else {
      // The engine's memory cap: the request is offered and rejected at once.
      client.offer(measured: now >= warmup)
      client.fail(measured: now >= warmup, .rejected)
      noteCapReached("", .requestsInFlight)
      return
    }
    let slot = allocateSlot()
    let i = Int(slot)
    let measured = now >= warmup
    let now = self.now
    requests.update(i) { r in
      r.arrival = now
      r.entered = now
      r.measured = measured
      r.timedOut = false
      r.attempt = 0
      r.server = -1
      r.balancer = -1
      r.aux = 0
    }
    if traffic.needsKeys { requests[i].key = traffic.keySampler.sample(&traffic.keyRng) }
    if traffic.needsMix { requests[i].isRead = traffic.mixRng.nextDouble() < traffic.readFraction }
    if routesActive { assignRoute(slot, measured: measured) }
    client.offer(measured: measured)
    if let timeout = traffic.timeout {
      deadlines.append(
        Deadline(time: now + timeout, slot: slot, generation: requests[i].generation))
      if deadlines.count > 4 * activeRequests + 4096 { compactDeadlines() }
    }
    advance(slot, to: entryStage)
  }

  // MARK: - The stage machine

  /// Moves a request through stages until it parks, fails or is done.
  @inline(__always)
  mutating func advance(_ slot: Int32, to first: Stage) {
    var stage = first
    while true {
      requests[Int(slot)].stage = stage
      let outcome: StageOutcome
      switch stage {
      case .rateLimit: outcome = enterEntryStage(slot)
      case .balancer: outcome = enterBalancer(slot)
      case .server: outcome = .next(stageAfterServer(slot))
      case .queue: outcome = enterQueueStage(slot, queue: dataTier.pathQueue)
      case .cache: outcome = enterCacheStage(slot)
      case .database: outcome = enterDatabaseStage(slot, database: dataTier.pathDatabase)
      case .route: outcome = enterRouteStep(slot)
      case .done:
        finish(slot)
        return
      }
      switch outcome {
      case .next(let s): stage = s
      case .wait: return
      case .fail(let cause):
        fail(slot, cause)
        return
      }
    }
  }

  /// The request reached the end of its path: a success unless it already timed out.
  @inline(__always)
  mutating func finish(_ slot: Int32) {
    let i = Int(slot)
    if !requests[i].timedOut {
      let w = now - requests[i].arrival
      client.succeed(measured: requests[i].measured, latency: w)
      if routesActive && requests[i].measured { routeCompleted(slot, latency: w) }
    }
    freeSlot(slot)
  }

  /// The request failed at some stage: retried if the retry policy says so, otherwise counted
  /// once (not again if it had already timed out) and its slot freed.
  mutating func fail(_ slot: Int32, _ cause: ErrorCause) {
    let i = Int(slot)
    if !requests[i].timedOut, let delay = retryDelay(slot, cause) {
      requests[i].attempt &+= 1
      if routesActive { restartRoute(slot) }
      events.schedule(
        at: now + Swift.max(0, delay), kind: .retry, a: slot, b: requests[i].generation)
      requests[i].stage = .done
      return
    }
    if !requests[i].timedOut {
      client.fail(measured: requests[i].measured, cause)
      if routesActive && requests[i].measured { routeFailed(slot, cause) }
    }
    freeSlot(slot)
  }

  /// Drops deadlines of requests that already left (their slot's generation moved on), so the
  /// FIFO holds O(requests in flight) entries rather than rate × timeout. Runs when the FIFO
  /// has grown past 4 × in flight + 4096, so its cost is amortised O(1) per request.
  mutating func compactDeadlines() {
    var kept = Deque<Deadline>()
    kept.reserveCapacity(activeRequests + 16)
    for d in deadlines {
      let i = Int(d.slot)
      if i >= 0 && i < requests.count && requests[i].active
        && requests[i].generation == d.generation
      {
        kept.append(d)
      }
    }
    deadlines = kept
  }

  mutating func timeoutFired(slot: Int32, generation: UInt32) {
    let i = Int(slot)
    guard isLive(slot, generation),
      !requests[i].timedOut
    else { return }
    requests[i].timedOut = true
    activeTimedOut += 1
    client.fail(measured: requests[i].measured, .timedOut)
    if routesActive && requests[i].measured { routeFailed(slot, .timedOut) }
    if requests[i].server >= 0 && requests[i].stage == .server {
      stations.all[Int(requests[i].server)].stats.counters.timedOut += 1
    }
    requestTimedOut(slot)
  }

  mutating func retryFired(slot: Int32, generation: UInt32) {
    let i = Int(slot)
    guard isLive(slot, generation) else { return }
    if requests[i].timedOut {
      freeSlot(slot)
      return
    }
    requests[i].server = -1
    requests[i].balancer = -1
    advance(slot, to: entryStage)
  }

  // MARK: - Balancer

  @inline(__always)
  mutating func enterBalancer(_ slot: Int32) -> StageOutcome {
    let b = entryBalancer
    if b < 0 {
      if directServer < 0 {
        // No server tier at all: straight on. Servers but none in service (the only one was
        // removed): nobody can answer.
        return stations.serverCount == 0 ? .next(stageAfterServer(slot)) : .fail(.unavailable)
      }
      switch admit(server: directServer, slot: slot) {
      case .admitted: return .wait
      case .refused(let cause): return .fail(cause)
      }
    }
    return route(slot, balancer: b)
  }

  /// Picks a backend by the balancer's strategy; on refusal, fails over to the least loaded
  /// eligible backend not yet tried for this request, and so on (see `failoverTried`).
  mutating func route(_ slot: Int32, balancer b: Int) -> StageOutcome {
    balancers.all[b].counters.arrivals += 1
    requests[Int(slot)].balancer = Int32(truncatingIfNeeded: b)
    requests[Int(slot)].routed = now
    let p = pick(balancer: b, slot: slot)
    if p < 0 {
      balancers.all[b].counters.unavailable += 1
      return .fail(.unavailable)
    }
    var cause: ErrorCause
    switch admit(server: balancers.all[b].servers[p], slot: slot) {
    case .admitted: return .wait
    case .refused(let c): cause = c
    }
    // Whether every eligible backend refused this request (the balancer found no server).
    var exhausted = balancers.all[b].eligible.count <= 1
    if balancers.all[b].failover {
      // nginx `proxy_next_upstream`: the next peer not already tried for this request, until
      // one accepts or every eligible one has refused (at most `Defaults.failoverTries`).
      failoverTried.removeAll(keepingCapacity: true)
      failoverTried.append(p)
      while failoverTried.count < Defaults.failoverTries {
        // Backends that would refuse (failed, or at their connection limit: what `admit`
        // checks) are passed over in the same scan, so a pool of failed servers not yet
        // marked down costs one scan per request, not one per refusal.
        let q = balancers.all[b].leastLoadedOther(
          excluding: failoverTried,
          accepts: {
            !stations.all[$0].unavailable
              && stations.all[$0].inSystem < stations.all[$0].maxConnections
          },
          load: { stations.all[$0].inSystem })
        if q < 0 {
          exhausted = true
          break
        }
        switch admit(server: balancers.all[b].servers[q], slot: slot) {
        case .admitted: return .wait
        case .refused(let c): cause = c
        }
        failoverTried.append(q)
      }
    }
    // A failed server's refusal is that server's error (it counted it); the balancer's
    // `unavailable` ("no healthy server") only when no eligible backend would take it.
    if cause == .rejected {
      balancers.all[b].counters.rejected += 1
    } else if exhausted {
      balancers.all[b].counters.unavailable += 1
    }
    return .fail(cause)
  }

  mutating func pick(balancer b: Int, slot: Int32) -> Int {
    switch balancers.all[b].strategy {
    case .roundRobin: return balancers.all[b].roundRobinPick()
    case .weighted: return balancers.all[b].smoothWeightedPick()
    case .leastConnections:
      return balancers.all[b].leastConnectionsPick { stations.all[$0].inSystem }
    case .random: return balancers.all[b].randomPick()
    case .powerOfTwo: return balancers.all[b].powerOfTwoPick { stations.all[$0].inSystem }
    case .hash: return balancers.all[b].hashPick(key: requests[Int(slot)].key)
    }
  }

  // MARK: - Stations

  /// An arrival at a server: refused when it is unavailable or at its connection limit,
  /// served at once when a core is free, queued otherwise.
  @inline(__always)
  mutating func admit(server s: Int, slot: Int32) -> Admission {
    if let cause = stations.all[s].admitArrival() { return .refused(cause) }
    let i = Int(slot)
    requests[i].server = Int32(truncatingIfNeeded: s)
    requests[i].entered = now
    requests[i].stage = .server
    if stations.all[s].takeCoreOrWait(slot, at: now) { startService(station: s, slot: slot) }
    return .admitted
  }

  /// Station `s` starts serving `slot`: its completion is scheduled with the service's token.
  @inline(__always)
  mutating func startService(station s: Int, slot: Int32) {
    startService(station: s, item: slot, generation: requests[Int(slot)].generation)
  }

  /// Station `s` starts serving `item` — a request slot of `generation`, or a queue's
  /// message number (generation 0: a message is no request) — and schedules its completion
  /// (`serviceDone`: `a` the item, `b` the service's token, `c` the station).
  @inline(__always)
  mutating func startService(station s: Int, item: Int32, generation: UInt32) {
    let (t, token) = stations.all[s].beginService(item, generation: generation, at: now)
    events.schedule(
      at: now + t, kind: .serviceDone, a: item, b: token, c: Int32(truncatingIfNeeded: s))
  }

  /// A service ended. Stale when that service is no longer at the station (it failed and
  /// dropped the request, which may since have come back): counting it would free a core
  /// twice (the negative utilisation of issue 10, item 1). What the request does next is the
  /// station's role's.
  mutating func serviceDone(slot: Int32, token: UInt32, station s: Int) {
    guard s >= 0, s < stations.count,
      let generation = stations.all[s].leaveService(slot, token: token)
    else {
      return
    }
    let i = Int(slot)
    switch stations.all[s].role {
    case .server:
      stations.all[s].endService(at: now, sojourn: now - requests[i].entered)
      startQueued(station: s)
      // Without routes a pool answers when its member's service ends, so its time-in-pool
      // histogram is its members' merged (`poolStats`): no third record per request.
      if routesActive && !pools.isEmpty {
        poolServed(server: s, slot: slot, sojourn: now - requests[i].entered)
      }
      let b = Int(requests[i].balancer)
      if b >= 0 { balancers.all[b].counters.completed += 1 }
      if stations.all[s].removed { stations.all[s].retireIfDrained(at: now) }
      // Nothing behind the servers: the answer is the request's end (no stage machine).
      guard dataTier.active else { return finish(slot) }
      advance(slot, to: stageAfterServer(slot))
    case .database:
      databaseAnswered(slot, generation: generation, station: s)
    case .queue:
      queueWorkerDone(message: slot, station: s)
    }
  }

  /// Starts waiting requests while cores are free.
  mutating func startQueued(station s: Int) {
    while let next = stations.all[s].nextWaiting(at: now) { startService(station: s, slot: next) }
  }

  /// Station `s` fails or goes down for a scale-up: every request it holds fails as
  /// unavailable there (its error, not its balancer's: the balancer found a server). A
  /// server's are the slots at it (waiting or in service), in slot order; a database
  /// station's are its waiting ones, then those in service in the order they started (the
  /// order decides retries' draws).
  mutating func dropRequests(station s: Int) {
    // Connections held by requests waiting on a tier behind it are lost with it.
    if !pools.isEmpty { poolLostConnections(server: s) }
    var held = stations.all[s].dropAll(at: now)
    if stations.all[s].role == .server {
      held.removeAll(keepingCapacity: true)
      for i in requests.indices
      where requests[i].active && requests[i].stage == .server && Int(requests[i].server) == s {
        held.append(Int32(truncatingIfNeeded: i))
      }
    }
    stations.all[s].stats.counters.unavailable += held.count
    stations.all[s].retireIfDrained(at: now)
    switch stations.all[s].role {
    case .server:
      for slot in held { fail(slot, .unavailable) }
    case .database:
      let d = Int(stations.all[s].database)
      for slot in held { databaseDropped(slot, database: d) }
    case .queue:
      queueWorkersDropped(station: s)
    }
  }
}
