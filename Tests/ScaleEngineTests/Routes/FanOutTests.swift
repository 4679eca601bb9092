import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// A fan-out's database branch is called exactly as a database step is (the shared
/// `startDatabaseCall`): the breaker that guards the database, scatter over its shards,
/// replicas, and its own hop latency.
@Suite struct FanOutTests {
  static func scenario(
    databases: [DatabaseSpec], route steps: [RouteStep], rate: Double = 400,
    duration: Double = 60, read: Double = 1
  ) -> Scenario {
    var s = Scenario(
      seed: 9, duration: duration,
      servers: [
        ServerSpec(name: "web", cores: 8, service: .constant(0.001), maxConnections: 10_000)
      ],
      databases: databases,
      traffic: TrafficSpec(rate: rate, readFraction: read, timeout: 2))
    s.routes = [RouteSpec(name: "search", steps: [RouteStep(["web"])] + steps)]
    return s
  }

  /// `orders` turns slow at 20 s (1 core for 400 reads/s of 10 ms: it falls behind); the
  /// breaker on it sees slow calls through the fan-out and opens, so fanned-out requests are
  /// refused at once (`breaker-open`) instead of waiting on the slow database.
  @Test func aBreakerOpensOnASlowFannedOutDatabase() throws {
    var s = Self.scenario(
      databases: [
        DatabaseSpec(name: "products", cores: 8, service: .constant(0.002)),
        DatabaseSpec(name: "orders", cores: 8, service: .constant(0.010), maxConnections: 100_000),
      ],
      route: [RouteStep(["products", "orders"])])
    s.breakers = [
      CircuitBreakerSpec(
        name: "orders-breaker", target: "orders", slowCallRateThreshold: 0.5,
        slowCallDuration: 0.2, window: 50, minimumCalls: 50, waitInOpen: 5, halfOpenCalls: 10)
    ]
    s.events = [
      TimedEvent(
        time: 20,
        action: .scaleUp(component: "orders", cores: 1, ramGB: nil, storageGB: nil, downtime: 0))
    ]
    let r = Engine.run(s)
    let breaker = try #require(r.component("orders-breaker"))
    #expect(breaker.arrivals > 10_000, "the breaker saw \(breaker.arrivals) calls")
    #expect(breaker.errors.breakerOpen > 1_000)
    #expect(r.events.contains { $0.kind == .breakerOpen && $0.time > 20 })
    let route = try #require(r.route("search"))
    #expect(route.errors.breakerOpen == breaker.errors.breakerOpen)
    // Before the slow-down nothing fails.
    #expect(r.intervals.filter { $0.end <= 20 }.allSatisfy { $0.errors == 0 })
  }

  /// A scatter read through a fan-out goes to every shard, as a database step's does.
  @Test func aFannedOutScatterReadGoesToEveryShard() throws {
    var sharded = DatabaseSpec(name: "orders", cores: 4, service: .constant(0.001))
    sharded.shards = 4
    sharded.scatterFraction = 1
    let r = Engine.run(
      Self.scenario(
        databases: [DatabaseSpec(name: "products", cores: 4, service: .constant(0.001)), sharded],
        route: [RouteStep(["products", "orders"])], duration: 10))
    #expect(r.errors.total == 0)
    let reads = r.component("products")?.reads ?? 0
    #expect(reads > 3_000)
    for shard in 1...4 {
      let station = try #require(r.component("orders/shard-\(shard)"))
      #expect(station.reads == reads, "orders/shard-\(shard): \(station.reads) of \(reads)")
    }
  }

  /// Eventual reads of a fanned-out database go to its replicas.
  @Test func aFannedOutEventualReadGoesToAReplica() throws {
    var replicated = DatabaseSpec(name: "orders", cores: 4, service: .constant(0.001))
    replicated.replicas = 2
    replicated.reads = .eventual
    let r = Engine.run(
      Self.scenario(
        databases: [
          DatabaseSpec(name: "products", cores: 4, service: .constant(0.001)), replicated,
        ],
        route: [RouteStep(["products", "orders"])], duration: 10))
    // The database's reads are its stations'; every one was a replica's.
    let reads = try #require(r.component("orders")).reads
    let replicas = (1...2).compactMap { r.component("orders/replica-\($0)")?.reads }
    #expect(reads > 3_000)
    #expect(replicas.count == 2 && replicas.allSatisfy { $0 > 1_000 })
    #expect(replicas.reduce(0, +) == reads)
  }

  /// Each branch pays its own hop, then its call: the step takes the slowest hop + answer
  /// (max(10 + 1, 0 + 20) = 20 ms), not the slowest hop plus the slowest answer (30 ms).
  @Test func eachBranchPaysItsOwnHop() throws {
    var s = Self.scenario(
      databases: [
        DatabaseSpec(name: "products", cores: 64, service: .constant(0.020)),
        DatabaseSpec(name: "orders", cores: 64, service: .constant(0.001)),
      ],
      route: [RouteStep(["products", "orders"])], rate: 50, duration: 20)
    s.links = [LinkSpec(from: "web", to: "orders", latency: .constant(0.010))]
    let r = Engine.run(s)
    let route = try #require(r.route("search"))
    // web's 1 ms, then max(10 ms + 1 ms, 20 ms).
    #expect(abs(route.latency.mean - 0.021) < 0.000_5, "mean \(route.latency.mean)")
  }
}
