import ScaleModel

/// The database stage: reads go to the key's shard (its primary for strong reads, a random
/// available replica for eventual ones), writes to the shard's primary; a scatter read goes
/// to every shard and answers when the slowest does. Each database station is a `Station`
/// (role `.database`) of the station table.
extension SimulationCore {
  /// The data tier's record for `slot`, reset when the slot carries a new request.
  // Inlined: called several times a request, and the record is almost always current.
  @inline(__always)
  mutating func tierSlot(_ slot: Int32) -> Int {
    let i = Int(slot)
    let generation = requests[i].generation
    if i < dataTier.slots.count, dataTier.slots[i].generation == generation { return i }
    renewTierSlot(i, generation: generation)
    return i
  }

  /// Makes record `i` a fresh one for the request of `generation` (grown on demand).
  @inline(never)
  mutating func renewTierSlot(_ i: Int, generation: UInt32) {
    while dataTier.slots.count <= i { dataTier.slots.append(TierSlot()) }
    dataTier.slots[i] = TierSlot(generation: generation)
  }

  mutating func enterDatabaseStage(_ slot: Int32, database d: Int) -> StageOutcome {
    let t = tierSlot(slot)
    guard d >= 0, d < databases.count else {
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
    while dataTier.calls.count < end { dataTier.calls.append(DatabaseCall()) }
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
    let breaker = resilience.breakerOfDatabase[d]
    if breaker >= 0 {
      guard acquireBreaker(breaker) else { return .breakerOpen }
      dataTier.calls[c].breaker = Int32(truncatingIfNeeded: breaker)
    }
    let isRead = requests[t].isRead
    let key = requests[t].key
    let shardCount = databases.all[d].shards.shardCount
    if isRead, shardCount > 1, databases.all[d].spec.scatterFraction > 0,
      databases.all[d].rng.nextDouble() < databases.all[d].spec.scatterFraction
    {
      let range = databases.all[d].shards.scatter()
      var targets: [Int] = []
      targets.reserveCapacity(range.count)
      for s in range { targets.append(readStation(d, shard: s)) }
      // All or nothing: a shard that refuses fails the whole read.
      for st in targets {
        if let cause = stations.all[st].refusal {
          stations.all[st].countRefused(cause)
          return cause
        }
      }
      dataTier.calls[c].remaining = Int32(truncatingIfNeeded: targets.count)
      for st in targets { _ = admitStation(st, slot: slot, read: true) }
      return nil
    }
    let shard = databases.all[d].shards.route(key)
    let st = isRead ? readStation(d, shard: shard) : databases.all[d].primaryStation(ofShard: shard)
    if let cause = admitStation(st, slot: slot, read: isRead) { return cause }
    dataTier.calls[c].remaining = 1
    return nil
  }

  /// The call of the request in slot `t` still waiting on database `d` (nil: none).
  // Inlined: a call would copy the whole core (1.9 KB) to pass it to a non-mutating method.
  @inline(__always)
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
      fail(slot, .unavailable)
    } else {
      finishDatabase(slot)
    }
  }

  /// Call `c` ended: its breaker records the outcome (once).
  mutating func endDatabaseCall(_ c: Int, success: Bool) {
    let b = Int(dataTier.calls[c].breaker)
    guard b >= 0 else { return }
    dataTier.calls[c].breaker = -1
    recordBreakerCall(b, started: dataTier.calls[c].started, success: success)
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

  /// The station (its index in the station table) a read of `shard` goes to.
  mutating func readStation(_ d: Int, shard s: Int) -> Int {
    let primary = databases.all[d].primaryStation(ofShard: s)
    let replicas = databases.all[d].replicas
    guard databases.all[d].spec.reads == .eventual, replicas > 0 else { return primary }
    // A random available replica (the seed's `random.choice`); the primary if none is up
    // (as Aurora's reader endpoint falls back to the writer).
    var up = 0
    for r in 0..<replicas where !stations.all[primary + 1 + r].unavailable { up += 1 }
    guard up > 0 else { return primary }
    var pick = databases.all[d].rng.nextInt(below: up)
    for r in 0..<replicas where !stations.all[primary + 1 + r].unavailable {
      if pick == 0 { return primary + 1 + r }
      pick -= 1
    }
    return primary
  }

  /// An arrival at a database station: refused when failed or full, else served or queued.
  mutating func admitStation(_ s: Int, slot: Int32, read: Bool) -> ErrorCause? {
    if let cause = stations.all[s].admitArrival() { return cause }
    if read {
      stations.all[s].stats.counters.reads += 1
    } else {
      stations.all[s].stats.counters.writes += 1
    }
    if stations.all[s].takeCoreOrWait(slot, at: now) { startService(station: s, slot: slot) }
    return nil
  }

  /// Database station `s` answered `slot` (`serviceDone`, role `.database`; `generation`:
  /// the request's when its service began). Its sojourn counts from when the call reached
  /// the database (a fan-out's branch after its own hop). If the request is still the one
  /// served: a write commits (replicas get it after their lag), an eventual read on a
  /// replica counts as stale or not, and its call is answered (a scatter read waits for its
  /// other shards).
  mutating func databaseAnswered(_ slot: Int32, generation: UInt32, station s: Int) {
    let i = Int(slot)
    let d = Int(stations.all[s].database)
    let k = Int(stations.all[s].local)
    let live = requests[i].active && requests[i].generation == generation
    let call = live ? databaseCall(ofSlot: i, database: d) : nil
    let started = call.map { dataTier.calls[$0].started } ?? requests[i].entered
    stations.all[s].endService(at: now, sojourn: now - started)
    startQueued(station: s)
    guard live, d >= 0, d < databases.count else { return }

    let t = tierSlot(slot)
    // No copy of the database state is held across the mutations below (a copy would make
    // the replication arrays copy-on-write on every read).
    let shard = databases.all[d].shard(ofStation: k)
    let replica = databases.all[d].replicaIndex(ofStation: k)
    let key = requests[t].key
    if dataTier.slots[t].isWrite {
      commitWrite(d, key: key, shard: shard)
    } else if let r = replica {
      databases.all[d].replication[shard].read(key: key, replica: r, at: now)
    }
    guard let call else {
      finishDatabase(slot)
      return
    }
    databaseCallAnswered(slot, call: call, ok: true)
  }

  /// A station of database `d` that held `slot` failed: its call fails (a scatter read once
  /// its other shards have answered); a request with no call there fails at once.
  mutating func databaseDropped(_ slot: Int32, database d: Int) {
    if let call = databaseCall(ofSlot: Int(slot), database: d) {
      databaseCallAnswered(slot, call: call, ok: false)
    } else {
      fail(slot, .unavailable)
    }
  }

  /// A write committed on shard `shard`'s primary now: replicas see it after their lag; the
  /// cache entry is invalidated (cache-aside).
  mutating func commitWrite(_ d: Int, key: Int, shard: Int) {
    if d >= 0, d < databases.count, shard < databases.all[d].replication.count {
      var lag = databases.all[d].lag
      var rng = databases.all[d].rng
      databases.all[d].replication[shard].write(key: key, commit: now) { _ in lag.sample(&rng) }
      databases.all[d].lag = lag
      databases.all[d].rng = rng
    }
    for c in caches.indices { caches.all[c].invalidate(key, now: now) }
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
    guard c >= 0, c < caches.count else { return }
    dataTier.slots[t].missCache = -1
    let draw = caches.rng.next()
    caches.all[c].fill(key, now: now, draw: draw)
  }
}
