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

  mutating func enterDatabaseStage(_ slot: Int32, database d: Int) -> StageOutcome {
    let t = tierSlot(slot)
    guard d >= 0, d < dataTier.databases.count else {
      finishCacheMiss(t, key: requests[t].key)
      return .next(.done)
    }
    dataTier.slots[t].database = Int32(truncatingIfNeeded: d)
    dataTier.slots[t].isWrite = !requests[t].isRead
    requests[t].entered = now
    // A refused call keeps its breaker: the failure path records it (`tierRetryDelay`).
    if let cause = startDatabaseCall(slot, database: d, call: 0) { return .fail(cause) }
    return .wait
  }

  /// The index in `dataTier.calls` of call `k` of the request in slot `t` (grown on demand).
  mutating func callRecord(_ t: Int, _ k: Int) -> Int {
    let stride = dataTier.callStride
    let end = (t + 1) * stride
    if dataTier.calls.count < end {
      dataTier.calls.append(
        contentsOf: repeatElement(DatabaseCall(), count: end - dataTier.calls.count))
    }
    return t * stride + k
  }

  /// Starts call `k` of the request in `slot` to database `d` (a sequential step is call 0, a
  /// fan-out's branch k is call k): the breaker guarding `d` is asked first; then a scatter
  /// read goes to every shard (all or nothing: a shard that refuses fails it), any other
  /// request to its key's shard — writes and strong reads to the primary, eventual reads to a
  /// random available replica. Returns the cause when refused at once; the breaker it
  /// acquired stays held for the caller to record.
  mutating func startDatabaseCall(_ slot: Int32, database d: Int, call k: Int) -> ErrorCause? {
    let t = tierSlot(slot)
    let c = callRecord(t, k)
    dataTier.calls[c] = DatabaseCall(database: Int32(truncatingIfNeeded: d), started: now)
    if Int(dataTier.slots[t].calls) <= k {
      dataTier.slots[t].calls = Int16(truncatingIfNeeded: k + 1)
    }
    let breaker = dataTier.breakerOfDatabase[d]
    if breaker >= 0 {
      guard acquireBreaker(breaker) else { return .breakerOpen }
      dataTier.calls[c].breaker = Int32(truncatingIfNeeded: breaker)
    }
    let isRead = requests[t].isRead
    let key = requests[t].key
    let shardCount = dataTier.databases[d].shards.shardCount
    if isRead, shardCount > 1, dataTier.databases[d].spec.scatterFraction > 0,
      dataTier.databases[d].rng.nextDouble()
        < dataTier.databases[d].spec.scatterFraction
    {
      let range = dataTier.databases[d].shards.scatter()
      var targets: [Int] = []
      targets.reserveCapacity(range.count)
      for s in range { targets.append(readStation(d, shard: s)) }
      // All or nothing: a shard that refuses fails the whole read.
      for st in targets {
        if let cause = dataTier.databases[d].stations[st].state.refusal {
          dataTier.databases[d].stations[st].state.countRefused(cause)
          return cause
        }
      }
      dataTier.calls[c].remaining = Int32(truncatingIfNeeded: targets.count)
      for st in targets { _ = admitStation(d, st, slot: slot, read: true) }
      return nil
    }
    let shard = dataTier.databases[d].shards.route(key)
    let st =
      isRead
      ? readStation(d, shard: shard)
      : dataTier.databases[d].primary(ofShard: shard)
    if let cause = admitStation(d, st, slot: slot, read: isRead) { return cause }
    dataTier.calls[c].remaining = 1
    return nil
  }

  /// The call of the request in slot `t` still waiting on database `d` (nil: none).
  func databaseCall(ofSlot t: Int, database d: Int) -> Int? {
    guard t >= 0, t < dataTier.slots.count else { return nil }
    let stride = dataTier.callStride
    for k in 0..<Int(dataTier.slots[t].calls) {
      let c = t * stride + k
      if c < dataTier.calls.count, dataTier.calls[c].database == d,
        dataTier.calls[c].remaining > 0
      {
        return c
      }
    }
    return nil
  }

  /// A station answered call `c` of the request in `slot` (`ok` false: it failed). Once every
  /// answer is in, the call ends: a fan-out's branch records its breaker and answers its
  /// step; a sequential call finishes (its breaker recorded as a success) or fails.
  mutating func databaseCallAnswered(_ slot: Int32, call c: Int, ok: Bool) {
    if !ok { dataTier.calls[c].failed = true }
    dataTier.calls[c].remaining -= 1
    guard dataTier.calls[c].remaining <= 0 else { return }
    let failed = dataTier.calls[c].failed
    if dataTier.slots[Int(slot)].gather != nil {
      endDatabaseCall(c, success: !failed)
      branchAnswered(slot, ok: !failed, cause: .unavailable)
    } else if failed {
      databaseFailed(slot, .unavailable)
    } else {
      finishDatabase(slot)
    }
  }

  /// Call `c` ended: its breaker records the outcome (once).
  mutating func endDatabaseCall(_ c: Int, success: Bool) {
    let b = Int(dataTier.calls[c].breaker)
    guard b >= 0, b < dataTier.breakers.count else { return }
    dataTier.calls[c].breaker = -1
    let d = now - dataTier.calls[c].started
    if let transition = dataTier.breakers[b].record(success: success, duration: d, now: now) {
      narrate(transition, breaker: b)
    }
  }

  /// Every call of the request in slot `t` whose breaker has not recorded it yet records
  /// `success` (the request ended, failed or timed out).
  mutating func endDatabaseCalls(_ t: Int, success: Bool) {
    guard t >= 0, t < dataTier.slots.count else { return }
    let stride = dataTier.callStride
    for k in 0..<Int(dataTier.slots[t].calls) where t * stride + k < dataTier.calls.count {
      endDatabaseCall(t * stride + k, success: success)
    }
  }

  /// The station a read of `shard` goes to.
  mutating func readStation(_ d: Int, shard s: Int) -> Int {
    let primary = dataTier.databases[d].primary(ofShard: s)
    let replicas = dataTier.databases[d].replicas
    guard dataTier.databases[d].spec.reads == .eventual, replicas > 0 else {
      return primary
    }
    // A random available replica (the seed's `random.choice`); the primary if none is up
    // (as Aurora's reader endpoint falls back to the writer).
    var up = 0
    for r in 0..<replicas
    where !dataTier.databases[d].stations[primary + 1 + r].state.unavailable {
      up += 1
    }
    guard up > 0 else { return primary }
    var pick = dataTier.databases[d].rng.nextInt(below: up)
    for r in 0..<replicas
    where !dataTier.databases[d].stations[primary + 1 + r].state.unavailable {
      if pick == 0 { return primary + 1 + r }
      pick -= 1
    }
    return primary
  }

  /// An arrival at a database station: refused when failed or full, else served or queued.
  mutating func admitStation(_ d: Int, _ st: Int, slot: Int32, read: Bool) -> ErrorCause? {
    if let cause = dataTier.databases[d].stations[st].state.admitArrival() { return cause }
    if read {
      dataTier.databases[d].stations[st].reads += 1
    } else {
      dataTier.databases[d].stations[st].writes += 1
    }
    if dataTier.databases[d].stations[st].state.takeCoreOrWait(slot, at: now) {
      startStation(d, st, slot: slot)
    }
    return nil
  }

  mutating func startStation(_ d: Int, _ st: Int, slot: Int32) {
    let service = dataTier.databases[d].stations[st].state.beginService(at: now)
    dataTier.databases[d].stations[st].inService.append(slot)
    // c: tag (4 bits), station (10 bits), the station's epoch (8 bits), database (9 bits): a
    // completion from before a failure is recognised as stale.
    let epoch = Int32(
      truncatingIfNeeded: dataTier.databases[d].stations[st].state.epoch & 0xFF)
    events.schedule(
      at: now + service, kind: .dataTier, a: slot, b: requests[Int(slot)].generation,
      c: DataTierState.Tag.stationDone.rawValue | Int32(truncatingIfNeeded: (st & 0x3FF) << 4)
        | epoch << 14 | Int32(truncatingIfNeeded: (d & 0x1FF) << 22))
  }

  mutating func stationDone(
    slot: Int32, generation: UInt32, database d: Int, station st: Int, epoch: UInt32
  ) {
    guard d >= 0, d < dataTier.databases.count, st >= 0,
      st < dataTier.databases[d].stations.count,
      dataTier.databases[d].stations[st].state.epoch & 0xFF == epoch,
      let pos = dataTier.databases[d].stations[st].inService.firstIndex(
        of: slot)
    else { return }
    dataTier.databases[d].stations[st].inService.remove(at: pos)
    let live = requests[Int(slot)].active && requests[Int(slot)].generation == generation
    let call = live ? databaseCall(ofSlot: Int(slot), database: d) : nil
    let started = call.map { dataTier.calls[$0].started } ?? requests[Int(slot)].entered
    dataTier.databases[d].stations[st].state.endService(at: now, sojourn: now - started)
    startQueuedStations(d, st)
    guard live else { return }

    let t = tierSlot(slot)
    // No copy of the database state is held across the mutations below (a copy would make
    // the replication arrays copy-on-write on every read).
    let shard = dataTier.databases[d].shard(ofStation: st)
    let replica = dataTier.databases[d].replicaIndex(ofStation: st)
    let key = requests[t].key
    if dataTier.slots[t].isWrite {
      commitWrite(d, key: key, shard: shard)
    } else if let r = replica {
      dataTier.databases[d].replication[shard].read(
        key: key, replica: r, at: now)
    }
    guard let call else {
      finishDatabase(slot)
      return
    }
    databaseCallAnswered(slot, call: call, ok: true)
  }

  /// A write committed on shard `shard`'s primary now: replicas see it after their lag; the
  /// cache entry is invalidated (cache-aside).
  mutating func commitWrite(_ d: Int, key: Int, shard: Int) {
    if d >= 0, d < dataTier.databases.count,
      shard < dataTier.databases[d].replication.count
    {
      var lag = dataTier.databases[d].lag
      var rng = dataTier.databases[d].rng
      dataTier.databases[d].replication[shard].write(key: key, commit: now) {
        _ in lag.sample(&rng)
      }
      dataTier.databases[d].lag = lag
      dataTier.databases[d].rng = rng
    }
    for c in dataTier.caches.indices { dataTier.caches[c].invalidate(key, now: now) }
  }

  /// The database answered: record the breaker's success, fill the cache after a miss, done.
  mutating func finishDatabase(_ slot: Int32) {
    let t = tierSlot(slot)
    endDatabaseCalls(t, success: true)
    finishCacheMiss(t, key: requests[t].key)
    if routesActive {
      dataTier.slots[t].gather = nil
      advance(slot, to: nextStep(slot))
      return
    }
    advance(slot, to: .done)
  }

  mutating func finishCacheMiss(_ t: Int, key: Int) {
    let c = Int(dataTier.slots[t].missCache)
    guard c >= 0, c < dataTier.caches.count else { return }
    dataTier.slots[t].missCache = -1
    let draw = dataTier.cacheRng.next()
    dataTier.caches[c].fill(key, now: now, draw: draw)
  }

  /// A request held by the database failed there (station failure, scatter shard failure).
  mutating func databaseFailed(_ slot: Int32, _ cause: ErrorCause) {
    fail(slot, cause)
  }

  mutating func startQueuedStations(_ d: Int, _ st: Int) {
    while let next = dataTier.databases[d].stations[st].state.nextWaiting(at: now) {
      startStation(d, st, slot: next)
    }
  }

  // MARK: - Failure, recovery, vertical scaling

  /// Stations a name denotes: `orders` (every shard's primary), `orders/shard-2`,
  /// `orders/replica-1`, `orders/shard-2/replica-1`.
  func stations(named name: String) -> (database: Int, stations: [Int])? {
    for (d, db) in dataTier.databases.enumerated() {
      if name == db.spec.name {
        return (d, (0..<db.shards.shardCount).map { db.primary(ofShard: $0) })
      }
      if let i = db.stations.firstIndex(where: { $0.name == name }) { return (d, [i]) }
    }
    return nil
  }

  /// Fails `list` (named `name` in the narration); with `duration`, they recover together
  /// after it (one `recover` event, told by `recovery`; by default `NAME recovered after its
  /// failure period`). `quiet`: no `fail` event.
  mutating func failStations(
    _ d: Int, _ list: [Int], name: String, for duration: Double?, quiet: Bool = false,
    recovery: RunEvent.Account? = nil
  ) {
    var held = 0
    for st in list {
      dataTier.databases[d].stations[st].state.epoch &+= 1
      dataTier.databases[d].stations[st].state.unavailable = true
      dataTier.databases[d].stations[st].state.downTimeAverage.set(1, at: now)
      held += dataTier.databases[d].stations[st].inService.count
      held += dataTier.databases[d].stations[st].state.queue.count
    }
    for st in list { dropStationRequests(d, st) }
    var account = RunEvent.Account(
      restating: "\(name) fails",
      phrase: "requests to it fail" + (held > 0 ? " and the \(held) it held fail" : ""))
    if let length = duration, length.isFinite, length >= 0 {
      let epochs = list.map { dataTier.databases[d].stations[$0].state.epoch }
      dataTier.outages.append(
        DataTierState.Outage(
          name: name, database: d, stations: list, epochs: epochs,
          recovery: recovery
            ?? RunEvent.Account(restating: "\(name) recovered", cause: "after its failure period")))
      events.schedule(
        at: now + length, kind: .dataTier,
        a: Int32(truncatingIfNeeded: dataTier.outages.count - 1),
        c: DataTierState.Tag.stationRecover.rawValue)
      account.remark = "it recovers after \(Format.duration(length, .seconds))"
    }
    if !quiet { note(.fail, name, account) }
  }

  mutating func dropStationRequests(_ d: Int, _ st: Int) {
    var held = dataTier.databases[d].stations[st].state.queue.drain()
    held += dataTier.databases[d].stations[st].inService
    dataTier.databases[d].stations[st].inService.removeAll()
    dataTier.databases[d].stations[st].state.busy = 0
    dataTier.databases[d].stations[st].state.busyTime.set(0, at: now)
    dataTier.databases[d].stations[st].state.syncProvisioned(at: now)
    dataTier.databases[d].stations[st].state.queueTime.set(0, at: now)
    dataTier.databases[d].stations[st].state.counters.unavailable += held.count
    for slot in held {
      if let call = databaseCall(ofSlot: Int(slot), database: d) {
        databaseCallAnswered(slot, call: call, ok: false)
      } else {
        databaseFailed(slot, .unavailable)
      }
    }
  }

  mutating func recoverStations(
    _ d: Int, _ list: [Int], name: String, _ account: RunEvent.Account
  ) {
    for st in list {
      dataTier.databases[d].stations[st].state.epoch &+= 1
      dataTier.databases[d].stations[st].state.unavailable = false
      dataTier.databases[d].stations[st].state.downTimeAverage.set(0, at: now)
    }
    note(.recover, name, account)
  }

  /// An outage's time is up: its stations that were not failed or recovered again since
  /// come back.
  mutating func outageEnded(_ o: Int) {
    guard o >= 0, o < dataTier.outages.count else { return }
    let outage = dataTier.outages[o]
    let d = outage.database
    guard d >= 0, d < dataTier.databases.count else { return }
    var back: [Int] = []
    for (st, epoch) in zip(outage.stations, outage.epochs)
    where st < dataTier.databases[d].stations.count
      && dataTier.databases[d].stations[st].state.epoch == epoch
      && dataTier.databases[d].stations[st].state.unavailable
    {
      back.append(st)
    }
    guard !back.isEmpty else { return }
    recoverStations(d, back, name: outage.name, outage.recovery)
  }

  /// `scale-up` of a database: every station gets the new core count.
  mutating func scaleUpDatabase(_ d: Int, cores: Int?, downtime: Double) {
    let name = dataTier.databases[d].spec.name
    let all = Array(dataTier.databases[d].stations.indices)
    let newCores = Swift.min(
      Swift.max(1, cores ?? dataTier.databases[d].spec.cores), 1 << 20)
    for st in all {
      let old = dataTier.databases[d].stations[st].state.cores
      if dataTier.databases[d].stations[st].state.maxConnections == old
        * Defaults.connectionsPerCore
      {
        dataTier.databases[d].stations[st].state.maxConnections =
          newCores * Defaults.connectionsPerCore
      }
      dataTier.databases[d].stations[st].state.cores = newCores
      dataTier.databases[d].stations[st].state.syncProvisioned(at: now)
    }
    dataTier.databases[d].spec.cores = newCores
    if downtime.isFinite, downtime > 0 {
      note(
        .scaleUp, name,
        "\(name) scales up to \(newCores) cores: down for \(Format.duration(downtime, .seconds))",
        leadingName: name)
      failStations(
        d, all, name: name, for: downtime, quiet: true,
        recovery: RunEvent.Account(restating: "\(name) is back with \(newCores) cores"))
    } else {
      for st in all { startQueuedStations(d, st) }
      note(
        .scaleUp, name, "\(name) scales up to \(newCores) cores with no downtime", leadingName: name
      )
    }
  }
}
