import ScaleModel

/// The cache stage: a read looks its key up on the node the cache's hashing picks; a hit
/// answers after the hit latency, a miss goes on to the database and fills the key when the
/// database answers. Writes invalidate the key when they commit.
extension SimulationCore {
  mutating func enterCacheStage(_ slot: Int32) -> StageOutcome {
    let t = tierSlot(slot)
    let c = dataTier.pathCache
    guard c >= 0 else { return .next(.database) }
    let key = requests[t].key
    let (_, hit) = caches.all[c].lookup(key, now: now)
    if hit {
      let d = caches.hitLatency[c].sample(&caches.rng)
      events.schedule(
        at: now + d, kind: .dataTier, a: slot, b: requests[t].generation,
        c: DataTierState.Tag.cacheHit.rawValue)
      return .wait
    }
    dataTier.slots[t].missCache = Int32(truncatingIfNeeded: c)
    return .next(.database)
  }

  mutating func cacheHitDone(slot: Int32, generation: UInt32) {
    let i = Int(slot)
    guard isLive(slot, generation),
      requests[i].stage == .cache
    else { return }
    advance(slot, to: .done)
  }

  /// Most keys a `warm` cache starts with.
  static let maxWarmKeys = 1_000_000

  /// A `warm` cache starts as it would be in steady state: the most popular keys (key 0 is the
  /// most popular under Zipf; any under uniform), up to its capacity and at most
  /// `maxWarmKeys`, each with a remaining TTL spread uniformly over (0, ttl] (as if filled
  /// at a uniform time during the last TTL), so they do not all expire at once. Keys are
  /// filled in a random order (the `cache-warm:<name>` stream) at increasing past times,
  /// which keeps the node's fill-ordered expiry list valid. Counters start at zero.
  mutating func warmUp(cache c: Int) {
    let spec = caches.all[c].spec
    guard spec.ttl.isFinite, spec.ttl > 0 else { return }
    var keySpace = scenario.traffic?.keys.count ?? Defaults.keyCount
    for route in scenario.routes { keySpace = Swift.max(keySpace, route.keys?.count ?? 0) }
    var count = Swift.min(Swift.max(0, keySpace), SimulationCore.maxWarmKeys)
    if let capacity = spec.capacity {
      let nodes = caches.all[c].activeNodes
      let (total, overflow) = Swift.max(0, capacity).multipliedReportingOverflow(by: nodes)
      if !overflow { count = Swift.min(count, total) }
    }
    guard count > 0 else { return }
    var rng = RandomStream(seed: seed, purpose: "cache-warm:" + spec.name)
    var order = Array(0..<count)
    for k in stride(from: count - 1, to: 0, by: -1) {
      order.swapAt(k, rng.nextInt(below: k + 1))
    }
    for (position, key) in order.enumerated() {
      let filled = -spec.ttl + spec.ttl * Double(position + 1) / Double(count)
      caches.all[c].fill(key, now: filled, draw: rng.next())
    }
    caches.all[c].resetCounters()
    note(spec.name, .startedWarm(keys: count, mostPopular: count < keySpace))
  }

  /// `at … set <cache> nodes N`: nodes join or leave; keys that moved miss next time.
  mutating func setCacheNodes(_ name: String, _ count: Int) -> Bool {
    guard let c = caches.all.firstIndex(where: { $0.spec.name == name }) else { return false }
    let keySpace = scenario.traffic?.keys.count ?? Defaults.keyCount
    let resize = caches.all[c].setNodes(count, keySpace: keySpace)
    note(name, resize.fact)
    return true
  }
}
