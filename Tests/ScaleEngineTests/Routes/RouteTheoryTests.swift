import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// Routes (request classes) against queueing theory (semantics-notes §12), through the public
/// `Scenario` → `Engine.run` path only, so they hold whatever the engine looks like inside.
@Suite struct RouteTheoryTests {
  static func server(_ name: String, mu: Double, cores: Int = 1) -> ServerSpec {
    ServerSpec(name: name, cores: cores, service: .exponential(mean: 1 / mu))
  }

  static func database(_ name: String, mu: Double, cores: Int = 1) -> DatabaseSpec {
    DatabaseSpec(name: name, cores: cores, service: .exponential(mean: 1 / mu))
  }

  static func scenario(
    servers: [ServerSpec] = [], databases: [DatabaseSpec] = [], routes: [RouteSpec],
    lambda: Double, duration: Double, network: NetworkSpec? = nil, seed: UInt64 = 11
  ) -> Scenario {
    var s = Scenario(
      seed: seed, duration: duration, warmup: duration / 50, servers: servers,
      databases: databases, traffic: TrafficSpec(rate: lambda, readFraction: 1))
    s.routes = routes
    s.network = network
    return s
  }

  /// A tandem of two M/M/1 stations (Jackson): the mean time through both is the sum of
  /// their means, 1/(μ₁ − λ) + 1/(μ₂ − λ). The first holds its connection while the second
  /// works, which changes nothing below the connection limit.
  @Test(.tags(.slow)) func aTandemOfMM1StationsAddsTheirMeans() {
    let lambda = 600.0
    let r = Engine.run(
      Self.scenario(
        servers: [Self.server("a", mu: 1000), Self.server("b", mu: 1500)],
        routes: [RouteSpec(name: "all", steps: [RouteStep(["a"]), RouteStep(["b"])])],
        lambda: lambda, duration: 1_000))
    let expected = 1 / (1000 - lambda) + 1 / (1500 - lambda)
    #expect(close(r.latency.mean, expected, within: 0.03), "mean \(r.latency.mean) vs \(expected)")
    let route = r.route("all")
    #expect(route?.completed == r.completed)
    #expect(close(route?.latency.mean ?? 0, expected, within: 0.03))
    #expect(r.errors.total == 0)
  }

  /// Two classes split the traffic by share; each goes to its own M/M/1 station, which sees a
  /// Poisson stream of rate share × λ (a random split of a Poisson process).
  @Test(.tags(.slow)) func aProbabilisticSplitGivesEachClassItsShare() {
    let lambda = 1000.0
    let r = Engine.run(
      Self.scenario(
        servers: [Self.server("a", mu: 500), Self.server("b", mu: 1000)],
        routes: [
          RouteSpec(name: "small", share: 0.3, steps: [RouteStep(["a"])]),
          RouteSpec(name: "large", share: 0.7, steps: [RouteStep(["b"])]),
        ], lambda: lambda, duration: 1_000))
    let small = r.route("small")
    let large = r.route("large")
    let offered = Double(r.offered)
    #expect(close(Double(small?.offered ?? 0) / offered, 0.3, within: 0.01))
    #expect(close(Double(large?.offered ?? 0) / offered, 0.7, within: 0.01))
    #expect((small?.offered ?? 0) + (large?.offered ?? 0) == r.offered)
    #expect(close(small?.latency.mean ?? 0, 1 / (500 - 300.0), within: 0.04))
    #expect(close(large?.latency.mean ?? 0, 1 / (1000 - 700.0), within: 0.04))
    #expect(close(r.component("a")?.utilisation ?? 0, 0.6, within: 0.02))
  }

  /// A fan-out to two identical M/M/1 stations, waiting for both: Nelson & Tantawi (1988)
  /// give E[T] ≈ (12 − ρ)/8 · 1/(μ − λ) for two branches (within about 1 % of simulation).
  @Test(.tags(.slow)) func aTwoBranchForkJoinMatchesNelsonTantawi() {
    let lambda = 500.0
    let mu = 1000.0
    let rho = lambda / mu
    let r = Engine.run(
      Self.scenario(
        databases: [Self.database("d1", mu: mu), Self.database("d2", mu: mu)],
        routes: [RouteSpec(name: "both", steps: [RouteStep(["d1", "d2"])])],
        lambda: lambda, duration: 1_000))
    let expected = (12 - rho) / 8 / (mu - lambda)
    #expect(close(r.latency.mean, expected, within: 0.03), "mean \(r.latency.mean) vs \(expected)")
    #expect(close(r.component("d1")?.latency.mean ?? 0, 1 / (mu - lambda), within: 0.03))
    #expect(r.errors.total == 0)
  }

  /// Network latency adds exactly its mean per hop: a constant 1 ms on each of the two hops
  /// (client → a, a → b) adds 2 ms to every request; arrivals and service draw from their own
  /// streams, so the two runs see the same requests.
  @Test func networkLatencyAddsExactlyItsMeanPerHop() {
    let servers = [Self.server("a", mu: 1000), Self.server("b", mu: 2000)]
    let route = RouteSpec(name: "all", steps: [RouteStep(["a"]), RouteStep(["b"])])
    let base = Engine.run(
      Self.scenario(servers: servers, routes: [route], lambda: 300, duration: 60))
    let slow = Engine.run(
      Self.scenario(
        servers: servers, routes: [route], lambda: 300, duration: 60,
        network: NetworkSpec(latency: .constant(0.001))))
    #expect(slow.completed == base.completed)
    #expect(
      abs(slow.latency.mean - base.latency.mean - 0.002) < 0.00005,
      "with \(slow.latency.mean), without \(base.latency.mean)")
  }

  /// A cache step is cache-aside: a hit answers and skips the database behind it, a miss goes
  /// on to it; a warm-up-free check of the split: the database sees exactly the misses.
  @Test func aCacheHitSkipsTheDatabaseBehindIt() {
    var s = Self.scenario(
      servers: [Self.server("web", mu: 5000, cores: 4)],
      databases: [Self.database("db", mu: 2000, cores: 4)],
      routes: [
        RouteSpec(
          name: "read", kind: .read,
          steps: [
            RouteStep(["web"]), RouteStep(["c"]), RouteStep(["db"]),
          ])
      ], lambda: 500, duration: 60)
    s.caches = [CacheSpec(name: "c", ttl: 1_000)]
    s.traffic?.keys = .uniform(count: 1_000)
    let r = Engine.run(s)
    let cache = r.component("c")
    let db = r.component("db")
    #expect((cache?.hits ?? 0) > 0)
    #expect(db?.arrivals == cache?.misses)
    #expect(r.errors.total == 0)
  }
}

/// A balancer counts the requests it forwarded once, not again when a later step of the same
/// route is served by a pool with no balancer in front.
@Test func aLaterPoolStepDoesNotCountOnAnEarlierBalancer() throws {
  var s = Scenario(
    seed: 2, duration: 20,
    servers: [
      ServerSpec(name: "web-1", pool: "web"), ServerSpec(name: "web-2", pool: "web"),
      ServerSpec(name: "api-1", pool: "api"), ServerSpec(name: "api-2", pool: "api"),
    ],
    balancers: [
      BalancerSpec(
        name: "lb",
        backends: [Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1)])
    ],
    traffic: TrafficSpec(rate: 500))
  s.routes = [RouteSpec(name: "all", steps: [RouteStep(["lb"]), RouteStep(["api"])])]
  let r = Engine.run(s)
  let lb = try #require(r.component("lb"))
  #expect(lb.completed <= lb.arrivals)
  #expect(lb.completed > 0)
  #expect((r.component("api-1")?.completed ?? 0) > 0)
}
