import Foundation
import ScaleModel
import Testing

@testable import ScaleReport

@Suite struct HTMLReportTests {
  /// A small chart with two series (one with a gap), a timeline marker and an `expect`
  /// bound: its SVG is golden, so any layout change shows up in review.
  static var smallChart: LineChart {
    var chart = LineChart(
      id: "chart-small", title: "Latency percentiles", x: Axis("time", .time),
      y: Axis("latency", .metric(.seconds)),
      series: [
        LineChart.Series("p50", [(5, 0.010), (15, 0.012), (25, 0.011), (35, 0.013)]),
        LineChart.Series("p99", [(5, 0.040), (15, nil), (25, 0.090), (35, 0.050)]),
      ])
    chart.xDomain = 0...40
    chart.markers = [LineChart.Marker(x: 20, label: "1", detail: "1. 0:20 fail web-1: down")]
    chart.bounds = [LineChart.Bound(y: 0.08, label: "expect p99 < 80ms")]
    chart.shaded = (0...5, "warm-up")
    return chart
  }

  @Test func smallChartSVGIsGolden() {
    Golden.check(HTMLReportTests.smallChart.svg() + "\n", "small-chart.svg")
  }

  @Test func chartDrawsEverySeriesMarkerAndBound() {
    let svg = HTMLReportTests.smallChart.svg()
    #expect(svg.contains("data-series=\"p50\""))
    #expect(svg.contains("data-series=\"p99\""))
    #expect(svg.components(separatedBy: "class=\"marker event\"").count == 2)
    #expect(svg.contains("class=\"bound\""))
    // The gap splits p99's line: two `M` moves in its path.
    let p99 = svg.components(separatedBy: "data-series=\"p99\"")[1]
    let path = p99.components(separatedBy: "d=\"")[1].prefix { $0 != "\"" }
    #expect(path.filter { $0 == "M" }.count == 2)
    // Series differ by more than colour.
    #expect(svg.contains("stroke-dasharray=\"6 3\""))
    #expect(svg.contains("data-marker=\"circle\"") && svg.contains("data-marker=\"square\""))
  }

  @Test func pageHasEverySectionAndEveryEventOnEveryChart() {
    let html = HTMLReport.render(
      Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale")
    #expect(html.hasPrefix("<!DOCTYPE html>"))
    for id in ["verdicts", "summary", "topology", "charts", "components", "timeline"] {
      #expect(html.contains("<section id=\"\(id)\">"), "section \(id)")
    }
    let charts = ["chart-throughput", "chart-latency", "chart-errors", "chart-utilisation"]
    for id in charts { #expect(html.contains("id=\"\(id)\""), "chart \(id)") }
    // Every chart marks every event, numbered as in the timeline (events at the same moment
    // share a marker whose read-out lists them all).
    let figures = html.components(separatedBy: "<figure").dropFirst()
    #expect(figures.count >= charts.count)
    for figure in figures {
      for (i, event) in Fixtures.shopResult.events.enumerated() {
        #expect(figure.contains("\(i + 1). " + Format.clock(event.time) + " "))
      }
    }
    // Verdicts with their outcome, first on the page.
    let verdicts = html.range(of: "<section id=\"verdicts\">")?.lowerBound
    let topology = html.range(of: "<section id=\"topology\">")?.lowerBound
    if let verdicts, let topology { #expect(verdicts < topology) } else { Issue.record("sections") }
    #expect(html.contains("data-outcome=\"inconclusive\""))
    #expect(html.contains("95% CI 131ms … 157.5ms"))
    // The bottleneck is marked in the topology.
    let busiest = DrawnGraph.bottleneck(Fixtures.shopResult) ?? "?"
    #expect(html.contains("class=\"node bottleneck\" data-id=\"server:\(busiest)\""), "\(busiest)")
    // Self-contained: no script, no external reference.
    #expect(!html.contains("<script"))
    let urls = html.components(separatedBy: "http").count - 1
    let svgNamespaces = html.components(separatedBy: "http://www.w3.org/2000/svg").count - 1
    #expect(urls == svgNamespaces)
  }

  @Test func namesAreEscaped() {
    var result = Fixtures.smallResult
    result.events = [RunEvent(time: 1, kind: .fail, component: "<b>", detail: "a & \"b\"")]
    let html = HTMLReport.render(result, scenario: Fixtures.smallScenario, fileName: "<x>.scale")
    #expect(!html.contains("<b>"))
    #expect(html.contains("&lt;x&gt;.scale"))
    #expect(html.contains("a &amp; &quot;b&quot;"))
  }

  /// 10 000 stations: one topology box for the pool and a heat map of utilisation bands,
  /// not 10 000 rows.
  @Test func largePoolsAreAggregated() {
    let count = 10_000
    let names = (1...count).map { "web-\($0)" }
    var scenario = Scenario(seed: 1, duration: 20)
    scenario.servers = names.map { ServerSpec(name: $0) }
    scenario.balancers = [BalancerSpec(name: "lb")]
    var result = RunResult(seed: 1, duration: 20)
    result.components = names.enumerated().map { i, name in
      var c = ComponentStats(name: name, kind: .server)
      c.utilisation = Double(i % 100) / 100
      return c
    }
    result.intervals = (0..<2).map { k in
      var i = IntervalStats(start: Double(k) * 10, end: Double(k + 1) * 10)
      for (n, name) in names.enumerated() { i.utilisation[name] = Double(n % 100) / 100 }
      return i
    }
    let html = HTMLReport.render(result, scenario: scenario, fileName: "big.scale")
    #expect(html.contains("data-members=\"10000\""))
    #expect(html.contains("Utilisation of 10,000 stations"))
    // Five band rows of two cells each.
    #expect(html.components(separatedBy: "class=\"row\"").count - 1 == 5)
    // 20 % of the stations are in each band below 75 %... the ≥ 90 % band holds 10 %.
    #expect(html.contains("share of stations 10.0%"))
    // The server table stops at 500 rows: the page stays small.
    #expect(html.contains("9,500 more rows in the CSV and JSON reports."))
    #expect(html.utf8.count < 400_000)
  }

  @Test func sameInputSameBytes() {
    let a = HTMLReport.render(
      Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale")
    let b = HTMLReport.render(
      Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale")
    #expect(a == b)
  }
}

@Suite struct HTMLAxisTests {
  /// Values whose range overflows a double, NaN and infinities give an axis, not a hang or
  /// a crash.
  @Test func extremeValuesStillGiveTicks() {
    let ticks = Axis.ticks(low: -1e308, high: 1e308, count: 4, time: false)
    #expect(!ticks.values.isEmpty)
    var chart = LineChart(
      id: "x", title: "x", x: Axis("time", .time), y: Axis("v", .number),
      series: [LineChart.Series("s", [(0, -1e308), (1, 1e308), (2, .nan), (3, .infinity)])])
    chart.markers = [LineChart.Marker(x: .nan, label: "1", detail: "")]
    #expect(chart.svg().hasSuffix("</svg>"))
  }

  @Test func clockTicksAreRound() {
    #expect(
      Axis.ticks(low: 0, high: 180, count: 6, time: true).values == [0, 30, 60, 90, 120, 150, 180])
  }
}
