import ScaleEngine
import ScaleModel
import Testing

@testable import ScaleReport

// `scale analyze` with routes: the traffic equations of an open network per class, each
// station at its summed rate, and each route's end-to-end mean (semantics-notes §12).

private func server(_ name: String, mean: Double, zone: String? = nil) -> ServerSpec {
  var s = ServerSpec(name: name, cores: 1, service: .exponential(mean: mean))
  s.zone = zone
  return s
}

private func db(_ name: String, mean: Double) -> DatabaseSpec {
  DatabaseSpec(name: name, cores: 1, service: .exponential(mean: mean))
}

private func scenario(
  servers: [ServerSpec] = [], databases: [DatabaseSpec] = [], caches: [CacheSpec] = [],
  balancers: [BalancerSpec] = [], routes: [RouteSpec], rate: Double = 100
) -> Scenario {
  var s = Scenario()
  s.servers = servers
  s.databases = databases
  s.caches = caches
  s.balancers = balancers
  s.routes = routes
  s.traffic = TrafficSpec(rate: rate)
  return s
}

private func steps(_ names: [String]...) -> [RouteStep] { names.map { RouteStep($0) } }

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
  guard let a else { return false }
  return Swift.abs(a - b) <= tolerance * Swift.max(1, Swift.abs(b))
}

@Test func aTandemRouteTakesTheSumOfItsMM1Means() {
  // λ = 100: a at μ = 200 (W = 1/100), b at μ = 125 (W = 1/25).
  let s = scenario(
    servers: [server("a", mean: 0.005), server("b", mean: 0.008)],
    routes: [RouteSpec(name: "r", steps: steps(["a"], ["b"]))])
  let routes = Analysis.routes(s)
  #expect(routes.count == 1)
  #expect(close(routes.first?.meanResponse, 0.01 + 0.04))
  #expect(close(routes.first?.arrivalRate, 100))
  let stations = Analysis.estimate(s)
  #expect(stations.map(\.name) == ["a", "b"])
  #expect(stations.allSatisfy { close($0.arrivalRate, 100) })
}

@Test func classesSplitTheTrafficAndAddUpPerStation() {
  // x (60%, writes) visits a then the database; y (40%, reads) visits a only.
  let s = scenario(
    servers: [server("a", mean: 0.002)], databases: [db("d", mean: 0.004)],
    routes: [
      RouteSpec(name: "x", share: 0.6, kind: .write, steps: steps(["a"], ["d"])),
      RouteSpec(name: "y", share: 0.4, kind: .read, steps: steps(["a"])),
    ])
  let stations = Analysis.estimate(s)
  #expect(close(stations.first { $0.name == "a" }?.arrivalRate, 100))
  #expect(close(stations.first { $0.name == "d" }?.arrivalRate, 60))
  let routes = Analysis.routes(s)
  let wa = 1 / (500.0 - 100)
  let wd = 1 / (250.0 - 60)
  #expect(close(routes[0].meanResponse, wa + wd))
  #expect(close(routes[1].meanResponse, wa))
  #expect(close(routes[0].arrivalRate, 60))
  #expect(close(routes[1].arrivalRate, 40))
}

@Test func aWeightedBalancerSplitsByWeightAndTheRouteTakesTheWeightedMean() {
  let s = scenario(
    servers: [server("a", mean: 0.005), server("b", mean: 0.005)],
    balancers: [
      BalancerSpec(
        name: "lb", strategy: .weighted,
        backends: [Backend(server: "a", weight: 3), Backend(server: "b", weight: 1)])
    ],
    routes: [RouteSpec(name: "r", steps: steps(["lb"]))])
  let stations = Analysis.estimate(s)
  #expect(close(stations.first { $0.name == "a" }?.arrivalRate, 75))
  #expect(close(stations.first { $0.name == "b" }?.arrivalRate, 25))
  let expected = 0.75 / (200.0 - 75) + 0.25 / (200.0 - 25)
  #expect(close(Analysis.routes(s).first?.meanResponse, expected))
}

@Test func aTwoBranchFanOutOfIdenticalMM1StationsIsNelsonTantawi() {
  // μ = 200, λ = 100 on each branch: R₂ = (12 − ρ)/8 · 1/(μ − λ) with ρ = 0.5.
  let s = scenario(
    databases: [db("d1", mean: 0.005), db("d2", mean: 0.005)],
    routes: [RouteSpec(name: "both", kind: .read, steps: steps(["d1", "d2"]))])
  let route = Analysis.routes(s).first
  #expect(close(route?.meanResponse, (12 - 0.5) / 8 / 100))
  #expect(route?.notes.contains { $0.contains("Nelson–Tantawi") } == true)
  #expect(Analysis.estimate(s).allSatisfy { close($0.arrivalRate, 100) })
}

@Test func otherFanOutsSayWhichEstimateTheyUse() {
  // Different branches, all M/M/1: H₂ × the largest mean.
  let unequal = scenario(
    databases: [db("d1", mean: 0.005), db("d2", mean: 0.008)],
    routes: [RouteSpec(name: "both", kind: .read, steps: steps(["d1", "d2"]))])
  let r = Analysis.routes(unequal).first
  #expect(close(r?.meanResponse, 1.5 * (1 / (125.0 - 100))))
  #expect(r?.notes.contains { $0.contains("H_2") } == true)
  // A cache branch answers after a constant hit latency: the largest mean, a lower bound.
  let mixed = scenario(
    databases: [db("d1", mean: 0.005)],
    caches: [CacheSpec(name: "c", hitLatency: .constant(0.001))],
    routes: [RouteSpec(name: "both", kind: .read, steps: steps(["c", "d1"]))])
  let m = Analysis.routes(mixed).first
  #expect(close(m?.meanResponse, 1 / (200.0 - 100)))
  #expect(m?.notes.contains { $0.contains("lower bound") } == true)
}

@Test func networkLatencyAddsItsMeanPerHop() {
  let tandem = 0.01 + 0.04
  var s = scenario(
    servers: [server("a", mean: 0.005, zone: "x"), server("b", mean: 0.008, zone: "y")],
    routes: [RouteSpec(name: "r", steps: steps(["a"], ["b"]))])
  s.network = NetworkSpec(latency: .exponential(mean: 0.001))
  // Two hops: client → a, a → b.
  #expect(close(Analysis.routes(s).first?.meanResponse, tandem + 0.002))
  #expect(close(Analysis.routes(s).first?.network, 0.002))
  // Cross-zone from a (zone x) to b (zone y); the client has no zone.
  s.network = NetworkSpec(latency: .constant(0.001), crossZone: .constant(0.003))
  #expect(close(Analysis.routes(s).first?.meanResponse, tandem + 0.001 + 0.003))
  // A link names the hop and replaces both.
  s.links = [LinkSpec(from: "a", to: "b", latency: .uniform(low: 0, high: 0.01))]
  #expect(close(Analysis.routes(s).first?.meanResponse, tandem + 0.001 + 0.005))
}

@Test func aCacheAsideStepSendsTheMissesOnToTheDatabase() {
  let cache = CacheSpec(name: "c", hitLatency: .constant(0.0005))
  let s = scenario(
    servers: [server("a", mean: 0.002)], databases: [db("d", mean: 0.004)], caches: [cache],
    routes: [RouteSpec(name: "r", kind: .read, steps: steps(["a"], ["c"], ["d"]))])
  let stations = Analysis.estimate(s, cacheHitRate: 0.8)
  #expect(close(stations.first { $0.name == "d" }?.arrivalRate, 20))
  let wa = 1 / (500.0 - 100)
  let wd = 1 / (250.0 - 20)
  let expected = wa + 0.8 * 0.0005 + 0.2 * wd
  #expect(close(Analysis.routes(s, cacheHitRate: 0.8).first?.meanResponse, expected))
  // A cache's own hit rate wins over the common one.
  #expect(
    close(
      Analysis.routes(s, cacheHitRate: 0.1, cacheHitRates: ["c": 0.8]).first?.meanResponse,
      expected))
  // Without a hit rate: the database's load and the route's mean are not computable.
  let unknown = Analysis.routes(s).first
  #expect(unknown?.meanResponse == nil)
  #expect(unknown?.notes.contains("needs c's hit rate") == true)
  #expect(Analysis.estimate(s).first { $0.name == "d" }?.arrivalRate == nil)
}

@Test func writesGoThroughTheCacheAndAQueueEndsTheRoute() {
  var s = scenario(
    servers: [server("a", mean: 0.002)], databases: [db("d", mean: 0.004)],
    caches: [CacheSpec(name: "c")],
    routes: [
      RouteSpec(name: "w", share: 0.5, kind: .write, steps: steps(["a"], ["c"], ["d"])),
      RouteSpec(name: "q", share: 0.5, kind: .write, steps: steps(["a"], ["jobs"])),
    ])
  s.queues = [QueueSpec(name: "jobs", workers: 1, service: .exponential(mean: 0.01))]
  let stations = Analysis.estimate(s)
  #expect(close(stations.first { $0.name == "d" }?.arrivalRate, 50))
  #expect(close(stations.first { $0.name == "jobs" }?.arrivalRate, 50))
  let routes = Analysis.routes(s)
  let wa = 1 / (500.0 - 100)
  #expect(close(routes[0].meanResponse, wa + 1 / (250.0 - 50)))
  #expect(close(routes[1].meanResponse, wa))  // answered once queued
}

@Test func scatterReadsAreNotedAsALowerBound() {
  var sharded = db("d", mean: 0.004)
  sharded.shards = 4
  sharded.scatterFraction = 0.5
  let s = scenario(
    databases: [sharded], routes: [RouteSpec(name: "r", kind: .read, steps: steps(["d"]))])
  let r = Analysis.routes(s).first
  #expect(r?.notes == ["d's scatter reads wait for every shard: one shard's mean is a lower bound"])
  // Per shard: (1 − 0.5)/4 + 0.5 of the reads.
  #expect(close(Analysis.estimate(s).first?.arrivalRate, 100 * (0.125 + 0.5)))
  #expect(close(r?.meanResponse, 1 / (250.0 - 62.5)))
}

@Test func aSaturatedStationLeavesTheRouteWithoutAMean() {
  let s = scenario(
    servers: [server("a", mean: 0.02)], routes: [RouteSpec(name: "r", steps: steps(["a"]))])
  let r = Analysis.routes(s).first
  #expect(r?.meanResponse == nil)
  #expect(r?.notes == ["a is saturated"])
}

@Test func routedAnalysisMatchesGolden() {
  Golden.check(
    AnalysisReport.render(RouteFixtures.scenario, result: RouteFixtures.result, color: false),
    "routes-analysis.txt")
}

/// The analysis reads the plans the engine walks: on the routed shop (two tiers, cache-aside,
/// a fan-out, a link and cross-zone hops) its station rates match the simulated ones and each
/// route's estimated mean is within 10 % of the simulated mean (the M/M/c estimate of a
/// round-robin member and the fan-out's lower bound are the model's approximations).
@Test func theRoutedAnalysisAgreesWithTheSimulation() throws {
  var s = RouteFixtures.scenario
  s.duration = 70
  s.warmup = 10
  s.expectations = []
  s.caches[0].capacity = 1000
  let result = Engine.run(s)
  let seconds = result.measuredDuration
  let offered = Double(result.offered) / seconds
  let hitRates = AnalysisReport.measuredHitRates(result)
  let stations = Analysis.estimate(s, offeredRate: offered, cacheHitRates: hitRates)
  for name in ["web-1", "web-2", "orders-api", "products", "orders"] {
    let simulated = Double(try #require(result.component(name)).completed) / seconds
    let analytic = try #require(stations.first { $0.name == name }?.arrivalRate)
    #expect(
      Swift.abs(simulated - analytic) / analytic < 0.03, "\(name): \(simulated) vs \(analytic)")
  }
  for route in Analysis.routes(s, offeredRate: offered, cacheHitRates: hitRates) {
    let simulated = try #require(result.route(route.name)).latency.mean
    let analytic = try #require(route.meanResponse)
    #expect(
      Swift.abs(simulated - analytic) / analytic < 0.10,
      "\(route.name): \(simulated) vs \(analytic)")
  }
}
