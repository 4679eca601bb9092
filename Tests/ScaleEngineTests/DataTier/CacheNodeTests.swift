import ScaleModel
import Testing

@testable import ScaleEngine

/// A slow, obviously correct cache to compare `CacheNode` against.
private struct ReferenceCache {
  struct Entry {
    var expiry: Double
    var lastUse: Int
    var frequency: Int
  }
  let ttl: Double
  let capacity: Int
  let eviction: Eviction
  var entries: [Int: Entry] = [:]
  var clock = 0
  var evictions = 0
  var expirations = 0

  mutating func expire(_ now: Double) {
    for (k, e) in entries where e.expiry <= now {
      entries[k] = nil
      expirations += 1
    }
  }
  mutating func lookup(_ key: Int, _ now: Double) -> Bool {
    expire(now)
    clock += 1
    guard var e = entries[key] else { return false }
    e.lastUse = clock
    e.frequency += 1
    entries[key] = e
    return true
  }
  mutating func fill(_ key: Int, _ now: Double) {
    expire(now)
    clock += 1
    if var e = entries[key] {
      e.expiry = now + ttl
      e.lastUse = clock
      e.frequency += 1
      entries[key] = e
      return
    }
    if entries.count >= capacity {
      let victim: Int?
      switch eviction {
      case .lru: victim = entries.min { $0.value.lastUse < $1.value.lastUse }?.key
      case .lfu:
        victim =
          entries.min {
            ($0.value.frequency, $0.value.lastUse) < ($1.value.frequency, $1.value.lastUse)
          }?.key
      case .random: victim = nil
      }
      if let v = victim {
        entries[v] = nil
        evictions += 1
      }
    }
    entries[key] = Entry(expiry: now + ttl, lastUse: clock, frequency: 1)
  }
  mutating func invalidate(_ key: Int, _ now: Double) {
    expire(now)
    entries[key] = nil
  }
}

@Suite struct CacheNodeTests {
  @Test func ttlExpiresExactlyAtFillPlusTTL() {
    var c = CacheNode(ttl: 10)
    do {
      let hit = c.lookup(1, now: 0)
      #expect(hit == false)
    }
    c.fill(1, now: 0)
    do {
      let hit = c.lookup(1, now: 9.999)
      #expect(hit == true)
    }
    do {
      let hit = c.lookup(1, now: 10)
      #expect(hit == false)
    }
    #expect(c.counters.hits == 1)
    #expect(c.counters.misses == 2)
    #expect(c.counters.expirations == 1)
    #expect(c.count == 0)
  }

  /// Entries nobody reads still expire (they hold no capacity afterwards).
  @Test func unreadEntriesExpire() {
    var c = CacheNode(ttl: 5, capacity: 2)
    c.fill(1, now: 0)
    c.fill(2, now: 1)
    c.fill(3, now: 6)  // 1 and 2 expired at 5 and 6: no eviction needed
    #expect(c.counters.expirations == 2)
    #expect(c.counters.evictions == 0)
    #expect(c.residentKeys == [3])
  }

  @Test func lruEvictsLeastRecentlyUsed() {
    var c = CacheNode(ttl: 100, capacity: 2, eviction: .lru)
    c.fill(1, now: 0)
    c.fill(2, now: 1)
    do {
      let hit = c.lookup(1, now: 2)
      #expect(hit)
    }
    c.fill(3, now: 3)
    #expect(c.residentKeys == [1, 3])
    #expect(c.counters.evictions == 1)
  }

  @Test func lfuEvictsLeastFrequentlyUsedThenLeastRecent() {
    var c = CacheNode(ttl: 100, capacity: 2, eviction: .lfu)
    c.fill(1, now: 0)
    for t in 1...3 { _ = c.lookup(1, now: Double(t)) }
    c.fill(2, now: 4)
    _ = c.lookup(2, now: 5)
    c.fill(3, now: 6)  // 2 (used twice) goes, 1 (four times) stays
    #expect(c.residentKeys == [1, 3])
    c.fill(4, now: 7)  // 3 is the only key used once
    #expect(c.residentKeys == [1, 4])
    var d = CacheNode(ttl: 100, capacity: 2, eviction: .lfu)
    d.fill(1, now: 0)
    d.fill(2, now: 1)
    d.fill(3, now: 2)  // tie at frequency 1: the least recent (1) goes
    #expect(d.residentKeys == [2, 3])
  }

  @Test func randomEvictsTheDrawnKey() {
    var c = CacheNode(ttl: 100, capacity: 3, eviction: .random)
    for k in 1...3 { c.fill(k, now: 0) }
    c.fill(4, now: 1, draw: 1)  // slot order 1, 2, 3: draw 1 → key 2
    #expect(c.residentKeys == [1, 3, 4])
    c.fill(5, now: 2, draw: 3)  // dense keys are [1, 3, 4]; 3 mod 3 = 0 → key 1
    #expect(c.residentKeys == [3, 4, 5])
    #expect(c.counters.evictions == 2)
  }

  @Test func invalidateRemovesTheKey() {
    var c = CacheNode(ttl: 100)
    c.fill(7, now: 0)
    c.invalidate(7, now: 1)
    c.invalidate(8, now: 1)
    do {
      let hit = c.lookup(7, now: 2)
      #expect(hit == false)
    }
    #expect(c.counters.invalidations == 1)
  }

  @Test func refillRefreshesTTL() {
    var c = CacheNode(ttl: 10)
    c.fill(1, now: 0)
    c.fill(1, now: 5)
    do {
      let hit = c.lookup(1, now: 14)
      #expect(hit)
    }
    do {
      let hit = c.lookup(1, now: 15)
      #expect(hit == false)
    }
  }

  @Test func nothingIsStoredWithoutTTLOrCapacity() {
    var zeroCapacity = CacheNode(ttl: 10, capacity: 0)
    zeroCapacity.fill(1, now: 0)
    do {
      let hit = zeroCapacity.lookup(1, now: 0)
      #expect(hit == false)
    }
    var negative = CacheNode(ttl: 10, capacity: -4)
    negative.fill(1, now: 0)
    #expect(negative.count == 0)
    var zeroTTL = CacheNode(ttl: 0)
    zeroTTL.fill(1, now: 0)
    do {
      let hit = zeroTTL.lookup(1, now: 0)
      #expect(hit == false)
    }
  }

  @Test func dropRemovesMatchingKeysWithoutCountingEvictions() {
    var c = CacheNode(ttl: 100, capacity: 10, eviction: .random)
    for k in 0..<10 { c.fill(k, now: 0) }
    let dropped = c.drop { $0 % 2 == 0 }
    #expect(dropped == 5)
    #expect(c.residentKeys == [1, 3, 5, 7, 9])
    #expect(c.counters.evictions == 0)
    c.fill(20, now: 1)
    c.removeAll()
    #expect(c.count == 0)
  }

  /// Thousands of random operations give exactly the hits, evictions and expirations of a
  /// naive reference cache.
  @Test(arguments: [Eviction.lru, .lfu])
  func matchesReference(eviction: Eviction) {
    var rng = TierTestRNG(seed: 7)
    var c = CacheNode(ttl: 1, capacity: 16, eviction: eviction)
    var r = ReferenceCache(ttl: 1, capacity: 16, eviction: eviction)
    var now = 0.0
    for _ in 0..<20_000 {
      now += rng.uniform() * 0.05
      let key = Int(rng.next() % 40)
      let op = rng.next() % 10
      if op < 7 {
        let hit = c.lookup(key, now: now)
        let referenceHit = r.lookup(key, now)
        #expect(hit == referenceHit)
        if !hit {
          c.fill(key, now: now)
          r.fill(key, now)
        }
      } else if op < 9 {
        c.fill(key, now: now)
        r.fill(key, now)
      } else {
        c.invalidate(key, now: now)
        r.invalidate(key, now)
      }
      #expect(c.count == r.entries.count)
    }
    #expect(c.residentKeys == r.entries.keys.sorted())
    #expect(c.counters.evictions == r.evictions)
    #expect(c.counters.expirations == r.expirations)
    #expect(c.counters.evictions > 100)
    #expect(c.counters.expirations > 100)
  }

  /// Poisson reads at rate λ per key, TTL T, unbounded capacity, fill at the miss: each key
  /// alternates a miss, T seconds of hits (λT expected) and an Exp(λ) wait, so the hit rate
  /// is λT / (1 + λT). Here λ = 0.5/s, T = 4 s → 2/3.
  @Test func hitRateMatchesRenewalFormula() {
    var rng = TierTestRNG(seed: 11)
    var c = CacheNode(ttl: 4)
    let keys = 100
    let totalRate = 50.0
    var now = 0.0
    for _ in 0..<300_000 {
      now += rng.exponential(rate: totalRate)
      let key = Int(rng.next() % UInt64(keys))
      if !c.lookup(key, now: now) { c.fill(key, now: now) }
    }
    let lambdaT = totalRate / Double(keys) * 4
    #expect(abs(c.counters.hitRate - lambdaT / (1 + lambdaT)) < 0.005)
  }
}
