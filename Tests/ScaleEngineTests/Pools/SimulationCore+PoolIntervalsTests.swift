import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// Each pool's point of the time series, computed at interval close from its members and its
/// own recorder (nothing added per request).
@Suite struct PoolIntervalTests {
  /// With no route and no data tier a request's whole life is its member's service: in every
  /// interval the pool answered exactly the requests the client saw complete, with the same
  /// latencies — also in the interval the warm-up ends in (2.5 s), where the recorders reset.
  @Test func withOneTierThePoolsSeriesIsTheClients() throws {
    let s = Scenario(
      seed: 3, duration: 20, warmup: 2.5,
      servers: PoolTests.members("web", count: 3, cores: 1, service: 0.002),
      balancers: [BalancerSpec(name: "lb", strategy: .leastConnections)],
      traffic: TrafficSpec(rate: 1000))
    let r = Engine.run(s)
    #expect(r.intervals.count == 20)
    for i in r.intervals {
      let pool = try #require(i.pools["web"])
      #expect(pool.completed == i.completed)
      #expect(pool.latency.count == i.latency.count)
      #expect(pool.latency.p50 == i.latency.p50)
      #expect(pool.latency.p90 == i.latency.p90)
      #expect(pool.latency.p99 == i.latency.p99)
      #expect(abs(pool.latency.mean - i.latency.mean) < 1e-9 * max(1, i.latency.mean))
      #expect(pool.errors.total == 0)
    }
  }

  /// Utilisation and queue: the members' busy over provisioned core-seconds and their mean
  /// numbers waiting together, as the pool's row over the run; errors: its members'.
  @Test func utilisationQueueAndErrorsAreTheMembersTogether() throws {
    var servers = PoolTests.members("web", count: 2, cores: 1, service: 0.004)
    servers = servers.map {
      var m = $0
      m.maxConnections = 2
      return m
    }
    let s = Scenario(
      seed: 5, duration: 30, servers: servers, balancers: [BalancerSpec(name: "lb")],
      traffic: TrafficSpec(rate: 600))
    let r = Engine.run(s)
    let pool = try #require(r.component("web"))
    var errors = 0
    for i in r.intervals {
      let u1 = try #require(i.utilisation["web-1"])
      let u2 = try #require(i.utilisation["web-2"])
      #expect(abs((i.utilisation["web"] ?? -1) - (u1 + u2) / 2) < 1e-9)
      let q = (i.queueLength["web-1"] ?? 0) + (i.queueLength["web-2"] ?? 0)
      #expect(abs((i.queueLength["web"] ?? -1) - q) < 1e-9)
      errors += i.pools["web"]?.errors.rejected ?? 0
    }
    // Rejections at full connections happen: the intervals add up to the pool's row.
    #expect(pool.errors.rejected > 0)
    #expect(errors == pool.errors.rejected)
  }

  /// With routes the pool answers when the connection held for the tiers behind comes back:
  /// over the measured intervals the answers and their count add up to the pool's row.
  @Test func withRoutesTheIntervalsAddUpToThePoolsRow() throws {
    var s = Scenario(
      seed: 7, duration: 30, warmup: 5,
      servers: PoolTests.members("web", count: 2, cores: 4, service: 0.001),
      databases: [DatabaseSpec(name: "orders", cores: 8, service: .exponential(mean: 0.008))],
      traffic: TrafficSpec(rate: 400, readFraction: 1))
    s.balancers = [BalancerSpec(name: "lb")]
    s.routes = [RouteSpec(name: "all", steps: [RouteStep(["lb"]), RouteStep(["orders"])])]
    let r = Engine.run(s)
    let pool = try #require(r.component("web"))
    let measured = r.intervals.filter { $0.start >= 5 }.compactMap { $0.pools["web"] }
    #expect(measured.count == 25)
    #expect(measured.reduce(0) { $0 + $1.completed } == pool.completed)
    // Time in the pool includes the database's: well above a member's own service.
    #expect(measured.allSatisfy { $0.latency.mean > 0.005 })
  }

  /// A script without a pool has no pool series (its reports stay as they were).
  @Test func noPoolNoSeries() {
    let s = Scenario(
      seed: 1, duration: 5, servers: [ServerSpec(name: "api")], traffic: TrafficSpec(rate: 100))
    #expect(Engine.run(s).intervals.allSatisfy { $0.pools.isEmpty })
  }
}
