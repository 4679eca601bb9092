import ScaleModel

/// The database stage: reads go to the key's shard (its primary for strong reads, a random
/// available replica for eventual ones), writes to the shard's primary; a scatter read goes
/// to every shard and answers when the slowest does. Each station is an M/G/c/K queue.
extension SimulationCore {
  /// The data tier's record for `slot`, reset when the slot carries a new request.
  mutating func tierSlot(_ slot: Int32) -> Int {
    let i = Int(slot)
    if i >= dataTier.slots.count {
      dataTier.slots.append(
        contentsOf: repeatElement(TierSlot(), count: i + 1 - dataTier.slots.count))
    }
    if dataTier.slots[i].generation != requests[i].generation {
      dataTier.slots[i] = TierSlot()
      dataTier.slots[i].generation = requests[i].generation
    }
    return i
  }

  mutating func enterDatabaseStage(_ slot: Int32) -> StageOutcome {
    let t = tierSlot(slot)
    guard !dataTier.databases.isEmpty else {
      finishCacheMiss(t, key: requests[t].key)
      return .next(.done)
    }
    if dataTier.databaseBreaker >= 0 {
      guard acquireBreaker(dataTier.databaseBreaker) else { return .fail(.breakerOpen) }
      dataTier.slots[t].databaseBreaker = Int32(dataTier.databaseBreaker)
      dataTier.slots[t].databaseBreakerStart = now
    }
    let isRead = requests[t].isRead
    dataTier.slots[t].isWrite = !isRead
    requests[t].entered = now
    let key = requests[t].key
    let shardCount = dataTier.databases[0].shards.shardCount
    if isRead, shardCount > 1, dataTier.databases[0].spec.scatterFraction > 0,
      dataTier.databases[0].rng.nextDouble() < dataTier.databases[0].spec.scatterFraction
    {
      let range = dataTier.databases[0].shards.scatter()
      var targets: [Int] = []
      targets.reserveCapacity(range.count)
      for s in range { targets.append(readStation(shard: s)) }
      // All or nothing: a shard that refuses fails the whole read.
      for st in targets {
        if let cause = refusal(station: st) {
          dataTier.databases[0].stations[st].state.counters.arrivals += 1
          countRefusal(station: st, cause)
          return .fail(cause)
        }
      }
      dataTier.slots[t].gather = ScatterGather(shards: targets.count)
      for st in targets { _ = admitStation(st, slot: slot, read: true) }
      return .wait
    }
    let shard = dataTier.databases[0].shards.route(key)
    let st = isRead ? readStation(shard: shard) : dataTier.databases[0].primary(ofShard: shard)
    if let cause = admitStation(st, slot: slot, read: isRead) { return .fail(cause) }
    return .wait
  }

  /// The station a read of `shard` goes to.
  mutating func readStation(shard s: Int) -> Int {
    let primary = dataTier.databases[0].primary(ofShard: s)
    let replicas = dataTier.databases[0].replicas
    guard dataTier.databases[0].spec.reads == .eventual, replicas > 0 else { return primary }
    // A random available replica (the seed's `random.choice`); the primary if none is up
    // (as Aurora's reader endpoint falls back to the writer).
    var up = 0
    for r in 0..<replicas
    where !dataTier.databases[0].stations[primary + 1 + r].state.unavailable {
      up += 1
    }
    guard up > 0 else { return primary }
    var pick = dataTier.databases[0].rng.nextInt(below: up)
    for r in 0..<replicas
    where !dataTier.databases[0].stations[primary + 1 + r].state.unavailable {
      if pick == 0 { return primary + 1 + r }
      pick -= 1
    }
    return primary
  }

  func refusal(station st: Int) -> ErrorCause? {
    if dataTier.databases[0].stations[st].state.unavailable { return .unavailable }
    if dataTier.databases[0].stations[st].state.inSystem
      >= dataTier.databases[0].stations[st].state.maxConnections
    {
      return .rejected
    }
    return nil
  }

  mutating func countRefusal(station st: Int, _ cause: ErrorCause) {
    if cause == .unavailable {
      dataTier.databases[0].stations[st].state.counters.unavailable += 1
    } else {
      dataTier.databases[0].stations[st].state.counters.rejected += 1
    }
  }

  /// An arrival at a database station: refused when failed or full, else served or queued.
  mutating func admitStation(_ st: Int, slot: Int32, read: Bool) -> ErrorCause? {
    dataTier.databases[0].stations[st].state.counters.arrivals += 1
    if let cause = refusal(station: st) {
      countRefusal(station: st, cause)
      return cause
    }
    if read {
      dataTier.databases[0].stations[st].reads += 1
    } else {
      dataTier.databases[0].stations[st].writes += 1
    }
    if dataTier.databases[0].stations[st].state.busy
      < dataTier.databases[0].stations[st].state.cores
    {
      startStation(st, slot: slot)
    } else {
      dataTier.databases[0].stations[st].state.queue.append(slot)
      let q = dataTier.databases[0].stations[st].state.queue.count
      dataTier.databases[0].stations[st].state.queueTime.set(Double(q), at: now)
      if q > dataTier.databases[0].stations[st].state.maxQueue {
        dataTier.databases[0].stations[st].state.maxQueue = q
      }
    }
    return nil
  }

  mutating func startStation(_ st: Int, slot: Int32) {
    dataTier.databases[0].stations[st].state.busy += 1
    let busy = dataTier.databases[0].stations[st].state.busy
    dataTier.databases[0].stations[st].state.busyTime.set(Double(busy), at: now)
    dataTier.databases[0].stations[st].inService.append(slot)
    let d = dataTier.databases[0].stations[st].state.sampleServiceTime()
    // c: tag (4 bits), station (16 bits), the station's epoch (8 bits): a completion from
    // before a failure is recognised as stale.
    let epoch = Int32(truncatingIfNeeded: dataTier.databases[0].stations[st].state.epoch & 0xFF)
    events.schedule(
      at: now + d, kind: .dataTier, a: slot, b: requests[Int(slot)].generation,
      c: DataTierState.Tag.stationDone.rawValue | Int32(truncatingIfNeeded: (st & 0xFFFF) << 4)
        | epoch << 20)
  }

  mutating func stationDone(slot: Int32, generation: UInt32, station st: Int, epoch: UInt32) {
    guard !dataTier.databases.isEmpty, st >= 0, st < dataTier.databases[0].stations.count,
      dataTier.databases[0].stations[st].state.epoch & 0xFF == epoch,
      let pos = dataTier.databases[0].stations[st].inService.firstIndex(of: slot)
    else { return }
    dataTier.databases[0].stations[st].inService.remove(at: pos)
    dataTier.databases[0].stations[st].state.busy -= 1
    let busy = dataTier.databases[0].stations[st].state.busy
    dataTier.databases[0].stations[st].state.busyTime.set(Double(busy), at: now)
    if busy >= dataTier.databases[0].stations[st].state.cores {
      dataTier.databases[0].stations[st].state.syncProvisioned(at: now)
    }
    dataTier.databases[0].stations[st].state.counters.completed += 1
    dataTier.databases[0].stations[st].state.latency.record(now - requests[Int(slot)].entered)
    startQueuedStations(st)
    guard requests[Int(slot)].active, requests[Int(slot)].generation == generation else { return }

    let t = tierSlot(slot)
    // No copy of the database state is held across the mutations below (a copy would make
    // the replication arrays copy-on-write on every read).
    let shard = dataTier.databases[0].shard(ofStation: st)
    let replica = dataTier.databases[0].replicaIndex(ofStation: st)
    let key = requests[t].key
    if dataTier.slots[t].isWrite {
      commitWrite(key: key, shard: shard)
    } else if let r = replica {
      dataTier.databases[0].replication[shard].read(key: key, replica: r, at: now)
    }
    if dataTier.slots[t].gather != nil {
      guard let _ = dataTier.slots[t].gather?.complete(at: now) else { return }
      if dataTier.slots[t].gather?.failed == true {
        databaseFailed(slot, .unavailable)
        return
      }
    }
    finishDatabase(slot)
  }

  /// A write committed on shard `shard`'s primary now: replicas see it after their lag; the
  /// cache entry is invalidated (cache-aside).
  mutating func commitWrite(key: Int, shard: Int) {
    if !dataTier.databases.isEmpty, shard < dataTier.databases[0].replication.count {
      var lag = dataTier.databases[0].lag
      var rng = dataTier.databases[0].rng
      dataTier.databases[0].replication[shard].write(key: key, commit: now) { _ in lag.sample(&rng)
      }
      dataTier.databases[0].lag = lag
      dataTier.databases[0].rng = rng
    }
    for c in dataTier.caches.indices { dataTier.caches[c].invalidate(key, now: now) }
  }

  /// The database answered: record the breaker's success, fill the cache after a miss, done.
  mutating func finishDatabase(_ slot: Int32) {
    let t = tierSlot(slot)
    releaseDatabaseBreaker(t, success: true)
    finishCacheMiss(t, key: requests[t].key)
    advance(slot, to: .done)
  }

  mutating func finishCacheMiss(_ t: Int, key: Int) {
    guard dataTier.slots[t].cacheMiss, !dataTier.caches.isEmpty else { return }
    dataTier.slots[t].cacheMiss = false
    let draw = dataTier.cacheRng.next()
    dataTier.caches[0].fill(key, now: now, draw: draw)
  }

  /// A request held by the database failed there (station failure, scatter shard failure).
  mutating func databaseFailed(_ slot: Int32, _ cause: ErrorCause) {
    fail(slot, cause)
  }

  mutating func startQueuedStations(_ st: Int) {
    while dataTier.databases[0].stations[st].state.busy
      < dataTier.databases[0].stations[st].state.cores,
      let next = dataTier.databases[0].stations[st].state.queue.popFirst()
    {
      let q = dataTier.databases[0].stations[st].state.queue.count
      dataTier.databases[0].stations[st].state.queueTime.set(Double(q), at: now)
      startStation(st, slot: next)
    }
  }

  // MARK: - Failure, recovery, vertical scaling

  /// Stations a name denotes: `orders` (every shard's primary), `orders/shard-2`,
  /// `orders/replica-1`, `orders/shard-2/replica-1`.
  func stations(named name: String) -> [Int] {
    guard let db = dataTier.databases.first else { return [] }
    if name == db.spec.name {
      return (0..<db.shards.shardCount).map { db.primary(ofShard: $0) }
    }
    if let i = db.stations.firstIndex(where: { $0.name == name }) { return [i] }
    return []
  }

  /// Fails `list` (named `name` in the narration); with `duration`, they recover together
  /// after it (one `recover` event, saying `recovery`). `quiet`: no `fail` event.
  mutating func failStations(
    _ list: [Int], name: String, for duration: Double?, quiet: Bool = false,
    recovery: String = "recovered after its failure period"
  ) {
    var held = 0
    for st in list {
      dataTier.databases[0].stations[st].state.epoch &+= 1
      dataTier.databases[0].stations[st].state.unavailable = true
      dataTier.databases[0].stations[st].state.downTimeAverage.set(1, at: now)
      held += dataTier.databases[0].stations[st].inService.count
      held += dataTier.databases[0].stations[st].state.queue.count
    }
    for st in list { dropStationRequests(st) }
    var detail = "\(name) fails: requests to it fail"
    if held > 0 { detail += " and the \(held) it held fail" }
    if let d = duration, d.isFinite, d >= 0 {
      let epochs = list.map { dataTier.databases[0].stations[$0].state.epoch }
      dataTier.outages.append(
        DataTierState.Outage(name: name, stations: list, epochs: epochs, recovery: recovery))
      events.schedule(
        at: now + d, kind: .dataTier, a: Int32(truncatingIfNeeded: dataTier.outages.count - 1),
        c: DataTierState.Tag.stationRecover.rawValue)
      detail += "; it recovers after \(CircuitBreaker.seconds(d))"
    }
    if !quiet { note("fail", name, detail) }
  }

  mutating func dropStationRequests(_ st: Int) {
    var held = dataTier.databases[0].stations[st].state.queue.drain()
    held += dataTier.databases[0].stations[st].inService
    dataTier.databases[0].stations[st].inService.removeAll()
    dataTier.databases[0].stations[st].state.busy = 0
    dataTier.databases[0].stations[st].state.busyTime.set(0, at: now)
    dataTier.databases[0].stations[st].state.syncProvisioned(at: now)
    dataTier.databases[0].stations[st].state.queueTime.set(0, at: now)
    dataTier.databases[0].stations[st].state.counters.unavailable += held.count
    for slot in held {
      let t = tierSlot(slot)
      if dataTier.slots[t].gather != nil {
        guard let _ = dataTier.slots[t].gather?.complete(at: now, ok: false) else { continue }
      }
      databaseFailed(slot, .unavailable)
    }
  }

  mutating func recoverStations(_ list: [Int], name: String, reason: String) {
    for st in list {
      dataTier.databases[0].stations[st].state.epoch &+= 1
      dataTier.databases[0].stations[st].state.unavailable = false
      dataTier.databases[0].stations[st].state.downTimeAverage.set(0, at: now)
    }
    note("recover", name, "\(name) \(reason)")
  }

  /// An outage's time is up: its stations that were not failed or recovered again since
  /// come back.
  mutating func outageEnded(_ o: Int) {
    guard !dataTier.databases.isEmpty, o >= 0, o < dataTier.outages.count else { return }
    let outage = dataTier.outages[o]
    var back: [Int] = []
    for (st, epoch) in zip(outage.stations, outage.epochs)
    where st < dataTier.databases[0].stations.count
      && dataTier.databases[0].stations[st].state.epoch == epoch
      && dataTier.databases[0].stations[st].state.unavailable
    {
      back.append(st)
    }
    guard !back.isEmpty else { return }
    recoverStations(back, name: outage.name, reason: outage.recovery)
  }

  /// `scale-up` of a database: every station gets the new core count.
  mutating func scaleUpDatabase(cores: Int?, downtime: Double) {
    let name = dataTier.databases[0].spec.name
    let all = Array(dataTier.databases[0].stations.indices)
    let newCores = Swift.min(Swift.max(1, cores ?? dataTier.databases[0].spec.cores), 1 << 20)
    for st in all {
      let old = dataTier.databases[0].stations[st].state.cores
      if dataTier.databases[0].stations[st].state.maxConnections == old
        * Defaults.connectionsPerCore
      {
        dataTier.databases[0].stations[st].state.maxConnections =
          newCores * Defaults.connectionsPerCore
      }
      dataTier.databases[0].stations[st].state.cores = newCores
      dataTier.databases[0].stations[st].state.syncProvisioned(at: now)
    }
    dataTier.databases[0].spec.cores = newCores
    if downtime.isFinite, downtime > 0 {
      note(
        "scale-up", name,
        "\(name) scales up to \(newCores) cores: down for \(CircuitBreaker.seconds(downtime))")
      failStations(
        all, name: name, for: downtime, quiet: true, recovery: "is back with \(newCores) cores")
    } else {
      for st in all { startQueuedStations(st) }
      note("scale-up", name, "\(name) scales up to \(newCores) cores with no downtime")
    }
  }
}
