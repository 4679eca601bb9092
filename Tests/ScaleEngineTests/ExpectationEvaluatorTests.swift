import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct ExpectationEvaluatorTests {
  static func result() -> RunResult {
    var r = RunResult(seed: 1, duration: 110, warmup: 10, offered: 1000, completed: 990)
    r.errors = ErrorCounts(rejected: 6, timedOut: 4)
    r.latency = LatencySummary(
      count: 990, mean: 0.01, p50: 0.008, p90: 0.02, p95: 0.03, p99: 0.05, p999: 0.09, max: 0.2)
    var web = ComponentStats(name: "web-1", kind: .server)
    web.utilisation = 0.6
    web.cores = 2
    web.arrivals = 500
    web.completed = 490
    web.meanQueueLength = 1.5
    var cache = ComponentStats(name: "sessions", kind: .cache)
    cache.hits = 80
    cache.misses = 20
    r.components = [web, cache]
    return r
  }

  /// `rejected` counts every refusal, an open breaker's included (Metric.rejectedRate).
  @Test func rejectedIncludesOpenBreakerRefusals() {
    var r = Self.result()
    r.errors.breakerOpen = 3
    r.components[0].errors = ErrorCounts(rejected: 5, breakerOpen: 5)
    #expect(ExpectationEvaluator.measure(.rejectedRate, component: nil, in: r) == 0.009)
    #expect(ExpectationEvaluator.measure(.rejectedRate, component: "web-1", in: r) == 0.02)
  }

  @Test func globalAndComponentMetrics() {
    let r = Self.result()
    func value(_ m: Metric, _ c: String? = nil) -> Double? {
      ExpectationEvaluator.measure(m, component: c, in: r)
    }
    #expect(value(.latency(quantile: 0.99)) == 0.05)
    #expect(value(.latency(quantile: 1)) == 0.2)
    #expect(value(.meanLatency) == 0.01)
    #expect(value(.errorRate) == 0.01)
    #expect(value(.throughput) == 9.9)
    #expect(value(.rejectedRate) == 0.006)
    #expect(value(.timeoutRate) == 0.004)
    #expect(value(.completed) == 990)
    #expect(value(.utilisation) == 0.6)
    #expect(value(.hitRate) == 0.8)
    #expect(value(.hitRate, "sessions") == 0.8)
    #expect(value(.utilisation, "web-1") == 0.6)
    #expect(value(.throughput, "web-1") == 4.9)
    #expect(value(.queueLength, "web-1") == 1.5)
    #expect(value(.staleReads) == nil)
    #expect(value(.utilisation, "nope") == nil)
  }

  @Test func verdicts() {
    let r = Self.result()
    let verdicts = ExpectationEvaluator.evaluate(
      [
        Expectation(metric: .latency(quantile: 0.99), comparison: .less, bound: 0.2),
        Expectation(metric: .errorRate, comparison: .less, bound: 0.001),
        Expectation(component: "ghost", metric: .utilisation, comparison: .less, bound: 1),
      ], result: r)
    #expect(verdicts.map(\.outcome) == [.pass, .fail, .fail])
    #expect(verdicts.map(\.measured) == [0.05, 0.01, nil])
  }

  @Test func quantilesBetweenSummaryPointsInterpolate() {
    let s = LatencySummary(count: 1, mean: 1, p50: 1, p90: 2, p95: 3, p99: 4, p999: 5, max: 6)
    #expect(ExpectationEvaluator.quantile(0.7, of: s) == 1.5)
    #expect(ExpectationEvaluator.quantile(0.95, of: s) == 3)
  }

  @Test func engineFillsVerdicts() {
    var s = Scenarios.pool(mu: 1000, lambda: 100, duration: 10, seed: 1)
    s.expectations = [Expectation(metric: .latency(quantile: 0.99), comparison: .less, bound: 1)]
    let r = Engine.run(s)
    #expect(r.verdicts.count == 1 && r.verdicts.first?.outcome == .pass)
  }
}
