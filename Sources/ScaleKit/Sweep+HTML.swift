import ScaleModel
import ScaleReport

extension Sweep {
  /// `scale sweep --format html` and `scale capacity --format html`: the swept figures against
  /// the parameter (latency percentiles, throughput, error rate, the busiest station's
  /// utilisation), each with the script's `expect` bounds on it drawn as dashed lines, points
  /// where every `expect` held marked in a series of their own, the capacity answer (when
  /// given) as a vertical line, and the table. `answer` is nil for `sweep`; for `capacity`
  /// it holds the value found, or nil when none in the range works.
  public static func html(
    _ rows: [SweepRow], parameter: SweepParameter, scenario: Scenario, fileName: String,
    answer: Double?? = nil
  ) -> String {
    let sorted = rows.sorted { $0.index < $1.index }
    let x = Axis(parameter.rawValue, .number)
    func series(_ name: String, _ value: (SweepRow) -> Double?) -> LineChart.Series {
      LineChart.Series(name, sorted.map { ($0.value, value($0)) })
    }
    let system = scenario.expectations.filter { $0.route == nil }
    func bounds(_ wanted: (Metric) -> Bool) -> [LineChart.Bound] {
      system.filter { wanted($0.metric) }.map {
        LineChart.Bound(y: $0.bound, label: "expect " + VerdictText.statement($0))
      }
    }
    var answerMarker: [LineChart.Marker] = []
    if let found = answer, let value = found {
      answerMarker = [
        LineChart.Marker(
          x: value, label: "answer " + number(value),
          detail: "smallest \(parameter.rawValue) meeting every expect: " + number(value),
          kind: "answer")
      ]
    }
    func chart(_ id: String, _ title: String, _ y: Axis, _ lines: [LineChart.Series])
      -> LineChart
    {
      var c = LineChart(id: id, title: title, x: x, y: y, series: lines)
      c.markers = answerMarker
      return c
    }
    var latency = chart(
      "chart-sweep-latency", "Latency against \(parameter.rawValue)",
      Axis("latency", .metric(.seconds)),
      [series("p50", \.p50), series("p99", \.p99)])
    latency.bounds = bounds {
      if case .latency = $0 { return true }
      return $0 == .meanLatency
    }
    var throughput = chart(
      "chart-sweep-throughput", "Throughput against \(parameter.rawValue)",
      Axis("completed per second", .metric(.requestsPerSecond)),
      [series("throughput", \.throughput)])
    throughput.bounds = bounds { $0 == .throughput }
    var errors = chart(
      "chart-sweep-errors", "Error rate against \(parameter.rawValue)",
      Axis("share of requests", .metric(.ratio)), [series("errors", \.errorRate)])
    errors.bounds = bounds { [.errorRate, .rejectedRate, .timeoutRate].contains($0) }
    var busiest = chart(
      "chart-sweep-utilisation", "Busiest station against \(parameter.rawValue)",
      Axis("utilisation", .metric(.ratio)), [series("busiest station", \.maxUtilisation)])
    busiest.bounds = bounds { $0 == .utilisation }
    busiest.upToOne = true
    let passing = series("every expect held") { $0.passed ? $0.p99 : nil }
    latency.series.append(passing)

    var subtitle = "\(sorted.count) points"
    if let found = answer {
      subtitle +=
        found.map { " · smallest \(parameter.rawValue) meeting every expect: " + number($0) }
        ?? " · no \(parameter.rawValue) in the range meets every expect"
    }
    var page = HTMLPage(
      title: (answer == nil ? "scale sweep · " : "scale capacity · ") + fileName,
      subtitle: subtitle)
    let figures = [
      latency.figure(
        note: "“every expect held” repeats p99 at the points where every expectation passed."),
      throughput.figure(), errors.figure(), busiest.figure(),
    ]
    page.add(section: "charts", heading: "Against \(parameter.rawValue)", figures.joined())
    let cells = tableCells(rows, parameter: parameter)
    page.add(
      section: "points", heading: "Points",
      HTMLPage.table(
        header: cells.first ?? [], rows: Array(cells.dropFirst()), numeric: [2, 3, 4, 5],
        fold: 200))
    return page.render()
  }
}
