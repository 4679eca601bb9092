import ScaleModel

/// `scale run --format html`: one self-contained page (`HTMLPage`) with the verdicts first,
/// the topology coloured by utilisation with the bottleneck marked, charts over time
/// (throughput, latency percentiles, errors by cause, utilisation, cache hit rate, queue
/// lengths, stale reads, servers per pool) with every timeline event marked on every time
/// axis, the per-component tables and the numbered timeline. Large runs stay readable: more
/// than `maxHeatRows` stations become a utilisation distribution, the topology folds big
/// pools into one box, and long tables fold their tail into `<details>`.
public enum HTMLReport {
  /// A replicated run (`--replications`): how many runs, and the verdicts decided on their
  /// confidence intervals (the charts show the first run).
  public struct Replicated: Sendable {
    public var runs: Int
    public var verdicts: [Verdict]
    public init(runs: Int, verdicts: [Verdict]) {
      self.runs = runs
      self.verdicts = verdicts
    }
  }

  static let maxHeatRows = 24
  static let maxLines = 8

  public static func render(
    _ result: RunResult, scenario: Scenario, fileName: String, replicated: Replicated? = nil
  ) -> String {
    var parts = ["seed \(result.seed)", "simulated " + Format.duration(result.duration)]
    if result.warmup > 0 { parts.append("warm-up " + Format.duration(result.warmup)) }
    if let replicated { parts.append("\(replicated.runs) replications") }
    if result.interrupted { parts.append("interrupted") }
    var page = HTMLPage(title: "scale run · " + fileName, subtitle: parts.joined(separator: " · "))
    let verdicts = replicated?.verdicts ?? result.verdicts
    page.add(section: "verdicts", heading: "Expectations", verdictList(verdicts, replicated))
    page.add(section: "summary", heading: "Summary", summary(result))
    let drawing = TopologyDrawing(scenario, result: result)
    page.add(
      section: "topology", heading: "Topology",
      HTMLPage.paragraph(
        "Stations are filled by utilisation (bands below); the busiest station is outlined "
          + "with a thick dashed line and labelled ▲ bottleneck.", class: "note")
        + bandLegend("utilisation") + drawing.svg())
    page.add(section: "charts", heading: "Over time", charts(result, scenario: scenario))
    let tables = TextReport.componentTables(result).map { titled in
      HTMLText.element("h3", [], HTMLText.escape(titled.title)) + table(titled.table)
    }
    page.add(section: "components", heading: "Components", tables.joined())
    if !result.events.isEmpty {
      page.add(section: "timeline", heading: "Timeline", timeline(result.events))
    }
    return page.render()
  }

  // MARK: Sections

  static func verdictList(_ verdicts: [Verdict], _ replicated: Replicated?) -> String {
    var html = HTMLPage.paragraph(VerdictText.tally(verdicts))
    if let replicated {
      html += HTMLPage.paragraph(
        "Decided over \(replicated.runs) independent replications by each expectation's "
          + "confidence interval; the charts below show the first replication.", class: "note")
    }
    let items = verdicts.map { v -> String in
      let badge: String
      switch v.outcome {
      case .pass: badge = "✓ pass"
      case .fail: badge = "✗ fail"
      case .inconclusive: badge = "? inconclusive"
      }
      let unit = MetricUnit(v.expectation.metric)
      return HTMLText.element(
        "li", [("class", v.outcome.rawValue), ("data-outcome", v.outcome.rawValue)],
        HTMLText.element("span", [("class", "badge")], badge)
          + HTMLText.element("code", [], HTMLText.escape(VerdictText.statement(v.expectation)))
          + " — "
          + HTMLText.escape(
            VerdictText.measurement(v) + " vs bound " + unit.format(v.expectation.bound)))
    }
    return html + HTMLText.element("ul", [("class", "verdicts")], items.joined())
  }

  static func summary(_ result: RunResult) -> String {
    let l = result.latency
    let rows: [[String]] = [
      ["offered", Format.count(result.offered)],
      ["completed", Format.count(result.completed)],
      ["throughput", Format.rate(result.throughput)],
      [
        "errors", Format.count(result.errors.total) + " (" + Format.percent(result.errorRate) + ")",
      ],
      [
        "latency p50 / p90 / p99 / max",
        [l.p50, l.p90, l.p99, l.max].map { Format.duration($0) }.joined(separator: " / "),
      ],
    ]
    return HTMLPage.table(header: ["measured", "value"], rows: rows, numeric: [1])
  }

  static func table(_ t: TextTable) -> String {
    let numeric = Set(t.columns.indices.filter { t.columns[$0].alignment == .right })
    return HTMLPage.table(
      header: t.columns.map(\.title), rows: t.rows.map { $0.map(\.text) }, numeric: numeric)
  }

  static func timeline(_ events: [RunEvent]) -> String {
    let rows = events.enumerated().map { i, e in
      ["\(i + 1)", Format.clock(e.time), e.kind.rawValue, e.component, e.detail]
    }
    return HTMLPage.paragraph(
      "Numbers match the markers on every chart's time axis.", class: "note")
      + HTMLPage.table(
        header: ["#", "time", "event", "component", "what happened"], rows: rows, numeric: [0, 1],
        fold: 100, class: "timeline")
  }

  static func bandLegend(_ measure: String) -> String {
    HeatMap(id: "", title: "", rows: [], columns: [], measure: measure).legend()
  }

  // MARK: Charts

  /// The timeline as markers: numbered as in the timeline table.
  static func markers(_ events: [RunEvent]) -> [LineChart.Marker] {
    events.enumerated().map { i, e in
      LineChart.Marker(
        x: e.time, label: "\(i + 1)",
        detail: "\(i + 1). " + Format.clock(e.time) + " " + e.kind.rawValue + " " + e.component
          + ": "
          + e.detail)
    }
  }

  static func charts(_ result: RunResult, scenario: Scenario) -> String {
    let intervals = result.intervals
    guard !intervals.isEmpty else { return HTMLPage.paragraph("No intervals were recorded.") }
    let marks = markers(result.events)
    let time = Axis("time", .time)
    let mid = intervals.map { ($0.start + $0.end) / 2 }
    func series(_ name: String, _ value: (IntervalStats) -> Double?) -> LineChart.Series {
      LineChart.Series(name, zip(mid, intervals).map { ($0, value($1)) })
    }
    func perSecond(_ count: Int, _ i: IntervalStats) -> Double? {
      i.end > i.start ? Double(count) / (i.end - i.start) : nil
    }
    func chart(_ id: String, _ title: String, _ y: Axis, _ lines: [LineChart.Series])
      -> LineChart
    {
      var c = LineChart(id: id, title: title, x: time, y: y, series: lines)
      c.markers = marks
      c.xDomain = 0...Swift.max(result.duration, intervals.last?.end ?? 0)
      if result.warmup > 0 { c.shaded = (0...result.warmup, "warm-up") }
      return c
    }
    let system = scenario.expectations.filter { $0.component == nil && $0.route == nil }
    func bounds(_ metrics: (Metric) -> Bool, component: Set<String>? = nil) -> [LineChart.Bound] {
      scenario.expectations.filter { e in
        guard metrics(e.metric) else { return false }
        if let component { return e.component.map(component.contains) ?? false }
        return system.contains(e)
      }.map { LineChart.Bound(y: $0.bound, label: "expect " + VerdictText.statement($0)) }
    }
    var figures: [String] = []

    var throughput = chart(
      "chart-throughput", "Throughput", Axis("requests per second", .metric(.requestsPerSecond)),
      [
        series("completed") { perSecond($0.completed, $0) },
        series("offered") { perSecond($0.offered, $0) },
      ])
    throughput.bounds = bounds { $0 == .throughput }
    figures.append(throughput.figure())

    var latency = chart(
      "chart-latency", "Latency percentiles", Axis("latency", .metric(.seconds)),
      [
        series("p50") { $0.latency.count > 0 ? $0.latency.p50 : nil },
        series("p90") { $0.latency.count > 0 ? $0.latency.p90 : nil },
        series("p99") { $0.latency.count > 0 ? $0.latency.p99 : nil },
      ])
    latency.bounds = bounds {
      if case .latency = $0 { return true }
      return $0 == .meanLatency
    }
    figures.append(latency.figure(note: "Requests that ended in each interval."))

    let causes: [(String, KeyPath<ErrorCounts, Int>)] = [
      ("rejected", \.rejected), ("timed out", \.timedOut), ("unavailable", \.unavailable),
      ("breaker open", \.breakerOpen),
    ]
    let present = causes.filter { cause in
      intervals.contains { $0.errorCauses[keyPath: cause.1] > 0 }
    }
    var errors = chart(
      "chart-errors", "Errors by cause", Axis("errors per second", .metric(.requestsPerSecond)),
      present.map { cause in series(cause.0) { perSecond($0.errorCauses[keyPath: cause.1], $0) } })
    if present.isEmpty {
      errors.series = [series("errors") { perSecond($0.errors, $0) }]
    }
    figures.append(errors.figure(note: present.isEmpty ? "No request failed." : ""))

    figures.append(utilisation(result, marks: marks))

    let shownPools = TextReport.poolSeriesNames(result).prefix(maxLines)
    if !shownPools.isEmpty {
      var time = chart(
        "chart-pool-latency", "Time in each pool (p50, p99)", Axis("latency", .metric(.seconds)),
        shownPools.flatMap { name in
          [
            series(name + " p50") { i in
              i.pools[name].flatMap { $0.completed > 0 ? $0.latency.p50 : nil }
            },
            series(name + " p99") { i in
              i.pools[name].flatMap { $0.completed > 0 ? $0.latency.p99 : nil }
            },
          ]
        })
      time.bounds = bounds(
        {
          if case .latency = $0 { return true }
          return $0 == .meanLatency
        }, component: Set(shownPools))
      figures.append(
        time.figure(note: "From a request's admission at a member to the pool's answer."))
      var answered = chart(
        "chart-pool-throughput", "Pool throughput",
        Axis("requests per second", .metric(.requestsPerSecond)),
        shownPools.map { name in
          series(name) { i in i.pools[name].flatMap { perSecond($0.completed, i) } }
        })
      answered.bounds = bounds({ $0 == .throughput }, component: Set(shownPools))
      figures.append(answered.figure(note: "Requests each pool answered per second."))
    }

    let caches = TextReport.seriesNames(result, \.hitRate)
    if !caches.isEmpty {
      var c = chart(
        "chart-hit-rate", "Cache hit rate", Axis("hits / lookups", .metric(.ratio)),
        caches.map { name in series(name) { $0.hitRate[name] } })
      c.upToOne = true
      c.bounds = bounds({ $0 == .hitRate }, component: Set(caches))
      figures.append(c.figure())
    }

    let queues = TextReport.queueSeries(result, limit: maxLines)
    if !queues.shown.isEmpty {
      var c = chart(
        "chart-queue-length", "Queue length", Axis("requests waiting", .metric(.requests)),
        queues.shown.map { name in series(name) { $0.queueLength[name] } })
      c.bounds = bounds({ $0 == .queueLength }, component: Set(queues.shown))
      let note =
        "Time-averaged number waiting (not in service) per interval"
        + (queues.hidden > 0
          ? "; the \(maxLines) stations with the highest peak shown, \(queues.hidden) more in the CSV and JSON reports."
          : ".")
      figures.append(c.figure(note: note))
    }

    let databases = TextReport.seriesNames(result, \.staleReads)
    if !databases.isEmpty {
      var c = chart(
        "chart-stale-reads", "Stale reads", Axis("share of reads", .metric(.ratio)),
        databases.map { name in series(name) { $0.staleReads[name] } })
      c.bounds = bounds({ $0 == .staleReads }, component: Set(databases))
      figures.append(c.figure(note: "Reads that returned data older than the latest write."))
    }

    let pools = intervals.reduce(into: Set<String>()) { $0.formUnion($1.poolServers.keys) }
    let poolNames = result.components.map(\.name).filter { pools.contains($0) }
    let counts = intervals.map(\.servers)
    if !scenario.autoscalers.isEmpty || Set(counts).count > 1 || poolNames.count > 1 {
      var lines = [series("servers in service") { Double($0.servers) }]
      if poolNames.count > 1 || !scenario.autoscalers.isEmpty {
        lines += poolNames.prefix(maxLines).map { name in
          series("pool " + name) { $0.poolServers[name].map(Double.init) }
        }
      }
      figures.append(
        chart("chart-servers", "Servers", Axis("servers", .metric(.count)), lines).figure(
          note: "In service (not failed, not marked down) at the end of each interval."))
    }
    return figures.joined(separator: "\n")
  }

  /// Utilisation over time: one heat-map row per station, or for more than `maxHeatRows`
  /// stations, one row per utilisation band holding the share of stations in it.
  static func utilisation(_ result: RunResult, marks: [LineChart.Marker]) -> String {
    let names = TextReport.seriesNames(result, \.utilisation)
    let columns = result.intervals.map { ($0.start, $0.end) }
    guard !names.isEmpty else { return "" }
    if names.count <= maxHeatRows {
      let rows = names.map { name in
        HeatMap.Row(label: name, values: result.intervals.map { $0.utilisation[name] ?? 0 })
      }
      var map = HeatMap(
        id: "chart-utilisation", title: "Utilisation per station", rows: rows, columns: columns,
        measure: "utilisation")
      map.markers = marks
      return map.figure(note: "Busy share of each station's cores (a pool: of its servers').")
    }
    // Stations only: balancers and pools summarise their servers.
    let pools = Set(
      result.components.filter { $0.kind == .balancer || $0.kind == .pool }.map(\.name))
    let stations = names.filter { !pools.contains($0) }
    let bands = Palette.utilisationBands
    var rows = bands.indices.reversed().map {
      HeatMap.Row(label: "util " + bands[$0].label, values: [])
    }
    for interval in result.intervals {
      var counts = [Int](repeating: 0, count: bands.count)
      for name in stations { counts[Palette.band(interval.utilisation[name] ?? 0)] += 1 }
      for (row, band) in bands.indices.reversed().enumerated() {
        rows[row].values.append(
          stations.isEmpty ? 0 : Double(counts[band]) / Double(stations.count))
      }
    }
    var map = HeatMap(
      id: "chart-utilisation", title: "Utilisation of \(Format.count(stations.count)) stations",
      rows: rows, columns: columns, measure: "share of stations")
    map.markers = marks
    return map.figure(
      note: "Too many stations for a row each: each row is a utilisation band, each cell the "
        + "share of stations in that band during the interval (Grafana's heat-map convention).")
  }
}
