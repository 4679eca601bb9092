import ScaleModel

/// The readable run report for a terminal: header, summary, a table per kind of component,
/// small charts over time, the timeline of events and the `expect` verdicts, ending with a
/// tally line (`3 expectations: 2 passed, 1 failed`). Colour only adds ANSI escapes; the
/// Unicode symbols and the layout are the same either way.
public enum TextReport {
  /// Narrowest layout honoured; a smaller `width` is treated as this.
  static let minimumWidth = 40

  /// The report as text ending in a newline. `fileName` is shown in the header; `scenario`
  /// supplies what the result does not carry (the asked duration, autoscalers).
  /// With `narration` (`--explain`, see ``Explain``) the timeline is told in sentences in
  /// its place: each event once, and the tally stays the last line.
  public static func render(
    _ result: RunResult, scenario: Scenario, fileName: String, color: Bool, width: Int = 100,
    narration: String? = nil
  ) -> String {
    let width = Swift.max(minimumWidth, Swift.min(width, 1000))
    var sections: [[String]] = []
    sections.append(
      header(result, scenario: scenario, fileName: fileName, color: color, width: width))
    sections.append(summary(result, color: color, width: width))
    if !result.routes.isEmpty {
      sections.append(routeSection(result, width: width, color: color))
    }
    sections += componentSections(result, width: width, color: color)
    let charts = overTime(result, scenario: scenario, width: width, color: color)
    if !charts.isEmpty { sections.append(charts) }
    if let narration {
      sections.append(
        [Style.bold.apply("What happened", color: color)]
          + narration.split(separator: "\n", omittingEmptySubsequences: false)
          .dropLast(narration.hasSuffix("\n") ? 1 : 0).map { $0.isEmpty ? "" : "  " + $0 })
    } else if !result.events.isEmpty {
      sections.append(timeline(result.events, width: width, color: color))
    }
    var lines = sections.map { $0.joined(separator: "\n") }.joined(separator: "\n\n")
    lines +=
      "\n\n"
      + expectations(result.verdicts, width: width, color: color).joined(
        separator: "\n")
    return lines + "\n"
  }

  // MARK: Header and summary

  /// `parts` joined by `separator` into as few lines as fit in `width` (a part wider than
  /// `width` gets a line of its own); continuation lines start with `indent`.
  static func joined(_ parts: [String], separator: String, width: Int, indent: String = "")
    -> [String]
  {
    var lines: [String] = []
    var current = ""
    for part in parts {
      if current.isEmpty {
        current = (lines.isEmpty ? "" : indent) + part
      } else if current.count + separator.count + part.count <= width {
        current += separator + part
      } else {
        lines.append(current)
        current = indent + part
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
  }

  static func header(
    _ result: RunResult, scenario: Scenario, fileName: String, color: Bool, width: Int
  ) -> [String] {
    var first = Style.bold.apply("scale run", color: color) + " · " + fileName
    if result.interrupted {
      first +=
        " · "
        + Style.yellow.apply(
          "interrupted at " + Format.duration(result.duration) + " of "
            + Format.duration(scenario.duration), color: color)
    }
    var parts = ["seed \(result.seed)", "simulated " + Format.duration(result.duration)]
    if result.warmup > 0 {
      parts.append("warm-up " + Format.duration(result.warmup))
      parts.append("measured " + Format.duration(result.measuredDuration))
    }
    parts.append(Format.count(result.eventsProcessed) + " events")
    return [first] + joined(parts, separator: " · ", width: width)
  }

  static func summary(_ result: RunResult, color: Bool, width: Int) -> [String] {
    var rows: [(label: String, count: Int, note: String, style: Style?)] = []
    rows.append(("offered", result.offered, "requests", nil))
    rows.append(
      ("completed", result.completed, "requests · " + Format.rate(result.throughput), nil))
    let errorStyle: Style? = result.errors.total > 0 ? .red : nil
    rows.append(("errors", result.errors.total, Format.percent(result.errorRate), errorStyle))
    let causes: [(String, Int)] = [
      ("rejected", result.errors.rejected), ("timed out", result.errors.timedOut),
      ("unavailable", result.errors.unavailable), ("breaker open", result.errors.breakerOpen),
    ]
    for (name, n) in causes where n > 0 {
      let share = result.offered > 0 ? Double(n) / Double(result.offered) : 0
      rows.append(("  " + name, n, Format.percent(share), nil))
    }
    // Offered = completed + errors + in flight: requests the run ended before they did.
    if result.inFlight > 0 {
      rows.append(
        (
          "in flight", result.inFlight,
          Format.percent(result.inFlightRate) + " unfinished at the end",
          result.inFlightRate >= 0.01 ? .yellow : nil
        ))
    }
    // At least one space between the longest label and its number (`breaker open 29,888`,
    // never `breaker open29,888`).
    let labelWidth = Swift.max(14, (rows.map(\.label.count).max() ?? 0) + 1)
    let countWidth = rows.map { Format.count($0.count).count }.max() ?? 1
    var lines = [Style.bold.apply("Summary", color: color)]
    for row in rows {
      let number = Format.count(row.count)
      let padded = String(repeating: " ", count: countWidth - number.count) + number
      let label = row.label + String(repeating: " ", count: labelWidth - row.label.count)
      let value = row.style.map { $0.apply(padded, color: color) } ?? padded
      lines.append("  " + label + value + "  " + row.note)
    }
    let l = result.latency
    let latency: [String]
    if l.count == 0 {
      latency = ["no completed requests"]
    } else {
      latency = [
        ("p50", l.p50), ("p90", l.p90), ("p99", l.p99), ("p99.9", l.p999), ("max", l.max),
        ("mean", l.mean),
      ].map { $0.0 + " " + Format.duration($0.1) }
    }
    let label = "  latency" + String(repeating: " ", count: Swift.max(1, labelWidth - 7))
    let indent = String(repeating: " ", count: label.count)
    lines += joined(
      [label + (latency.first ?? "")] + latency.dropFirst(), separator: "  ",
      width: width, indent: indent)
    return lines
  }

  // MARK: Routes

  /// One row per route (request class) in declaration order: its share of the offered
  /// requests, offered, completed, errors as a share of its offered, and its end-to-end
  /// latency (mean, p50, p99, max) as the client saw it.
  static func routeSection(_ result: RunResult, width: Int, color: Bool) -> [String] {
    typealias C = TextTable.Column
    var t = TextTable([
      C("route", .left, priority: 3), C("share", priority: 2), C("offered", priority: 1),
      C("completed", priority: 1), C("errors", priority: 3), C("mean", priority: 2),
      C("p50", priority: 0), C("p99", priority: 3), C("max", priority: 0),
    ])
    for r in result.routes {
      let share = result.offered > 0 ? Double(r.offered) / Double(result.offered) : 0
      let l = r.latency
      func time(_ x: Double) -> TextTable.Cell { .init(l.count == 0 ? "–" : Format.duration(x)) }
      t.add([
        .init(r.name), .init(Format.percent1(share)), .init(Format.count(r.offered)),
        .init(Format.count(r.completed)),
        .init(Format.percent(r.errorRate), style: r.errors.total > 0 ? .red : nil),
        time(l.mean), time(l.p50), time(l.p99), time(l.max),
      ])
    }
    return section("Routes", t, width: width, color: color)
  }

  // MARK: Component tables

  /// a + b, clamped to Int's range instead of trapping (counts come from outside).
  static func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    guard overflow else { return sum }
    return b > 0 ? Int.max : Int.min
  }

  static func utilisationCell(_ u: Double) -> TextTable.Cell {
    let style: Style? = u >= 0.9 ? .red : (u >= 0.7 ? .yellow : nil)
    return TextTable.Cell(Format.percent1(u), style: style)
  }

  static func healthCell(_ c: ComponentStats) -> TextTable.Cell {
    if !c.healthy { return TextTable.Cell("DOWN", style: .red) }
    if c.downTime > 0 {
      return TextTable.Cell("up (down " + Format.duration(c.downTime) + ")", style: .yellow)
    }
    return TextTable.Cell("up")
  }

  static func latencyCell(_ l: LatencySummary) -> TextTable.Cell {
    TextTable.Cell(l.count == 0 ? "–" : Format.duration(l.p99))
  }

  static func errorsCell(_ e: ErrorCounts) -> TextTable.Cell {
    TextTable.Cell(Format.count(e.total), style: e.total > 0 ? .red : nil)
  }

  static func section(_ title: String, _ table: TextTable, width: Int, color: Bool) -> [String] {
    [Style.bold.apply(title, color: color)] + table.render(width: width, color: color)
  }

  static func componentSections(_ result: RunResult, width: Int, color: Bool) -> [[String]] {
    componentTables(result).map { section($0.title, $0.table, width: width, color: color) }
  }

  /// The per-component tables, titled, in report order (the text and HTML reports render
  /// them).
  static func componentTables(_ result: RunResult) -> [(title: String, table: TextTable)] {
    let all = result.components
    func of(_ kinds: Set<ComponentKind>) -> [ComponentStats] {
      all.filter { kinds.contains($0.kind) }
    }
    var tables: [(title: String, table: TextTable)] = []
    typealias C = TextTable.Column

    let servers = of([.server])
    if !servers.isEmpty {
      var t = TextTable([
        C("server", .left, priority: 3), C("cores", priority: 1), C("arrivals", priority: 1),
        C("completed", priority: 1), C("util", priority: 3), C("mean queue", priority: 0),
        C("max queue", priority: 0), C("p99 here", priority: 2), C("errors", priority: 2),
        C("health", .left, priority: 2),
      ])
      for s in servers {
        t.add([
          .init(s.name), .init(String(s.cores)), .init(Format.count(s.arrivals)),
          .init(Format.count(s.completed)), utilisationCell(s.utilisation),
          .init(Format.fixed(s.meanQueueLength, decimals: 2)),
          .init(Format.count(s.maxQueueLength)), latencyCell(s.latency), errorsCell(s.errors),
          healthCell(s),
        ])
      }
      tables.append(("Servers", t))
    }

    let balancers = of([.balancer])
    if !balancers.isEmpty {
      var t = TextTable([
        C("balancer", .left, priority: 3), C("arrivals", priority: 2),
        C("forwarded", priority: 1), C("no healthy server", priority: 1),
        C("errors", priority: 3),
      ])
      for b in balancers {
        t.add([
          .init(b.name), .init(Format.count(b.arrivals)), .init(Format.count(b.completed)),
          .init(Format.count(b.errors.unavailable)), errorsCell(b.errors),
        ])
      }
      tables.append(("Balancers", t))
    }

    let pools = of([.pool])
    if !pools.isEmpty {
      // A pool's time counts from admission at a member to the pool's answer, the wait on
      // the tiers behind included when its members hold connections (docs/semantics.md).
      var t = TextTable([
        C("pool", .left, priority: 3), C("cores", priority: 1), C("arrivals", priority: 1),
        C("answered", priority: 1), C("util", priority: 3), C("mean queue", priority: 0),
        C("mean in pool", priority: 2), C("p99 in pool", priority: 2), C("errors", priority: 2),
      ])
      for p in pools {
        t.add([
          .init(p.name), .init(String(p.cores)), .init(Format.count(p.arrivals)),
          .init(Format.count(p.completed)), utilisationCell(p.utilisation),
          .init(Format.fixed(p.meanQueueLength, decimals: 2)),
          .init(p.latency.count == 0 ? "–" : Format.duration(p.latency.mean)),
          latencyCell(p.latency), errorsCell(p.errors),
        ])
      }
      tables.append(("Pools", t))
    }

    let caches = of([.cache])
    if !caches.isEmpty {
      var t = TextTable([
        C("cache", .left, priority: 3), C("lookups", priority: 2), C("hits", priority: 1),
        C("misses", priority: 1), C("hit rate", priority: 3), C("evictions", priority: 2),
        C("p99 here", priority: 0), C("errors", priority: 2),
      ])
      for c in caches {
        t.add([
          .init(c.name), .init(Format.count(saturatingSum(c.hits, c.misses))),
          .init(Format.count(c.hits)),
          .init(Format.count(c.misses)), .init(Format.percent1(c.hitRate)),
          .init(Format.count(c.evictions)), latencyCell(c.latency), errorsCell(c.errors),
        ])
      }
      tables.append(("Caches", t))
    }

    let nodes = of([.cacheNode])
    if !nodes.isEmpty {
      let mean = nodes.reduce(0.0) { $0 + Double($1.arrivals) } / Double(nodes.count)
      var t = TextTable([
        C("cache node", .left, priority: 3), C("lookups", priority: 1),
        C("hit rate", priority: 2), C("load vs mean", priority: 3),
        C("evictions", priority: 0), C("health", .left, priority: 1),
      ])
      for n in nodes {
        let load = mean > 0 ? Double(n.arrivals) / mean : 0
        let style: Style? = load >= 1.5 ? .yellow : nil
        t.add([
          .init(n.name), .init(Format.count(n.arrivals)), .init(Format.percent1(n.hitRate)),
          .init(Format.fixed(load, decimals: 2) + "×", style: style),
          .init(Format.count(n.evictions)), healthCell(n),
        ])
      }
      tables.append(("Cache nodes", t))
    }

    let stores = of([.database, .replica, .shard])
    if !stores.isEmpty {
      var t = TextTable([
        C("database", .left, priority: 3), C("kind", .left, priority: 1), C("cores", priority: 0),
        C("reads", priority: 1), C("writes", priority: 1), C("stale reads", priority: 2),
        C("util", priority: 3), C("p99 here", priority: 2), C("errors", priority: 2),
        C("health", .left, priority: 2),
      ])
      for d in stores {
        let stale = d.reads > 0 ? Double(d.staleReads) / Double(d.reads) : 0
        t.add([
          .init(d.name), .init(d.kind.rawValue), .init(String(d.cores)),
          .init(Format.count(d.reads)), .init(Format.count(d.writes)),
          .init(Format.count(d.staleReads) + " (" + Format.percent(stale) + ")"),
          utilisationCell(d.utilisation), latencyCell(d.latency), errorsCell(d.errors),
          healthCell(d),
        ])
      }
      tables.append(("Databases", t))
    }

    let queues = of([.queue])
    if !queues.isEmpty {
      var t = TextTable([
        C("queue", .left, priority: 3), C("workers", priority: 1), C("arrivals", priority: 1),
        C("completed", priority: 1), C("util", priority: 3), C("mean depth", priority: 2),
        C("max depth", priority: 0), C("p99 here", priority: 2), C("refused", priority: 2),
      ])
      for q in queues {
        t.add([
          .init(q.name), .init(String(q.cores)), .init(Format.count(q.arrivals)),
          .init(Format.count(q.completed)), utilisationCell(q.utilisation),
          .init(Format.fixed(q.meanQueueLength, decimals: 2)),
          .init(Format.count(q.maxQueueLength)), latencyCell(q.latency), errorsCell(q.errors),
        ])
      }
      tables.append(("Queues", t))
    }

    let breakers = of([.breaker])
    if !breakers.isEmpty {
      var t = TextTable([
        C("breaker", .left, priority: 3), C("calls", priority: 1), C("refused", priority: 3),
        C("open for", priority: 2), C("state", .left, priority: 2),
      ])
      for b in breakers {
        t.add([
          .init(b.name), .init(Format.count(b.arrivals)),
          .init(Format.count(b.errors.breakerOpen), style: b.errors.breakerOpen > 0 ? .red : nil),
          .init(Format.duration(b.downTime)),
          b.healthy ? .init("closed") : .init("open", style: .red),
        ])
      }
      tables.append(("Circuit breakers", t))
    }

    let limits = of([.rateLimit])
    if !limits.isEmpty {
      var t = TextTable([
        C("rate limit", .left, priority: 3), C("arrivals", priority: 1),
        C("admitted", priority: 1), C("rejected", priority: 2), C("rejected %", priority: 3),
      ])
      for r in limits {
        let share = r.arrivals > 0 ? Double(r.errors.rejected) / Double(r.arrivals) : 0
        t.add([
          .init(r.name), .init(Format.count(r.arrivals)),
          .init(
            Format.count(Swift.max(0, saturatingSum(r.arrivals, -Swift.max(0, r.errors.rejected))))),
          errorsCell(ErrorCounts(rejected: r.errors.rejected)), .init(Format.percent(share)),
        ])
      }
      tables.append(("Rate limits", t))
    }

    let others = of([.autoscaler])
    if !others.isEmpty {
      var t = TextTable([
        C("autoscaler", .left, priority: 3), C("arrivals", priority: 1),
        C("completed", priority: 1), C("errors", priority: 3),
      ])
      for o in others {
        t.add([
          .init(o.name), .init(Format.count(o.arrivals)), .init(Format.count(o.completed)),
          errorsCell(o.errors),
        ])
      }
      tables.append(("Autoscalers", t))
    }
    return tables
  }

  // MARK: Charts over time

  /// Component names with a utilisation series: declaration order, then any others sorted.
  static func seriesNames(_ result: RunResult, _ key: KeyPath<IntervalStats, [String: Double]>)
    -> [String]
  {
    var present = Set<String>()
    for interval in result.intervals {
      for name in interval[keyPath: key].keys { present.insert(name) }
    }
    let declared = result.components.map(\.name).filter { present.contains($0) }
    let extra = present.subtracting(declared).sorted()
    return declared + extra
  }

  /// The pools with a point in the time series (`IntervalStats.pools`): declaration order,
  /// then any others sorted.
  static func poolSeriesNames(_ result: RunResult) -> [String] {
    var present = Set<String>()
    for i in result.intervals { present.formUnion(i.pools.keys) }
    let declared = result.components.filter { $0.kind == .pool }.map(\.name).filter {
      present.contains($0)
    }
    return declared + present.subtracting(declared).sorted()
  }

  static func overTime(
    _ result: RunResult, scenario: Scenario, width: Int, color: Bool
  ) -> [String] {
    let intervals = result.intervals
    guard let first = intervals.first, let last = intervals.last else { return [] }
    let names = seriesNames(result, \.utilisation)
    let longest = names.map { $0.count + 2 }.max() ?? 0
    // Component rows are indented two more, so their names get labelWidth − 2.
    let labelWidth =
      TextTable.distinctWidth(
        names, atLeast: Swift.min(Swift.max(12, longest), Swift.max(12, width / 4)) - 2) + 2
    let noteWidth = width >= 56 ? 26 : 0
    let chartWidth = Swift.max(8, width - 2 - labelWidth - 2 - 2 - noteWidth)
    func row(_ label: String, _ chart: String, _ note: String, indent: Int = 2) -> String {
      let name = TextTable.fitKeepingEnd(label, width: labelWidth - (indent - 2))
      let pad = String(repeating: " ", count: Swift.max(0, labelWidth - (indent - 2) - name.count))
      let tail = noteWidth > 0 && !note.isEmpty ? "  " + note : ""
      return TextTable.trimTrailing(
        String(repeating: " ", count: indent) + name + pad + "  " + chart + tail)
    }

    let lengths = Set(intervals.map { Format.duration($0.end - $0.start) })
    var title = "Over time · \(intervals.count) interval" + (intervals.count == 1 ? "" : "s")
    if lengths.count == 1, let only = lengths.first { title += " of " + only }
    title += " · " + Format.clock(first.start) + " → " + Format.clock(last.end)
    var lines = [Style.bold.apply(title, color: color)]

    let throughput = intervals.map { i -> Double in
      let span = i.end - i.start
      return span > 0 ? Double(i.completed) / span : 0
    }
    lines.append(
      row(
        "throughput", Chart.sparkline(throughput, width: chartWidth, merge: .mean),
        "peak " + Format.rate(throughput.max() ?? 0)))
    let p99 = intervals.map(\.latency.p99)
    lines.append(
      row(
        "p99", Chart.sparkline(p99, width: chartWidth, merge: .maximum),
        "peak " + Format.duration(p99.max() ?? 0)))
    let errors = intervals.map { Double($0.errors) }
    if errors.contains(where: { $0 > 0 }) {
      lines.append(
        row(
          "errors", Chart.sparkline(errors, width: chartWidth, merge: .maximum),
          "peak " + Format.count(intervals.map(\.errors).max() ?? 0) + " per interval"))
    }
    let servers = intervals.map(\.servers)
    if let low = servers.min(), let high = servers.max(), high > 0,
      low != high || !scenario.autoscalers.isEmpty
    {
      lines.append(
        row(
          "servers", Chart.sparkline(servers.map(Double.init), width: chartWidth, merge: .maximum),
          "\(servers.first ?? 0) → \(servers.last ?? 0) (\(low)…\(high))"))
    }
    if !names.isEmpty {
      lines.append(
        row("utilisation", "░ <25%  ▒ <50%  ▓ <75%  █ ≥75%", ""))
      for name in names {
        let series = intervals.map { $0.utilisation[name] ?? 0 }
        // The tables' figure (busy over provisioned core-seconds in the measured window, while
        // it existed): a mean of the intervals would count those before a server joined as
        // idle and show a second, different utilisation (31.8 % beside the table's 50.2 %).
        let mean =
          result.component(name)?.utilisation ?? series.reduce(0, +) / Double(series.count)
        lines.append(
          row(
            name, Chart.heat(series, width: chartWidth),
            "mean " + Format.percent1(mean) + " · peak " + Format.percent1(series.max() ?? 0),
            indent: 4))
      }
    }
    let pools = poolSeriesNames(result)
    if !pools.isEmpty { lines.append(row("time in pool", "p99, 0 … each row's peak", "")) }
    for name in pools {
      let series = intervals.map { $0.pools[name]?.latency.p99 ?? 0 }
      lines.append(
        row(
          name, Chart.sparkline(series, width: chartWidth, merge: .maximum),
          "peak " + Format.duration(series.max() ?? 0), indent: 4))
    }
    let caches = seriesNames(result, \.hitRate)
    if !caches.isEmpty { lines.append(row("hit rate", "hits / lookups, 0 … each row's peak", "")) }
    for name in caches {
      let series = intervals.map { $0.hitRate[name] ?? 0 }
      lines.append(
        row(
          name, Chart.sparkline(series, width: chartWidth, merge: .mean),
          "low " + Format.percent1(series.min() ?? 0) + " · end "
            + Format.percent1(series.last ?? 0), indent: 4))
    }
    let databases = seriesNames(result, \.staleReads)
    if !databases.isEmpty {
      lines.append(row("stale reads", "share of reads, 0 … each row's peak", ""))
    }
    for name in databases {
      let series = intervals.map { $0.staleReads[name] ?? 0 }
      lines.append(
        row(
          name, Chart.sparkline(series, width: chartWidth, merge: .maximum),
          "peak " + Format.percent1(series.max() ?? 0) + " of reads", indent: 4))
    }
    let queues = queueSeries(result, limit: maxQueueRows)
    if !queues.shown.isEmpty {
      lines.append(row("queue length", "waiting, 0 … each row's peak", ""))
      for name in queues.shown {
        let series = intervals.map { $0.queueLength[name] ?? 0 }
        let mean = series.reduce(0, +) / Double(series.count)
        lines.append(
          row(
            name, Chart.sparkline(series, width: chartWidth, merge: .maximum),
            "mean " + Format.significant(mean) + " · peak "
              + Format.significant(series.max() ?? 0),
            indent: 4))
      }
      if queues.hidden > 0 {
        lines.append(
          row("", "+ \(queues.hidden) more with a queue (csv/json/html have all)", "", indent: 4))
      }
    }
    return lines
  }

  /// At most this many queue-length rows in the text report.
  static let maxQueueRows = 12

  /// Stations whose queue was ever non-empty: the `limit` with the highest peak, in
  /// `seriesNames` order, and how many more there are.
  static func queueSeries(_ result: RunResult, limit: Int) -> (shown: [String], hidden: Int) {
    let names = seriesNames(result, \.queueLength)
    var peaks: [(name: String, peak: Double, order: Int)] = []
    for (order, name) in names.enumerated() {
      let peak = result.intervals.map { $0.queueLength[name] ?? 0 }.max() ?? 0
      if peak > 0 { peaks.append((name, peak, order)) }
    }
    guard peaks.count > limit else { return (peaks.map(\.name), 0) }
    let top = peaks.sorted { ($0.peak, $1.order) > ($1.peak, $0.order) }.prefix(limit)
    return (top.sorted { $0.order < $1.order }.map(\.name), peaks.count - limit)
  }

  // MARK: Timeline

  static func timeline(_ events: [RunEvent], width: Int, color: Bool) -> [String] {
    let times = events.map { Format.clock($0.time) }
    let timeWidth = times.map(\.count).max() ?? 4
    let componentWidth = TextTable.distinctWidth(
      events.map(\.component),
      atLeast: Swift.min(events.map(\.component.count).max() ?? 0, width / 5))
    let kindWidth = Swift.min(events.map(\.kind.rawValue.count).max() ?? 0, width / 5)
    var lines = [Style.bold.apply("Timeline", color: color)]
    for (event, time) in zip(events, times) {
      let component = TextTable.fitKeepingEnd(event.component, width: componentWidth)
      let kind = TextTable.fit(event.kind.rawValue, width: kindWidth)
      let prefix =
        "  " + String(repeating: " ", count: timeWidth - time.count) + time + "  " + component
        + String(repeating: " ", count: componentWidth - component.count) + "  " + kind
        + String(repeating: " ", count: kindWidth - kind.count) + "  "
      let detail = event.detail.isEmpty ? "–" : event.detail
      if width - prefix.count >= 30 {
        lines += Wrap.hanging(detail, first: prefix, width: width)
      } else {
        // Too narrow for a detail column: the detail goes below, indented.
        lines.append(TextTable.trimTrailing(prefix))
        lines += Wrap.hanging(detail, first: "      ", width: width)
      }
    }
    return lines
  }

  // MARK: Expectations

  static func expectations(_ verdicts: [Verdict], width: Int, color: Bool) -> [String] {
    guard !verdicts.isEmpty else { return [VerdictText.tally(verdicts)] }
    let statements = verdicts.map { VerdictText.statement($0.expectation) }
    let statementWidth = Swift.min(statements.map(\.count).max() ?? 0, width / 2)
    var lines = [Style.bold.apply("Expectations", color: color)]
    for (verdict, statement) in zip(verdicts, statements) {
      let mark: String
      var note = VerdictText.measurement(verdict)
      switch verdict.outcome {
      case .pass: mark = Style.green.apply("✓", color: color)
      case .fail: mark = Style.red.apply("✗", color: color)
      case .inconclusive:
        mark = Style.yellow.apply("?", color: color)
        note += " · inconclusive"
      }
      let text = TextTable.fit(statement, width: statementWidth)
      let pad = String(repeating: " ", count: statementWidth - text.count)
      let plainLength = 4 + text.count + pad.count + 3 + note.count
      if plainLength <= width {
        lines.append("  " + mark + " " + text + pad + "   " + note)
      } else {
        lines.append("  " + mark + " " + text)
        lines += Wrap.hanging(note, first: "      ", width: width)
      }
    }
    lines.append(VerdictText.tally(verdicts))
    return lines
  }
}
