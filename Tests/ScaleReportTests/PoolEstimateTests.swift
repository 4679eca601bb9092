import ScaleModel
import Testing

@testable import ScaleReport

/// `scale analyze`'s row per pool: its members' offered load together, estimated as one
/// M/M/c (or M/G/c) station over their cores.
@Suite struct PoolEstimateTests {
  static func members(_ pool: String, _ count: Int, mean: Double) -> [ServerSpec] {
    (1...count).map {
      ServerSpec(name: "\(pool)-\($0)", pool: pool, cores: 1, service: .exponential(mean: mean))
    }
  }

  static func close(_ a: Double?, _ b: Double) -> Bool {
    guard let a else { return false }
    return abs(a - b) <= 1e-9 * max(1, abs(b))
  }

  /// Four single-core servers at 1 ms behind a balancer, offered 3000 rps: the pool is an
  /// M/M/4 at λ = 3000, μ = 1000 (ρ = 75 %), Erlang C's figures exactly.
  @Test func aPoolOfFourServersIsAnMM4() throws {
    let s = Scenario(
      servers: Self.members("web", 4, mean: 0.001), balancers: [BalancerSpec(name: "lb")],
      traffic: TrafficSpec(rate: 3000))
    let estimates = Analysis.estimate(s)
    let pool = try #require(estimates.first { $0.kind == .pool })
    #expect(pool.name == "web")
    #expect(pool.model == "M/M/4")
    #expect(Self.close(pool.arrivalRate, 3000))
    #expect(Self.close(pool.utilisation, 0.75))
    let wait = try #require(ErlangC.meanWait(servers: 4, arrivalRate: 3000, serviceRate: 1000))
    let p99 = try #require(
      ErlangC.responseQuantile(0.99, servers: 4, arrivalRate: 3000, serviceRate: 1000))
    #expect(Self.close(pool.meanWait, wait))
    #expect(Self.close(pool.meanResponse, wait + 0.001))
    #expect(Self.close(pool.p99Response, p99))
    #expect(Self.close(pool.meanInSystem, 3000 * (wait + 0.001)))
    // After its servers; never the bottleneck (its servers are the stations).
    #expect(estimates.map(\.name) == ["web-1", "web-2", "web-3", "web-4", "web"])
    #expect(Analysis.bottleneck(estimates)?.kind == .server)
  }

  /// A pool two routes reach gets both routes' shares along the topology's edges; one no
  /// route reaches gets none, and says so. Constant service: M/D/2.
  @Test func aPoolReachedByTwoRoutesGetsTheSumOfTheirShares() throws {
    var s = Scenario(
      servers: Self.members("web", 2, mean: 0.002) + Self.members("api", 1, mean: 0.001)
        + Self.members("idle", 2, mean: 0.001),
      balancers: [
        BalancerSpec(
          name: "lb",
          backends: [Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1)])
      ],
      traffic: TrafficSpec(rate: 100))
    s.servers[0].service = .constant(0.002)
    s.servers[1].service = .constant(0.002)
    s.routes = [
      RouteSpec(name: "a", share: 0.5, steps: [RouteStep(["lb"])]),
      RouteSpec(name: "b", share: 0.2, steps: [RouteStep(["api"]), RouteStep(["web"])]),
      RouteSpec(name: "c", share: 0.3, steps: [RouteStep(["api"])]),
    ]
    let estimates = Analysis.estimate(s)
    let web = try #require(estimates.first { $0.name == "web" && $0.kind == .pool })
    #expect(Self.close(web.arrivalRate, 70))
    #expect(web.model == "M/D/2")
    #expect(Self.close(web.utilisation, 70 * 0.002 / 2))
    let api = try #require(estimates.first { $0.name == "api" && $0.kind == .pool })
    #expect(Self.close(api.arrivalRate, 50))
    let idle = try #require(estimates.first { $0.name == "idle" && $0.kind == .pool })
    #expect(idle.arrivalRate == 0)
    #expect(idle.notes.contains(Analysis.noRequests))
  }

  /// Members that differ: their capacity together (2 + 4 cores at 2 ms: 3000 rps).
  @Test func unequalMembersPoolTheirCapacity() throws {
    var servers = Self.members("web", 2, mean: 0.002)
    servers[1].cores = 4
    let s = Scenario(
      servers: servers, balancers: [BalancerSpec(name: "lb", strategy: .weighted)],
      traffic: TrafficSpec(rate: 1500))
    let pool = try #require(Analysis.estimate(s).first { $0.kind == .pool })
    #expect(pool.servers == 5)
    #expect(Self.close(pool.utilisation, 1500.0 / 2500))
    #expect(pool.notes.contains { $0.contains("differ") })
  }

  /// Beside a run: the pool's row carries its simulated figures.
  @Test func theReportShowsThePoolBesideItsSimulatedFigures() {
    let s = Scenario(
      servers: Self.members("web", 2, mean: 0.001), balancers: [BalancerSpec(name: "lb")],
      traffic: TrafficSpec(rate: 1000))
    var result = RunResult(seed: 1, duration: 10)
    var pool = ComponentStats(name: "web", kind: .pool)
    pool.utilisation = 0.5
    pool.latency = LatencySummary(count: 100, mean: 0.0013, p99: 0.006)
    result.components = [pool]
    let text = AnalysisReport.render(s, result: result, color: false)
    let row = text.split(separator: "\n").first { $0.hasPrefix("  web (pool)") }
    #expect(row?.contains("M/M/2") == true)
    #expect(row?.contains("50.0%") == true)
    #expect(row?.contains("1.3ms") == true)
    #expect(text.contains("Bottleneck: web-1"))
  }
}
