import Foundation
import ScaleModel
import Testing

@testable import ScaleReport

/// A pool's point of the time series in every format: JSON `intervals[].pools` (valid by the
/// schema, last, only with a pool), CSV columns, the text's `time in pool` row, HTML charts.
@Suite struct PoolSeriesReportTests {
  /// The shop fixture with its pool `web` in the series.
  static var result: RunResult {
    var r = Fixtures.shopResult
    var pool = ComponentStats(name: "web", kind: .pool)
    pool.cores = 16
    r.components.insert(pool, at: 4)
    for k in r.intervals.indices {
      r.intervals[k].utilisation["web"] = 0.6
      r.intervals[k].queueLength["web"] = 0.2
      r.intervals[k].pools["web"] = PoolInterval(
        completed: 95_000, errors: ErrorCounts(rejected: k == 6 ? 300 : 0),
        latency: Fixtures.latency(
          95_000, mean: 0.003, p50: 0.002, p99: k == 6 ? 0.09 : 0.012, max: 0.1))
    }
    return r
  }

  static func schema() throws -> JSONTree {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/schema/run-result-v1.json")
    return try JSONTree.parse(String(contentsOf: url, encoding: .utf8))
  }

  @Test func jsonHasThePoolsLastInEachIntervalAndValidates() throws {
    let text = JSONReport.render(Self.result, scenario: Fixtures.shopScenario, fileName: "x")
    #expect(SchemaValidator(root: try Self.schema()).validate(try JSONTree.parse(text)) == [])
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let intervals = try #require(json["intervals"] as? [[String: Any]])
    let pools = try #require(intervals[6]["pools"] as? [String: Any])
    let web = try #require(pools["web"] as? [String: Any])
    #expect(web["completed"] as? Int == 95_000)
    #expect(abs((web["throughput"] as? Double ?? 0) - 95_000 / 47.5) < 1e-9)
    #expect((web["errors"] as? [String: Any])?["rejected"] as? Int == 300)
    #expect((web["latency"] as? [String: Any])?["p99"] as? Double == 0.09)
    // Last key of the interval object, after poolServers.
    let first = try #require(text.range(of: "\"poolServers\""))
    let after = text[first.upperBound...]
    #expect(
      after.range(of: "\"pools\"").map {
        $0.lowerBound < (after.range(of: "\"start\"")?.lowerBound ?? after.endIndex)
      } == true)
    // Without a pool, no key at all.
    let plain = JSONReport.render(
      Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "x")
    #expect(!plain.contains("\"pools\""))
  }

  @Test func csvHasFiveColumnsPerPool() {
    let rows = CSVReport.timeSeries(Self.result).split(separator: "\n").map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    #expect(
      rows[0].suffix(5) == ["web throughput", "web p50", "web p90", "web p99", "web errors"])
    #expect(rows[0].contains("web utilisation") && rows[0].contains("web queue"))
    #expect(rows[7].suffix(5) == ["2000.0", "0.002", "0.004", "0.09", "300"])
    #expect(rows.allSatisfy { $0.count == rows[0].count })
    #expect(!CSVReport.timeSeries(Fixtures.shopResult).contains("throughput"))
  }

  @Test func textHasATimeInPoolRow() {
    let lines = TextReport.overTime(
      Self.result, scenario: Fixtures.shopScenario, width: 100, color: false)
    let header = lines.firstIndex { $0.hasPrefix("  time in pool") }
    #expect(header != nil)
    if let header {
      #expect(lines[header + 1].hasPrefix("    web "))
      #expect(lines[header + 1].hasSuffix("peak 90ms"))
    }
    #expect(lines.contains { $0.hasPrefix("    web ") && $0.contains("mean") })  // heat row
    let plain = TextReport.overTime(
      Fixtures.shopResult, scenario: Fixtures.shopScenario, width: 100, color: false)
    #expect(!plain.contains { $0.contains("time in pool") })
  }

  @Test func htmlHasThePoolCharts() {
    let html = HTMLReport.render(Self.result, scenario: Fixtures.shopScenario, fileName: "x")
    #expect(html.contains("id=\"chart-pool-latency\""))
    #expect(html.contains("id=\"chart-pool-throughput\""))
    let plain = HTMLReport.render(
      Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "x")
    #expect(!plain.contains("chart-pool-latency"))
  }
}
