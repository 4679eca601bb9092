import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// A pool's row: its members together (arrivals, errors, utilisation, queue) and the time
/// requests spend in it, from admission at a member to the pool's answer — the wait on the
/// tiers behind included when members hold connections (L = λW holds for the pool too).
@Suite struct PoolTests {
  static func members(_ pool: String, count: Int, cores: Int, service: Double) -> [ServerSpec] {
    (1...count).map {
      ServerSpec(
        name: "\(pool)-\($0)", pool: pool, cores: cores, service: .exponential(mean: service))
    }
  }

  @Test func aPoolIsItsMembersTogether() throws {
    var servers = Self.members("web", count: 3, cores: 2, service: 0.002)
    servers[2].cores = 4
    let s = Scenario(
      seed: 2, duration: 60, warmup: 5, servers: servers,
      balancers: [BalancerSpec(name: "lb", strategy: .roundRobin)],
      traffic: TrafficSpec(rate: 1500))
    let r = Engine.run(s)
    let pool = try #require(r.component("web"))
    #expect(pool.kind == .pool)
    let members = (1...3).compactMap { r.component("web-\($0)") }
    #expect(pool.arrivals == members.reduce(0) { $0 + $1.arrivals })
    #expect(pool.cores == 8)
    // Utilisation: busy over provisioned core-seconds, so the 4-core member weighs double.
    let busy = members.reduce(0.0) { $0 + $1.utilisation * Double($1.cores) }
    #expect(abs(pool.utilisation - busy / 8) < 1e-9)
    #expect(abs(pool.meanQueueLength - members.reduce(0.0) { $0 + $1.meanQueueLength }) < 1e-9)
    // No route: a member answers when its service ends, so the pool's time is its members'.
    #expect(pool.completed == members.reduce(0) { $0 + $1.completed })
    #expect(pool.latency.count == pool.completed)
    let mean = members.reduce(0.0) { $0 + $1.latency.mean * Double($1.latency.count) }
    #expect(abs(pool.latency.mean - mean / Double(pool.latency.count)) < 1e-6)
    // A server outside any pool, and a balancer, are not pools.
    #expect(r.components.filter { $0.kind == .pool }.map(\.name) == ["web"])
  }

  /// web holds its connection while orders works: the time in the web pool is the time to
  /// the end of the route (no network), well above a member's own time; Little's law holds.
  @Test func heldConnectionsCountInThePoolsTime() throws {
    var s = Scenario(
      seed: 7, duration: 120, warmup: 10,
      servers: Self.members("web", count: 2, cores: 4, service: 0.001),
      databases: [DatabaseSpec(name: "orders", cores: 8, service: .exponential(mean: 0.008))],
      traffic: TrafficSpec(rate: 600, readFraction: 1))
    s.balancers = [BalancerSpec(name: "lb")]
    s.routes = [RouteSpec(name: "all", steps: [RouteStep(["lb"]), RouteStep(["orders"])])]
    let r = Engine.run(s)
    let pool = try #require(r.component("web"))
    let route = try #require(r.route("all"))
    let member = try #require(r.component("web-1"))
    #expect(pool.latency.mean > 4 * member.latency.mean)
    #expect(abs(pool.latency.mean - route.latency.mean) < 0.02 * route.latency.mean)
    let window = r.measuredDuration
    let lambda = Double(pool.completed) / window
    let little = lambda * pool.latency.mean
    #expect(
      abs(pool.meanInSystem - little) < 0.02 * little,
      "L \(pool.meanInSystem) vs λW \(little)")
    // The members' own L leaves the held connections out.
    let own = (1...2).compactMap { r.component("web-\($0)")?.meanInSystem }.reduce(0, +)
    #expect(pool.meanInSystem > 3 * own)
  }

  @Test func expectPoolMetricReadsThePoolsRow() throws {
    var s = Scenario(
      seed: 2, duration: 30, servers: Self.members("web", count: 2, cores: 1, service: 0.001),
      balancers: [BalancerSpec(name: "lb")], traffic: TrafficSpec(rate: 800))
    s.expectations = [
      Expectation(component: "web", metric: .utilisation, comparison: .less, bound: 0.5),
      Expectation(component: "web", metric: .latency(quantile: 0.99), comparison: .less, bound: 1),
      Expectation(component: "web", metric: .throughput, comparison: .greater, bound: 700),
    ]
    let r = Engine.run(s)
    let pool = try #require(r.component("web"))
    #expect(r.verdicts.map(\.outcome) == [.pass, .pass, .pass])
    #expect(r.verdicts.first?.measured == pool.utilisation)
    #expect(abs(pool.utilisation - 0.4) < 0.03)
  }

  /// A server the autoscaler adds to the pool is a member (its arrivals count).
  @Test func aScaledOutServerJoinsItsPool() throws {
    var s = Scenario(
      seed: 3, duration: 120, servers: Self.members("web", count: 2, cores: 1, service: 0.001),
      balancers: [BalancerSpec(name: "lb")], traffic: TrafficSpec(rate: 1700))
    s.autoscalers = [
      AutoscalerSpec(
        group: "web", mode: .threshold(low: 0.3, high: 0.7), minimum: 2, maximum: 4, interval: 10)
    ]
    let r = Engine.run(s)
    let members = r.components.filter { $0.kind == .server }
    #expect(members.count > 2)
    #expect(try #require(r.component("web")).arrivals == members.reduce(0) { $0 + $1.arrivals })
  }

  /// The REPL's `.status` lists the pool beside its members.
  @Test func aSnapshotHasThePool() throws {
    let sim = Simulation(
      scenario: Scenario(
        seed: 2, duration: 30, servers: Self.members("web", count: 3, cores: 2, service: 0.001),
        balancers: [BalancerSpec(name: "lb")], traffic: TrafficSpec(rate: 900)))
    sim.run(until: 10)
    let snapshot = sim.snapshot()
    let pool = try #require(snapshot.components.first { $0.name == "web" })
    let members = snapshot.components.filter { $0.kind == .server }
    #expect(pool.kind == .pool)
    #expect(pool.cores == 6)
    #expect(pool.healthy)
    #expect(abs(pool.utilisation - 0.15) < 0.03)
    #expect(pool.busyCoreSeconds == members.reduce(0) { $0 + $1.busyCoreSeconds })
  }

  /// Pools index by station: a database's stations sit in the station table between the
  /// declared servers and those the autoscaler adds later, so a scaled-out member's index is
  /// past them. The pool holds servers only, every one of them, and its row sums theirs.
  @Test func poolMembersAreStationIndicesPastADatabase() throws {
    var s = Scenario(
      seed: 3, duration: 120, servers: Self.members("web", count: 2, cores: 1, service: 0.001),
      databases: [
        DatabaseSpec(
          name: "orders", cores: 4, service: .exponential(mean: 0.002), replicas: 1, shards: 2)
      ],
      traffic: TrafficSpec(rate: 1700, readFraction: 1))
    s.balancers = [BalancerSpec(name: "lb")]
    s.autoscalers = [
      AutoscalerSpec(
        group: "web", mode: .threshold(low: 0.3, high: 0.7), minimum: 2, maximum: 4, interval: 10)
    ]
    var core = SimulationCore(scenario: s)
    _ = core.run(until: s.duration, shouldStop: { false })
    let pool = try #require(core.pools.names.firstIndex(of: "web"))
    let members = core.pools.members[pool]
    #expect(members.count > 2)
    #expect(members.allSatisfy { core.stations.all[$0].role == .server })
    let servers = core.stations.indices.filter { core.stations.all[$0].role == .server }
    #expect(members == servers)
    // The database's stations come before the scaled-out members and belong to no pool.
    let database = core.databases.all[0].stationIndices
    #expect(database.count == 4)
    #expect(members.contains { $0 > database.max() ?? 0 })
    #expect(database.allSatisfy { core.pools.pool(ofStation: $0) == -1 })

    let r = Engine.run(s)
    let rows = r.components.filter { $0.kind == .server }
    let row = try #require(r.component("web"))
    #expect(row.arrivals == rows.reduce(0) { $0 + $1.arrivals })
    #expect(row.cores == rows.reduce(0) { $0 + $1.cores })
  }
}
