import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct SimulationCacheTests {
  /// Reads only, K = 100 uniform keys at Λ = 200 rps (λ = 2 per key per second), TTL 1 s, a
  /// database answering in 0 s, unbounded capacity: each key alternates one miss, 1 s of hits
  /// and an Exp(λ) wait, so the hit rate is λT / (1 + λT) = 2/3.
  @Test func hitRateMatchesRenewalFormula() {
    let scenario = Scenario(
      seed: 7, duration: 510, warmup: 10,
      caches: [CacheSpec(name: "sessions", ttl: 1, hitLatency: .constant(0.0005))],
      databases: [DatabaseSpec(name: "orders", cores: 8, service: .constant(0))],
      traffic: TrafficSpec(rate: 200, readFraction: 1, keys: .uniform(count: 100)))
    let r = Engine.run(scenario)
    let cache = r.component("sessions")
    #expect(cache?.kind == .cache)
    let rate = cache?.hitRate ?? 0
    #expect(abs(rate - 2.0 / 3.0) < 0.01)
    #expect((cache?.hits ?? 0) + (cache?.misses ?? 0) > 95_000)
    // Hits answer in 0.5 ms, misses at once: the mean is 0.5 ms × hit rate.
    #expect(abs(r.latency.mean - 0.0005 * rate) < 0.00002)
    #expect(r.errors.total == 0)
  }

  /// Writes invalidate: with every key written as often as read, hits need a read between
  /// a fill and the next write.
  @Test func writesInvalidate() {
    let scenario = Scenario(
      seed: 3, duration: 100,
      caches: [CacheSpec(name: "c", ttl: 1000)],
      databases: [DatabaseSpec(name: "db", cores: 8, service: .constant(0))],
      traffic: TrafficSpec(rate: 100, readFraction: 0.5, keys: .uniform(count: 10)))
    let r = Engine.run(scenario)
    // A read hits iff the previous operation on its key was a read: P = 1/2.
    #expect(abs((r.component("c")?.hitRate ?? 0) - 0.5) < 0.02)
    #expect((r.component("db")?.writes ?? 0) > 4000)
  }

  /// `set sessions nodes 4` at run time: the narrated share is the router's remap fraction over
  /// the key space, and the moved keys miss afterwards.
  @Test func nodesChangeAtRunTime() {
    let scenario = Scenario(
      seed: 5, duration: 60,
      caches: [CacheSpec(name: "sessions", ttl: 1000, nodes: 3)],
      databases: [DatabaseSpec(name: "db", cores: 8, service: .constant(0))],
      traffic: TrafficSpec(rate: 2000, readFraction: 1, keys: .uniform(count: 1000)),
      events: [TimedEvent(time: 30, action: .setCacheNodes(cache: "sessions", nodes: 4))])
    let r = Engine.run(scenario)
    let expected = KeyRouter.remapFraction(from: 3, to: 4, hashing: .modulo, keys: 1000)
    let event = r.events.first { $0.kind == .nodes }
    #expect(event?.time == 30)
    #expect(event?.component == "sessions")
    #expect(event?.fact == .cacheResized(from: 3, to: 4, remapped: expected))
    #expect(abs(expected - 0.75) < 0.05)
    // Misses: 1000 cold keys, then the remapped ones once more.
    let misses = r.component("sessions")?.misses ?? 0
    #expect(abs(Double(misses) - 1000 * (1 + expected)) < 5)
    #expect(r.components.contains { $0.name == "sessions/node-4" && $0.kind == .cacheNode })
  }
}
