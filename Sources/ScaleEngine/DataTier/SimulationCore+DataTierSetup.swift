import ScaleModel

/// Building the data tier's state from the scenario, and the request's route after its server.
extension SimulationCore {
  mutating func buildDataTier() {
    for spec in scenario.caches {
      dataTier.caches.append(CacheCluster(spec: spec))
      dataTier.cacheHitLatency.append(DistributionSampler(spec.hitLatency))
    }
    dataTier.cacheRng = RandomStream(seed: seed, purpose: "cache")
    for c in dataTier.caches.indices where dataTier.caches[c].spec.warm { warmUp(cache: c) }
    for spec in scenario.databases {
      let db = DatabaseState(spec: spec, seed: seed, now: now)
      if db.capped {
        note(
          .capped, spec.name,
          "\(spec.name) is simulated with \(db.shards.shardCount) shard(s) of 1 primary and "
            + "\(db.replicas) replica(s) (at most \(DatabaseState.maxShards) shards and "
            + "\(DatabaseState.maxStations) stations)", leadingName: spec.name)
      }
      dataTier.databases.append(db)
    }
    for spec in scenario.queues {
      let workers = Swift.min(Swift.max(1, spec.workers), 100_000)
      dataTier.queues.append(
        QueueState(
          queue: WorkQueue(
            workers: workers, maxDepth: spec.maxDepth, overflow: spec.overflow, now: now),
          service: DistributionSampler(spec.service),
          rng: RandomStream(seed: seed, purpose: "queue:" + spec.name), name: spec.name,
          running: [QueuedJob?](repeating: nil, count: workers)))
    }
    let path = scenario.topology
    dataTier.pathQueue = path.pathQueue ?? -1
    dataTier.pathCache = path.pathCache ?? -1
    dataTier.pathDatabase = path.pathDatabase ?? -1
    let reached = path.reached
    dataTier.breakerOfDatabase = Array(repeating: -1, count: dataTier.databases.count)
    let poolNames = Set(servers.compactMap(\.spec.pool))
    for spec in scenario.breakers {
      dataTier.breakers.append(CircuitBreaker(spec: spec))
      dataTier.breakerCalls.append(0)
      dataTier.breakerWarmup.append((0, 0))
      dataTier.breakerOpenTime.append(0)
      dataTier.breakerOpenSince.append(nil)
      dataTier.breakerWarmupOpenTime.append(0)
      var place = BreakerPlace.none
      if let d = dataTier.databases.firstIndex(where: { db in
        db.spec.name == spec.target || db.stations.contains(where: { $0.name == spec.target })
      }), reached.contains(Topology.Node(.database, d)) {
        place = .database
        if dataTier.breakerOfDatabase[d] < 0 {
          dataTier.breakerOfDatabase[d] = dataTier.breakers.count - 1
        }
      } else if serverByName[spec.target] != nil || balancerByName[spec.target] != nil
        || poolNames.contains(spec.target)
      {
        place = .servers
        if dataTier.serverBreaker < 0 { dataTier.serverBreaker = dataTier.breakers.count - 1 }
      } else {
        note(
          .ignored, spec.name,
          "\(spec.name) guards \(spec.target), which is not on the request path",
          leadingName: spec.name)
      }
      dataTier.breakerPlaces.append(place)
    }
    for spec in scenario.rateLimits {
      dataTier.limits.append(TokenBucket(rate: spec.rate, burst: spec.burst, now: now))
      dataTier.limitNames.append(spec.name)
    }
    dataTier.retry = scenario.retry
    if let p = scenario.retry?.budget { dataTier.budget = RetryBudget(percent: p) }
    dataTier.retryRng = RandomStream(seed: seed, purpose: "retry")
    dataTier.asyncRng = RandomStream(seed: seed, purpose: "async")
    let a = scenario.traffic?.asyncFraction ?? 0
    dataTier.asyncFraction = a.isFinite ? Swift.min(Swift.max(a, 0), 1) : 0
    setUpAutoscalers()

    let dataPath =
      !dataTier.caches.isEmpty || !dataTier.databases.isEmpty || !dataTier.queues.isEmpty
    if dataPath {
      needsKeys = true
      needsMix = true
    }
    if routesActive {
      needsKeys = true
      entryStage = .route
      // A request holds one database call per branch of its widest fan-out.
      dataTier.callStride = Swift.max(1, routes.steps.map { Int($0.count) }.max() ?? 1)
    }
    if !dataTier.limits.isEmpty || dataTier.serverBreaker >= 0 || dataTier.budget != nil {
      entryStage = .rateLimit
    }
    dataTier.active = true
  }

  /// After the server: the breaker around the servers records a success; then async writes go
  /// to the queue, reads to the cache (or the database), writes to the database.
  mutating func routeAfterServer(_ slot: Int32) -> Stage {
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
      for c in dataTier.caches.indices { dataTier.caches[c].invalidate(requests[t].key, now: now) }
    }
    return .done
  }

  /// Scripted actions on data-tier components. Returns false for unknown names.
  mutating func applyTierAction(_ action: EventAction) -> Bool {
    switch action {
    case .fail(let name, let duration):
      guard let (d, list) = stations(named: name), !list.isEmpty else { return false }
      failStations(d, list, name: name, for: duration)
      return true
    case .recover(let name):
      guard let (d, list) = stations(named: name), !list.isEmpty else { return false }
      recoverStations(d, list, name: name, RunEvent.Account(restating: "\(name) recovered"))
      return true
    case .scaleUp(let name, let cores, _, _, let downtime):
      guard let d = dataTier.databases.firstIndex(where: { $0.spec.name == name }) else {
        return false
      }
      scaleUpDatabase(d, cores: cores, downtime: downtime)
      return true
    case .setCacheNodes(let cache, let nodes):
      return setCacheNodes(cache, nodes)
    default:
      return false
    }
  }

  mutating func handleTierEvent(_ event: SimEvent) {
    guard let tag = DataTierState.Tag(rawValue: event.c & 0xF) else { return }
    switch tag {
    case .cacheHit: cacheHitDone(slot: event.a, generation: event.b)
    case .stationDone:
      stationDone(
        slot: event.a, generation: event.b, database: Int((event.c >> 22) & 0x1FF),
        station: Int((event.c >> 4) & 0x3FF), epoch: UInt32((event.c >> 14) & 0xFF))
    case .queueDone: queueWorkerDone(queue: Int(event.a), worker: Int(event.b))
    case .autoscale: autoscaleCheck(Int(event.a))
    case .warmedUp: warmedUp(Int(event.a))
    case .stationRecover: outageEnded(Int(event.a))
    case .routeResume: routeResumed(slot: event.a, generation: event.b)
    case .branchDone: branchDone(slot: event.a, generation: event.b)
    case .zoneEnd: zoneEnded(zone: Int(event.a), epoch: event.b)
    case .branchStart:
      branchStarted(slot: event.a, generation: event.b, branch: Int(event.c >> 4))
    }
  }
}
