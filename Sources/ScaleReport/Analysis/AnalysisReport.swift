import ScaleModel

/// Analytic estimates beside the simulated figures (`scale analyze`). A simulated value is
/// marked `*` when it differs from the analytic one by more than `disagreementThreshold`
/// (relative to the analytic value), and each such difference is explained below the table.
public enum AnalysisReport {
  /// Relative difference above which analytic and simulated values are flagged: 10 %.
  public static let disagreementThreshold = 0.10

  /// What the title says the estimates are based on, by default.
  public static let startingRateBasis = "the script's starting rate; events ignored"
  /// The same for a daily cycle, whose estimates use its peak (`Analysis.estimate`).
  public static let cyclePeakBasis = "the daily cycle's peak rate; events ignored"

  /// The basis of estimates made from the script alone: the rate `Analysis.estimate` uses.
  public static func scriptBasis(_ scenario: Scenario) -> String {
    scenario.traffic?.cycle == nil ? startingRateBasis : cyclePeakBasis
  }

  /// Estimates `scenario` and renders the estimates beside `result`. With a result, the
  /// estimates use its mean offered rate (offered / measured seconds, so ramps and spikes
  /// are averaged in) and its measured cache hit rate; without, the script's starting rate
  /// (a daily cycle's peak).
  public static func render(
    _ scenario: Scenario, result: RunResult?, color: Bool, width: Int = 100
  ) -> String {
    var offered: Double?
    if let result, result.measuredDuration > 0, result.offered > 0 {
      offered = Double(result.offered) / result.measuredDuration
    }
    let hitRates = result.map(measuredHitRates) ?? [:]
    let estimates = Analysis.estimate(
      scenario, cacheHitRate: result.flatMap(measuredHitRate), offeredRate: offered,
      cacheHitRates: hitRates)
    let routes = Analysis.routes(
      scenario, cacheHitRate: result.flatMap(measuredHitRate), offeredRate: offered,
      cacheHitRates: hitRates)
    return render(
      estimates, result: result, color: color, width: width,
      basis: offered == nil ? scriptBasis(scenario) : "the run's mean offered rate", routes: routes)
  }

  /// Each cache's own measured hit rate (hits over lookups), by name; caches with no lookups
  /// are left out.
  public static func measuredHitRates(_ result: RunResult) -> [String: Double] {
    var rates: [String: Double] = [:]
    for c in result.components where c.kind == .cache && c.hits + c.misses > 0 {
      rates[c.name] = c.hitRate
    }
    return rates
  }

  /// Hits over lookups summed over a result's caches; nil when there were no lookups.
  public static func measuredHitRate(_ result: RunResult) -> Double? {
    let caches = result.components.filter { $0.kind == .cache }
    let hits = caches.reduce(0.0) { $0 + Double($1.hits) }
    let lookups = caches.reduce(0.0) { $0 + Double($1.hits) + Double($1.misses) }
    return lookups > 0 ? hits / lookups : nil
  }

  /// Little's law on the simulated figures: for each station that completed requests,
  /// L (time-averaged number present) against λW (completions per measured second × mean
  /// time here). Lines for stations off by more than the threshold are marked `*`.
  static func littleCheck(_ result: RunResult, width: Int) -> [String] {
    let stations: Set<ComponentKind> = [.server, .database, .replica, .shard, .queue]
    let seconds = result.measuredDuration
    guard seconds > 0 else { return [] }
    var table = TextTable([
      .init("Little's law", .left, priority: 3), .init("L measured", priority: 3),
      .init("λW", priority: 3), .init("off by", priority: 3),
    ])
    for c in result.components where stations.contains(c.kind) && c.latency.count > 0 {
      let lambda = Double(c.completed) / seconds
      let expected = LittlesLaw.meanInSystem(arrivalRate: lambda, meanTime: c.latency.mean)
      let error = LittlesLaw.relativeError(
        meanInSystem: c.meanInSystem, arrivalRate: lambda, meanTime: c.latency.mean)
      let flag = error > disagreementThreshold ? "*" : " "
      table.add([
        c.name, Format.significant(c.meanInSystem, digits: 3),
        Format.significant(expected, digits: 3),
        Format.percent(error) + flag,
      ])
    }
    guard !table.rows.isEmpty else { return [] }
    return table.render(width: width, color: false)
  }

  /// The report as text ending in a newline.
  ///
  /// `basis` says in the title what rate the estimates were made at.
  ///
  /// `routes` (from `Analysis.routes`) adds a table of each route's estimated end-to-end mean
  /// beside its simulated mean and p99.
  public static func render(
    _ estimates: [ComponentEstimate], result: RunResult?, color: Bool, width: Int = 100,
    basis: String = startingRateBasis, routes: [RouteEstimate] = []
  ) -> String {
    guard !estimates.isEmpty else {
      return "Analytic estimates: no traffic, nothing to estimate.\n"
    }
    var lines = [
      Style.bold.apply(
        "Analytic estimates"
          + (offeredRate(estimates, routes: routes).map { " at " + Format.rate($0) + " offered" }
            ?? "")
          + " (" + basis + ")", color: color)
    ]
    typealias C = TextTable.Column
    var columns = [
      C("component", .left), C("model", .left), C("λ"), C("ρ"), C("Wq"), C("W"), C("p99"),
    ]
    if result != nil {
      columns += [C("sim ρ"), C("sim W"), C("sim p99")]
    }
    var table = TextTable(columns)
    table.firstColumnKeepsEnd = false
    var disagreements: [String] = []
    for e in estimates {
      let label = e.role.isEmpty ? e.name : e.name + " (" + e.role + ")"
      let rhoText = e.utilisation.map { $0.isFinite ? Format.percent1($0) : "∞" } ?? "?"
      let rhoStyle: Style? = e.saturated ? .red : ((e.utilisation ?? 0) >= 0.7 ? .yellow : nil)
      let dash = e.saturated ? "∞" : "–"
      var row: [TextTable.Cell] = [
        .init(label), .init(e.model),
        .init(e.arrivalRate.map { Format.rate($0) } ?? "?"),
        .init(rhoText, style: rhoStyle),
        .init(e.meanWait.map(time) ?? dash),
        .init(e.meanResponse.map(time) ?? dash),
        .init(e.p99Response.map(time) ?? dash),
      ]
      if let result {
        if let sim = simulated(e, in: result), e.kind != .rateLimit {
          let pairs: [(String, Double?, Double?, (Double) -> String)] = [
            ("utilisation", e.utilisation, sim.utilisation, Format.percent1),
            ("mean time", e.meanResponse, sim.meanTime, { Format.duration($0) }),
            ("p99", e.p99Response, sim.p99, time),
          ]
          for (what, analytic, simulated, format) in pairs {
            guard let simulated else {
              row.append(.init("–"))
              continue
            }
            var text = format(simulated)
            var style: Style?
            if let analytic, analytic.isFinite, let diff = relativeDifference(analytic, simulated),
              diff > disagreementThreshold
            {
              text += "*"
              style = .yellow
              let direction = simulated > analytic ? "above" : "below"
              disagreements.append(
                e.name + ": simulated " + what + " " + format(simulated) + " is "
                  + Format.percent(diff) + " " + direction + " the analytic " + format(analytic))
            } else {
              text += " "
            }
            row.append(.init(text, style: style))
          }
        } else {
          row += [.init("–"), .init("–"), .init("–")]
        }
      }
      table.add(row)
    }
    lines += table.render(width: width, color: color)
    if !routes.isEmpty {
      lines.append("")
      lines += routeTable(
        routes, result: result, width: width, color: color, flagged: &disagreements)
    }

    var notes: [String] = []
    for e in estimates {
      for note in e.notes { notes.append(e.name + ": " + note) }
    }
    for r in routes {
      for note in r.notes { notes.append("route " + r.name + ": " + note) }
    }
    if !notes.isEmpty {
      lines.append("")
      lines += notes.flatMap { Wrap.hanging($0, first: "  · ", width: width) }
    }
    if !disagreements.isEmpty {
      lines.append("")
      lines.append(
        Style.yellow.apply(
          "* differs from the analytic value by more than "
            + Format.percent(disagreementThreshold) + ":", color: color))
      lines += disagreements.flatMap { Wrap.hanging($0, first: "  · ", width: width) }
    }
    if let result {
      let little = littleCheck(result, width: width)
      if !little.isEmpty {
        lines.append("")
        lines += little
      }
    }
    lines.append("")
    if let bottleneck = Analysis.bottleneck(estimates), let rho = bottleneck.utilisation {
      var text =
        "Bottleneck: " + bottleneck.name + " (ρ " + (rho.isFinite ? Format.percent1(rho) : "∞")
        + ")"
      if rho >= 1 {
        text += ", saturated at this load"
      } else if rho > 0, let entry = entryRate(estimates, bottleneck: bottleneck, routes: routes) {
        text += "; saturates at about " + Format.rate(entry / rho) + " offered"
      }
      lines.append(Style.bold.apply(text, color: color))
    } else {
      lines.append("Bottleneck: not computable")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One row per route: its share, λ, the estimated mean end to end and the network's part
  /// of it; given a result, the route's simulated mean (flagged like the stations') and p99.
  static func routeTable(
    _ routes: [RouteEstimate], result: RunResult?, width: Int, color: Bool,
    flagged: inout [String]
  ) -> [String] {
    typealias C = TextTable.Column
    var columns = [C("route", .left), C("share"), C("λ"), C("W"), C("network")]
    if result != nil { columns += [C("sim W"), C("sim p99")] }
    var table = TextTable(columns)
    table.firstColumnKeepsEnd = false
    for r in routes {
      var row: [TextTable.Cell] = [
        .init(r.name), .init(Format.percent1(r.share)), .init(Format.rate(r.arrivalRate)),
        .init(r.meanResponse.map(time) ?? "?"), .init(time(r.network)),
      ]
      if let result {
        if let sim = result.route(r.name), sim.latency.count > 0 {
          var text = Format.duration(sim.latency.mean)
          var style: Style?
          if let analytic = r.meanResponse, analytic.isFinite,
            let diff = relativeDifference(analytic, sim.latency.mean), diff > disagreementThreshold
          {
            text += "*"
            style = .yellow
            flagged.append(
              "route " + r.name + ": simulated mean time " + Format.duration(sim.latency.mean)
                + " is " + Format.percent(diff) + " "
                + (sim.latency.mean > analytic ? "above" : "below") + " the analytic "
                + Format.duration(analytic))
          } else {
            text += " "
          }
          row += [.init(text, style: style), .init(time(sim.latency.p99))]
        } else {
          row += [.init("–"), .init("–")]
        }
      }
      table.add(row)
    }
    return table.render(width: width, color: color)
  }

  /// Simulated figures to set beside an estimate.
  struct Simulated: Equatable {
    var utilisation: Double
    /// Mean time there, weighted by completions; nil when nothing completed.
    var meanTime: Double?
    /// The mean of the matched components' p99s (one component: its p99).
    var p99: Double?
  }

  /// The simulated counterpart of an estimate: the component of the same name; for a
  /// `replica` row, the mean over the database's replica components (`orders/…` of kind
  /// replica); for a `per shard` database row, the mean over its shard components when
  /// the run reports them.
  static func simulated(_ e: ComponentEstimate, in result: RunResult) -> Simulated? {
    var matched: [ComponentStats] = []
    if e.kind == .replica, e.name.hasSuffix(" replica") {
      let database = String(e.name.dropLast(" replica".count))
      matched = result.components.filter {
        $0.kind == .replica && $0.name.hasPrefix(database + "/")
      }
    } else if e.kind == .database, !e.role.isEmpty {
      matched = result.components.filter { $0.kind == .shard && $0.name.hasPrefix(e.name + "/") }
    }
    if matched.isEmpty, e.kind != .replica, let exact = result.component(e.name) {
      matched = [exact]
    }
    guard !matched.isEmpty else { return nil }
    let n = Double(matched.count)
    let utilisation = matched.reduce(0.0) { $0 + $1.utilisation } / n
    let timed = matched.filter { $0.latency.count > 0 }
    let completions = timed.reduce(0.0) { $0 + Double($1.latency.count) }
    let meanTime =
      completions > 0
      ? timed.reduce(0.0) { $0 + $1.latency.mean * Double($1.latency.count) } / completions : nil
    let p99 =
      timed.isEmpty ? nil : timed.reduce(0.0) { $0 + $1.latency.p99 } / Double(timed.count)
    return Simulated(utilisation: utilisation, meanTime: meanTime, p99: p99)
  }

  /// A duration, with anything below a microsecond (but not zero) as `<1µs`.
  static func time(_ seconds: Double) -> String {
    seconds > 0 && seconds < 1e-6 ? "<1µs" : Format.duration(seconds)
  }

  /// The client's rate the estimates were made at: the first rate limit's arrivals, else
  /// the sum over servers; nil when neither is known.
  static func offeredRate(_ estimates: [ComponentEstimate], routes: [RouteEstimate] = [])
    -> Double?
  {
    if let limit = estimates.first(where: { $0.kind == .rateLimit }) { return limit.arrivalRate }
    // With routes a request visits several servers: the routes' rates add up to the offered.
    if !routes.isEmpty { return routes.reduce(0) { $0 + $1.arrivalRate } }
    let servers = estimates.filter { $0.kind == .server }.compactMap(\.arrivalRate)
    let total = servers.reduce(0, +)
    return servers.isEmpty ? nil : total
  }

  /// The offered rate at the servers when no rate limit caps it (ρ grows linearly with it).
  static func entryRate(
    _ estimates: [ComponentEstimate], bottleneck: ComponentEstimate, routes: [RouteEstimate] = []
  ) -> Double? {
    if estimates.contains(where: { $0.kind == .rateLimit }) { return nil }
    if !routes.isEmpty {
      let total = routes.reduce(0) { $0 + $1.arrivalRate }
      return total > 0 ? total : nil
    }
    let servers = estimates.filter { $0.kind == .server }.compactMap(\.arrivalRate)
    let total = servers.reduce(0, +)
    return total > 0 ? total : nil
  }

  /// |simulated − analytic| / |analytic|; nil when the analytic value is 0 and the
  /// simulated one is too small to matter (below 1e-9).
  static func relativeDifference(_ analytic: Double, _ simulated: Double) -> Double? {
    if analytic == 0 { return Swift.abs(simulated) < 1e-9 ? nil : .infinity }
    return Swift.abs(simulated - analytic) / Swift.abs(analytic)
  }
}
