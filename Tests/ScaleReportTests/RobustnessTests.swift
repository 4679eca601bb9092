import ScaleModel
import Testing

@testable import ScaleReport

/// Absurd values (NaN, infinities, extreme counts, empty names) must render, not crash.
private var hostileResult: RunResult {
  var c = ComponentStats(name: "", kind: .server)
  c.cores = Int.max
  c.arrivals = Int.max
  c.completed = Int.min
  c.utilisation = .nan
  c.meanQueueLength = .infinity
  c.meanInSystem = -.infinity
  c.latency = LatencySummary(count: 1, mean: .nan, p50: -1, p99: .infinity, max: 1e300)
  c.downTime = .nan
  var node = ComponentStats(name: "n", kind: .cacheNode)
  node.arrivals = Int.max
  var interval = IntervalStats(start: 5, end: 5)
  interval.utilisation = ["": .nan, "x": .infinity]
  interval.queueLength = ["x": -.infinity]
  interval.latency.p99 = .nan
  let expectation = Expectation(metric: .completed, comparison: .greater, bound: .infinity)
  return RunResult(
    seed: .max, duration: .nan, warmup: .infinity, interrupted: true, offered: Int.max,
    completed: Int.min, errors: ErrorCounts(rejected: Int.max), latency: c.latency,
    components: [c, node, node], intervals: [interval, interval],
    events: [
      RunEvent(time: .nan, kind: .capped, component: "", detail: String(repeating: "x", count: 500))
    ],
    verdicts: [
      Verdict(expectation: expectation, outcome: .fail, measured: .nan, interval: 0...1e300)
    ], eventsProcessed: Int.min)
}

private var hostileScenario: Scenario {
  var scenario = Scenario(duration: .infinity)
  scenario.servers = [
    ServerSpec(
      name: "s", cores: 0, service: .constant(0), weight: -3,
      contention: Contention(sigma: 2, kappa: -1)),
    ServerSpec(
      name: "t", cores: Int.max, service: .exponential(mean: .infinity), maxConnections: 1),
  ]
  scenario.balancers = [
    BalancerSpec(name: "b", strategy: .weighted, backends: [Backend(server: "nope", weight: 0)])
  ]
  scenario.databases = [DatabaseSpec(name: "d", cores: 0, replicas: 3, reads: .eventual, shards: 0)]
  scenario.queues = [QueueSpec(name: "q", workers: -1)]
  scenario.rateLimits = [RateLimitSpec(name: "r", rate: 0)]
  scenario.traffic = TrafficSpec(rate: .nan, readFraction: 7, asyncFraction: -1)
  return scenario
}

@Test(arguments: [40, 100])
func hostileValuesRenderEverywhere(width: Int) {
  let result = hostileResult
  let scenario = hostileScenario
  let outputs = [
    TextReport.render(result, scenario: scenario, fileName: "", color: true, width: width),
    TextReport.render(result, scenario: scenario, fileName: "", color: false, width: -5),
    JSONReport.render(result, scenario: scenario, fileName: "\u{0}"),
    JUnitReport.render(results: [(fileName: "", result: result)]),
    CSVReport.timeSeries(result), CSVReport.components(result),
    GraphReport.text(scenario, result: result), GraphReport.dot(scenario, result: result),
    GraphReport.mermaid(scenario, result: result),
    AnalysisReport.render(scenario, result: result, color: true, width: width),
    Explain.narrate(result, width: width),
  ]
  #expect(outputs.allSatisfy { !$0.isEmpty })
}

@Test func analysisOfAbsurdRatesIsEmptyOrSaturated() {
  var scenario = hostileScenario
  #expect(Analysis.estimate(scenario) == [])
  scenario.traffic = TrafficSpec(rate: 1000)
  let estimates = Analysis.estimate(scenario)
  #expect(estimates.first?.name == "r")
  #expect(estimates.first?.saturated == true)
  #expect(estimates.allSatisfy { ($0.meanWait ?? 0).isFinite })
}
