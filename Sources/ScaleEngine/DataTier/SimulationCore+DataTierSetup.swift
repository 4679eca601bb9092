import ScaleModel

/// Building the data tier's state from the scenario, and the request's route after its server.
extension SimulationCore {
  /// Called once at the end of `init`: builds caches, databases and queues (their stations
  /// join the station table), breakers, rate limits, the retry policy and autoscalers; sets
  /// `traffic.needsKeys` / `traffic.needsMix` / `entryStage`.
  mutating func setUpDataTier() {
    for spec in scenario.caches { caches.append(spec) }
    caches.rng = RandomStream(seed: seed, purpose: "cache")
    for c in caches.indices where caches.all[c].spec.warm { warmUp(cache: c) }
    for spec in scenario.databases {
      let db = DatabaseState(spec: spec, seed: seed, firstStation: stations.count)
      for station in db.stations(index: databases.count, seed: seed, now: now) {
        _ = appendStation(station, zone: nil)
      }
      if db.capped {
        note(
          spec.name,
          .databaseCapped(
            shards: db.shards.shardCount, replicas: db.replicas,
            maxShards: DatabaseState.maxShards, maxStations: DatabaseState.maxStations))
      }
      databases.append(db)
    }
    for spec in scenario.queues {
      let s = appendStation(
        WorkQueue.workers(of: spec, queue: queues.count, seed: seed, now: now), zone: nil)
      queues.all.append(WorkQueue(spec: spec, station: s))
    }
    let path = scenario.topology
    dataTier.pathQueue = path.pathQueue ?? -1
    dataTier.pathCache = path.pathCache ?? -1
    dataTier.pathDatabase = path.pathDatabase ?? -1
    let reached = path.reached
    resilience.breakerOfDatabase = Array(repeating: -1, count: databases.count)
    let poolNames = Set(
      stations.indices.compactMap {
        stations.all[$0].role == .server ? stations.all[$0].spec.pool : nil
      })
    for spec in scenario.breakers {
      let b = resilience.breakers.count
      var place = BreakerPlace.none
      if let d = databases.all.firstIndex(where: { db in
        db.spec.name == spec.target
          || db.stationIndices.contains(where: { stations.all[$0].name == spec.target })
      }), reached.contains(Topology.Node(.database, d)) {
        place = .database
        if resilience.breakerOfDatabase[d] < 0 { resilience.breakerOfDatabase[d] = b }
      } else if stations.serverByName[spec.target] != nil || balancers.byName[spec.target] != nil
        || poolNames.contains(spec.target)
      {
        place = .servers
        if resilience.serverBreaker < 0 { resilience.serverBreaker = b }
      } else {
        note(spec.name, .ignored(.breakerOffPath(target: spec.target)))
      }
      resilience.append(CircuitBreaker(spec: spec), at: place)
    }
    for spec in scenario.rateLimits {
      resilience.limits.append(TokenBucket(rate: spec.rate, burst: spec.burst, now: now))
      resilience.limitNames.append(spec.name)
    }
    resilience.retry = scenario.retry
    if let p = scenario.retry?.budget { resilience.budget = RetryBudget(percent: p) }
    resilience.retryRng = RandomStream(seed: seed, purpose: "retry")
    dataTier.asyncRng = RandomStream(seed: seed, purpose: "async")
    let a = scenario.traffic?.asyncFraction ?? 0
    dataTier.asyncFraction = a.isFinite ? Swift.min(Swift.max(a, 0), 1) : 0
    setUpAutoscalers()

    let dataPath =
      !caches.all.isEmpty || !databases.all.isEmpty || !queues.all.isEmpty
    if dataPath {
      traffic.needsKeys = true
      traffic.needsMix = true
    }
    if routesActive {
      traffic.needsKeys = true
      entryStage = .route
      // A request holds one database call per branch of its widest fan-out.
      dataTier.callStride = Swift.max(1, routes.steps.map { Int($0.count) }.max() ?? 1)
    }
    if !resilience.limits.isEmpty || resilience.serverBreaker >= 0 || resilience.budget != nil {
      entryStage = .rateLimit
    }
    dataTier.active = dataPath || routesActive || resilience.serverBreaker >= 0
  }

  /// Where a request goes after its server. With no data tier, it is done; otherwise the
  /// breaker around the servers records a success; then async writes go to the queue, reads
  /// to the cache (or the database), writes to the database.
  mutating func stageAfterServer(_ slot: Int32) -> Stage {
    guard dataTier.active else { return .done }
    let t = tierSlot(slot)
    releaseServerBreaker(t, success: true)
    if routesActive { return routeAfterServer(slot: slot) }
    dataTier.slots[t].missCache = -1
    dataTier.slots[t].gather = nil
    let isRead = requests[t].isRead
    if !isRead, dataTier.pathQueue >= 0, dataTier.asyncFraction > 0,
      dataTier.asyncRng.nextDouble() < dataTier.asyncFraction
    {
      return .queue
    }
    if isRead, dataTier.pathCache >= 0 { return .cache }
    if dataTier.pathDatabase >= 0 { return .database }
    if !isRead {
      for c in caches.indices { caches.all[c].invalidate(requests[t].key, now: now) }
    }
    return .done
  }

  /// A `.dataTier` event: its tag (low 4 bits of `c`) says whose.
  mutating func handleDataTierEvent(_ event: SimEvent) {
    guard let tag = DataTierState.Tag(rawValue: event.c & 0xF) else { return }
    switch tag {
    case .cacheHit: cacheHitDone(slot: event.a, generation: event.b)
    case .autoscale: autoscaleCheck(Int(event.a))
    case .warmedUp: warmedUp(Int(event.a))
    case .routeResume: routeResumed(slot: event.a, generation: event.b)
    case .branchDone: branchDone(slot: event.a, generation: event.b)
    case .zoneEnd: zoneEnded(zone: Int(event.a), epoch: event.b)
    case .branchStart:
      branchStarted(slot: event.a, generation: event.b, branch: Int(event.c >> 4))
    }
  }
}
