import ScaleModel
import Testing

@testable import ScaleReport

private func find(_ estimates: [ComponentEstimate], _ name: String) -> ComponentEstimate? {
  estimates.first { $0.name == name }
}

@Test func singleServerIsMMc() throws {
  let estimates = Analysis.estimate(Fixtures.smallScenario)
  let api = try #require(find(estimates, "api"))
  #expect(api.model == "M/M/2")
  #expect(api.arrivalRate == 1500)
  #expect(api.utilisation.map { Swift.abs($0 - 0.75) < 1e-12 } == true)
  // c = 2, a = 1.5 → C = 0.642857; Wq = C / (cμ − λ) with μ = 1000.
  #expect(api.waitProbability.map { Swift.abs($0 - 0.642857) < 1e-6 } == true)
  #expect(api.meanWait.map { Swift.abs($0 - 0.001285714) < 1e-9 } == true)
  #expect(api.meanInSystem.map { Swift.abs($0 - 1500 * 0.002285714) < 1e-5 } == true)
  #expect(Analysis.bottleneck(estimates)?.name == "api")
}

@Test func routingFollowsWeightsRateLimitsAndTheDataTier() throws {
  let estimates = Analysis.estimate(Fixtures.shopScenario, cacheHitRate: 0.85)
  #expect(
    estimates.map(\.name) == [
      "edge", "web-1", "web-2", "web-3", "web", "jobs", "orders", "orders replica",
    ])
  #expect(find(estimates, "web-1")?.arrivalRate == 500)
  #expect(find(estimates, "web-3")?.arrivalRate == 1000)
  // Async writes: 2000 × 10 % writes × 10 % async.
  #expect(find(estimates, "jobs")?.arrivalRate.map { Swift.abs($0 - 20) < 1e-9 } == true)
  // Per shard primary: synchronous writes 2000 × 0.1 × 0.9 / 4 = 45 (reads go to replicas).
  #expect(find(estimates, "orders")?.arrivalRate.map { Swift.abs($0 - 45) < 1e-9 } == true)
  // Each replica: misses 2000 × 0.9 × 0.15 / 4 shards / 2 replicas = 33.75.
  #expect(
    find(estimates, "orders replica")?.arrivalRate.map { Swift.abs($0 - 33.75) < 1e-9 } == true)
}

@Test func databaseBehindACacheNeedsAHitRate() throws {
  let estimates = Analysis.estimate(Fixtures.shopScenario)
  let orders = try #require(find(estimates, "orders"))
  #expect(orders.arrivalRate == nil)
  #expect(orders.utilisation == nil)
  #expect(orders.notes == ["needs the cache's hit rate"])
}

@Test func saturationAndOtherModels() throws {
  var scenario = Scenario()
  scenario.servers = [
    ServerSpec(name: "hot", cores: 1, service: .constant(0.002)),
    ServerSpec(name: "lumpy", cores: 1, service: .uniform(low: 0, high: 0.001)),
    ServerSpec(name: "pool", cores: 4, service: .lognormal(mean: 0.001, stddev: 0.001)),
  ]
  scenario.traffic = TrafficSpec(rate: 1800)
  // A random split keeps each server's arrivals Poisson (M/…); with no balancer the engine's
  // implicit round-robin feeds each server every third request (Erlang-3, E3/…).
  #expect(find(Analysis.estimate(scenario), "lumpy")?.model == "E3/G/1")
  scenario.balancers = [BalancerSpec(name: "lb", strategy: .random)]
  let estimates = Analysis.estimate(scenario)
  let hot = try #require(find(estimates, "hot"))
  #expect(hot.model == "M/D/1")
  #expect(hot.saturated)
  #expect(hot.meanWait == nil)
  let lumpy = try #require(find(estimates, "lumpy"))
  #expect(lumpy.model == "M/G/1")
  // P-K with ρ = 0.3, C² = 1/3, E[S] = 0.5 ms.
  let pk = 0.3 * (1 + 1.0 / 3) / (2 * 0.7) * 0.0005
  #expect(lumpy.meanWait.map { Swift.abs($0 - pk) < 1e-12 } == true)
  #expect(lumpy.p99Response == nil)
  #expect(find(estimates, "pool")?.model == "M/G/4")
  #expect(Analysis.bottleneck(estimates)?.name == "hot")
  var constant = scenario
  constant.traffic = TrafficSpec(rate: 300, arrivals: .constant)
  #expect(find(Analysis.estimate(constant), "hot")?.model == "D/D/1")
  #expect(Analysis.estimate(Scenario()) == [])
}

/// E_k/M/1: with k = 1 it is M/M/1 (σ = ρ); E10/M/1 at λ 800, μ 1000 has σ = 0.6575
/// (W = 2.92 ms, where M/M/1 gives 5 ms).
@Test func erlangArrivalsSigmaRoot() throws {
  let mm1 = try #require(ErlangArrivals.sigma(phases: 1, arrivalRate: 800, serviceRate: 1000))
  #expect(abs(mm1 - 0.8) < 1e-9)
  let e10 = try #require(ErlangArrivals.sigma(phases: 10, arrivalRate: 800, serviceRate: 1000))
  #expect(abs(e10 - 0.6575) < 1e-3)
  let e10Mean =
    0.001 + (ErlangArrivals.meanWait(phases: 10, arrivalRate: 800, serviceRate: 1000) ?? 0)
  #expect(abs(e10Mean - 0.00292) < 1e-5)
  #expect(ErlangArrivals.sigma(phases: 10, arrivalRate: 1000, serviceRate: 1000) == nil)
  #expect(ErlangArrivals.sigma(phases: 0, arrivalRate: 1, serviceRate: 1000) == nil)
}
