import ScaleModel

/// The database stage: reads go to the key's shard (its primary for strong reads, a random
/// available replica for eventual ones), writes to the shard's primary; a scatter read goes
/// to every shard and answers when the slowest does. Each database station is a `Station`
/// (role `.database`) of the station table.
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
    guard d >= 0, d < databases.count else {
      finishCacheMiss(t, key: requests[t].key)
      return .next(.done)
    }
    dataTier.slots[t].database = Int32(truncatingIfNeeded: d)
    let breaker = resilience.breakerOfDatabase[d]
    if breaker >= 0 {
      guard acquireBreaker(breaker) else { return .fail(.breakerOpen) }
      dataTier.slots[t].databaseBreaker = Int32(truncatingIfNeeded: breaker)
      dataTier.slots[t].databaseBreakerStart = now
    }
    let isRead = requests[t].isRead
    dataTier.slots[t].isWrite = !isRead
    requests[t].entered = now
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
          return .fail(cause)
        }
      }
      dataTier.slots[t].gather = ScatterGather(shards: targets.count)
      for st in targets { _ = admitStation(st, slot: slot, read: true) }
      return .wait
    }
    let shard = databases.all[d].shards.route(key)
    let st = isRead ? readStation(d, shard: shard) : databases.all[d].primaryStation(ofShard: shard)
    if let cause = admitStation(st, slot: slot, read: isRead) { return .fail(cause) }
    return .wait
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

  /// Database station `s` answered `slot` (`serviceDone`, role `.database`): a write commits
  /// (replicas get it after their lag), an eventual read on a replica counts as stale or
  /// not; a scatter read waits for its other shards.
  mutating func databaseAnswered(_ slot: Int32, station s: Int) {
    let d = Int(stations.all[s].database)
    let k = Int(stations.all[s].local)
    guard d >= 0, d < databases.count else { return }
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
    if dataTier.slots[t].gather != nil {
      guard let _ = dataTier.slots[t].gather?.complete(at: now) else { return }
      if dataTier.slots[t].gather?.failed == true {
        fail(slot, .unavailable)
        return
      }
    }
    finishDatabase(slot)
  }

  /// A database station that held `slot` failed: the request fails, or, for a scatter read,
  /// once its other shards have answered.
  mutating func databaseDropped(_ slot: Int32) {
    let t = tierSlot(slot)
    if dataTier.slots[t].gather != nil {
      guard let _ = dataTier.slots[t].gather?.complete(at: now, ok: false) else { return }
    }
    fail(slot, .unavailable)
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
    releaseDatabaseBreaker(t, success: true)
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
