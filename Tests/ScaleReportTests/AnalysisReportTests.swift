import ScaleModel
import Testing

@testable import ScaleReport

@Test func disagreementsAboveTenPercentAreFlagged() {
  var result = Fixtures.smallResult
  // Analytic ρ is 75 %; 80 % is 6.7 % off (agrees), the p99 of 250 ms is far off.
  result.components[0].utilisation = 0.80
  let text = AnalysisReport.render(
    Analysis.estimate(Fixtures.smallScenario), result: result, color: false)
  #expect(text.contains("80.0% "))
  #expect(!text.contains("80.0%*"))
  #expect(text.contains("250ms*"))
  #expect(text.contains("· api: simulated p99 250ms is"))
  #expect(text.hasSuffix("Bottleneck: api (ρ 75.0%); saturates at about 2k rps offered\n"))
  #expect(AnalysisReport.relativeDifference(1, 1.1).map { $0 > 0.0999 && $0 < 0.1001 } == true)
  #expect(AnalysisReport.relativeDifference(0, 0) == nil)
}

@Test func withoutAResultOnlyAnalyticColumns() {
  let text = AnalysisReport.render(
    Analysis.estimate(Fixtures.smallScenario), result: nil, color: false)
  #expect(!text.contains("sim"))
  #expect(AnalysisReport.render([], result: nil, color: false).contains("no traffic"))
}

@Test func convenienceUsesTheMeasuredHitRate() {
  #expect(AnalysisReport.measuredHitRate(Fixtures.shopResult) == 0.85)
  #expect(AnalysisReport.measuredHitRate(Fixtures.smallResult) == nil)
  // The fixture offers 1,140,000 requests in 570 measured seconds: 2000 per second.
  let direct = AnalysisReport.render(
    Analysis.estimate(Fixtures.shopScenario, cacheHitRate: 0.85, offeredRate: 2000),
    result: Fixtures.shopResult, color: false, basis: "the run's mean offered rate")
  #expect(
    AnalysisReport.render(Fixtures.shopScenario, result: Fixtures.shopResult, color: false)
      == direct)
}

@Test func littlesLawCheckFlagsInconsistentFigures() {
  let lines = AnalysisReport.littleCheck(Fixtures.shopResult, width: 100)
  // web-3 completes 570,000 in 570 s (λ = 1000/s) with W = 4.2 ms, so λW = 4.2, not 2.1.
  #expect(lines.contains("  web-3                2.1  4.2     50%*"))
  #expect(lines.contains("  web-1                2.1  2.1  0.105%"))
  #expect(AnalysisReport.littleCheck(RunResult(seed: 1, duration: 0), width: 100) == [])
}

@Test func offeredRateOverridesTheScript() {
  let estimates = Analysis.estimate(Fixtures.smallScenario, offeredRate: 1000)
  #expect(estimates.first?.arrivalRate == 1000)
  let text = AnalysisReport.render(estimates, result: nil, color: false)
  #expect(
    text.hasPrefix(
      "Analytic estimates at 1k rps offered (the script's starting rate; events ignored)\n"))
}

@Test func replicaAndShardRowsCompareWithTheirMeans() throws {
  var result = Fixtures.shopResult
  var shards: [ComponentStats] = []
  for (index, u) in [0.1, 0.3].enumerated() {
    var shard = ComponentStats(name: "orders/shard-\(index + 1)", kind: .shard)
    shard.utilisation = u
    shard.latency = LatencySummary(
      count: index == 0 ? 100 : 300, mean: index == 0 ? 0.001 : 0.002, p99: 0.01)
    shards.append(shard)
  }
  result.components += shards
  let estimates = Analysis.estimate(Fixtures.shopScenario, cacheHitRate: 0.85)
  let orders = try #require(estimates.first { $0.name == "orders" })
  let sim = try #require(AnalysisReport.simulated(orders, in: result))
  #expect(Swift.abs(sim.utilisation - 0.2) < 1e-12)
  #expect(sim.meanTime.map { Swift.abs($0 - 0.00175) < 1e-12 } == true)
  #expect(sim.p99 == 0.01)
  // The fixture's replica `orders-r1` is not named `orders/…`: no counterpart.
  let replica = try #require(estimates.first { $0.kind == .replica })
  #expect(AnalysisReport.simulated(replica, in: result) == nil)
  result.components[9].name = "orders/shard-1/replica-1"
  #expect(AnalysisReport.simulated(replica, in: result)?.utilisation == 0.0311)
}
