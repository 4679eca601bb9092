import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// `cache … warm`: the cache starts in steady state instead of empty.
@Suite struct WarmCacheTests {
  static func scenario(warm: Bool, capacity: Int? = nil) -> Scenario {
    var cache = CacheSpec(name: "c", ttl: 20, capacity: capacity)
    cache.warm = warm
    return Scenario(
      seed: 3, duration: 10, servers: [ServerSpec(name: "web", cores: 4)], caches: [cache],
      databases: [DatabaseSpec(name: "db", cores: 8)],
      traffic: TrafficSpec(rate: 1000, readFraction: 1, keys: .uniform(count: 1_000)))
  }

  @Test func aWarmCacheHitsFromTheStart() throws {
    let warm = try #require(Engine.run(Self.scenario(warm: true)).component("c"))
    let cold = try #require(Engine.run(Self.scenario(warm: false)).component("c"))
    // Cold: each of the 1000 keys misses once (about 1000 of 10 000 reads). Warm: a key
    // misses only when its staggered TTL (uniform over the first 20 s) ran out in the first
    // 10 s and it is read after that: about half the keys, at most once each.
    #expect(cold.misses >= 990)
    #expect(warm.misses < cold.misses)
    #expect(warm.misses > 300 && warm.misses < 700, "warm misses \(warm.misses)")
  }

  @Test func aBoundedWarmCacheHoldsTheMostPopularKeysUpToItsCapacity() throws {
    let r = Engine.run(Self.scenario(warm: true, capacity: 100))
    let c = try #require(r.component("c"))
    #expect(c.hits > 0)
    #expect(r.events.contains { $0.fact == .startedWarm(keys: 100, mostPopular: true) })
  }
}
