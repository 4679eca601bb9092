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
    let (_, hit) = dataTier.caches[c].lookup(key, now: now)
    if hit {
      let d = dataTier.cacheHitLatency[c].sample(&dataTier.cacheRng)
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
    guard i >= 0, i < requests.count, requests[i].active, requests[i].generation == generation,
      requests[i].stage == .cache
    else { return }
    advance(slot, to: .done)
  }

  /// `at … set <cache> nodes N`: nodes join or leave; keys that moved miss next time.
  mutating func setCacheNodes(_ name: String, _ count: Int) -> Bool {
    guard let c = dataTier.caches.firstIndex(where: { $0.spec.name == name }) else { return false }
    let keySpace = scenario.traffic?.keys.count ?? Defaults.keyCount
    let resize = dataTier.caches[c].setNodes(count, keySpace: keySpace)
    note("nodes", name, resize.detail(cache: name))
    return true
  }
}
