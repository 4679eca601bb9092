import Foundation
import ScaleModel
import Testing

/// The metrics are one table (`Metric.named`): names, aliases, and what they apply to.
@Suite struct MetricVocabularyTests {
  /// The words of the `Metrics: `…`` list in docs/language.md, and the paragraph it is in.
  static func documented() throws -> (words: [String], paragraph: String) {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/language.md")
    let text = try String(contentsOf: path, encoding: .utf8)
    guard let start = text.range(of: "\nMetrics: `") else { return ([], "") }
    let rest = text[start.upperBound...]
    let paragraph = String(rest.prefix { _ in true }.split(separator: "\n\n").first ?? "")
    let list = rest.prefix { $0 != "`" }
    return (list.split(whereSeparator: \.isWhitespace).map(String.init), paragraph)
  }

  @Test func languageDocListsEveryMetricAndAlias() throws {
    let (words, paragraph) = try Self.documented()
    #expect(words == Metric.named.map(\.name))
    for alias in Metric.named.flatMap(\.aliases) {
      #expect(paragraph.contains("`\(alias)`"), "docs/language.md does not name `\(alias)`")
    }
  }

  @Test func namesAndAliasesReadBack() {
    for metric in Metric.named {
      #expect(Metric(named: metric.name) == metric)
      for alias in metric.aliases { #expect(Metric(named: alias) == metric) }
    }
    #expect(Metric(named: "utilization") == .utilisation)
    #expect(Metric(named: "p99.9") == .latency(quantile: 0.999))
    #expect(Metric(named: "p75") == .latency(quantile: 0.75))
    #expect(Metric(named: "p100") == nil)
    #expect(Metric(named: "hitrate") == nil)
  }

  @Test func whatEachMetricAppliesTo() {
    #expect(
      Metric.named.filter(\.appliesToRoutes).map(\.name) == [
        "p50", "p90", "p95", "p99", "p99.9", "max", "mean", "errors", "throughput", "rejected",
        "timeouts", "completed",
      ])
    #expect(Metric.hitRate.componentKinds == [.cache, .cacheNode])
    #expect(Metric.errorRate.componentKinds == nil)
  }
}
