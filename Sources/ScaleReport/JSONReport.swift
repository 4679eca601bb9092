import ScaleModel

/// The run result as JSON (`"schema": "scale.run/v1"`), described by
/// `docs/schema/run-result-v1.json`. Keys come in a fixed, documented order (see
/// docs/report-formats.md); the same result always gives the same bytes.
public enum JSONReport {
  /// The schema identifier written as the first key.
  public static let schema = "scale.run/v1"

  /// The document, pretty-printed, ending in a newline.
  public static func render(_ result: RunResult, scenario: Scenario, fileName: String) -> String {
    document(result, scenario: scenario, fileName: fileName).serialized() + "\n"
  }

  static func document(_ result: RunResult, scenario: Scenario, fileName: String) -> JSONValue {
    let passed = result.verdicts.filter { $0.outcome == .pass }.count
    let failed = result.verdicts.filter { $0.outcome == .fail }.count
    var fields: [(String, JSONValue)] = [
      ("schema", .string(schema)),
      ("file", .string(fileName)),
      ("seed", .uint(result.seed)),
      ("requestedDuration", .double(scenario.duration)),
      ("duration", .double(result.duration)),
      ("warmup", .double(result.warmup)),
      ("measuredDuration", .double(result.measuredDuration)),
      ("interrupted", .bool(result.interrupted)),
      ("offered", .int(result.offered)),
      ("completed", .int(result.completed)),
      ("throughput", .double(result.throughput)),
      ("errorRate", .double(result.errorRate)),
      ("errors", errors(result.errors)),
      ("inFlight", .int(result.inFlight)),
      ("latency", latency(result.latency)),
      ("components", .array(result.components.map(component))),
      ("intervals", .array(result.intervals.map(interval))),
      ("events", .array(result.events.map(event))),
      ("verdicts", .array(result.verdicts.map(verdict))),
      (
        "expectations",
        .object([
          ("total", .int(result.verdicts.count)), ("passed", .int(passed)),
          ("failed", .int(failed)),
          ("inconclusive", .int(result.verdicts.count - passed - failed)),
        ])
      ),
      ("eventsProcessed", .int(result.eventsProcessed)),
    ]
    // Additive: only a script with routes has the key, after `components`, so a report of a
    // script without routes is byte for byte what it was.
    if !result.routes.isEmpty, let at = fields.firstIndex(where: { $0.0 == "components" }) {
      fields.insert(("routes", .array(result.routes.map(route))), at: at + 1)
    }
    return .object(fields)
  }

  static func route(_ r: RouteStats) -> JSONValue {
    .object([
      ("name", .string(r.name)), ("offered", .int(r.offered)), ("completed", .int(r.completed)),
      ("errorRate", .double(r.errorRate)), ("errors", errors(r.errors)),
      ("latency", latency(r.latency)),
    ])
  }

  static func errors(_ e: ErrorCounts) -> JSONValue {
    .object([
      ("rejected", .int(e.rejected)), ("timedOut", .int(e.timedOut)),
      ("unavailable", .int(e.unavailable)), ("breakerOpen", .int(e.breakerOpen)),
      ("total", .int(e.total)),
    ])
  }

  static func latency(_ l: LatencySummary) -> JSONValue {
    .object([
      ("count", .int(l.count)), ("mean", .double(l.mean)), ("p50", .double(l.p50)),
      ("p90", .double(l.p90)), ("p95", .double(l.p95)), ("p99", .double(l.p99)),
      ("p999", .double(l.p999)), ("max", .double(l.max)),
    ])
  }

  static func component(_ c: ComponentStats) -> JSONValue {
    .object([
      ("name", .string(c.name)), ("kind", .string(c.kind.rawValue)), ("cores", .int(c.cores)),
      ("arrivals", .int(c.arrivals)), ("completed", .int(c.completed)),
      ("errors", errors(c.errors)), ("utilisation", .double(c.utilisation)),
      ("meanQueueLength", .double(c.meanQueueLength)),
      ("maxQueueLength", .int(c.maxQueueLength)), ("meanInSystem", .double(c.meanInSystem)),
      ("latency", latency(c.latency)), ("hits", .int(c.hits)), ("misses", .int(c.misses)),
      ("hitRate", .double(c.hitRate)), ("evictions", .int(c.evictions)),
      ("reads", .int(c.reads)), ("writes", .int(c.writes)), ("staleReads", .int(c.staleReads)),
      ("downTime", .double(c.downTime)), ("healthy", .bool(c.healthy)),
    ])
  }

  /// A name → value map with keys sorted (so dictionary order never reaches the output).
  static func sortedMap(_ map: [String: Double]) -> JSONValue {
    .object(map.keys.sorted().map { ($0, JSONValue.optional(map[$0])) })
  }

  static func interval(_ i: IntervalStats) -> JSONValue {
    var fields: [(String, JSONValue)] = [
      ("start", .double(i.start)), ("end", .double(i.end)), ("offered", .int(i.offered)),
      ("completed", .int(i.completed)), ("errors", .int(i.errors)),
      ("inFlight", .int(i.inFlight)),
      ("servers", .int(i.servers)), ("latency", latency(i.latency)),
      ("utilisation", sortedMap(i.utilisation)), ("queueLength", sortedMap(i.queueLength)),
      ("errorCauses", errors(i.errorCauses)), ("hitRate", sortedMap(i.hitRate)),
      ("staleReads", sortedMap(i.staleReads)),
      (
        "poolServers",
        .object(i.poolServers.keys.sorted().map { ($0, .int(i.poolServers[$0] ?? 0)) })
      ),
    ]
    // Additive: only a script with a pool has the key, last, so a report of a script without
    // one is byte for byte what it was.
    if !i.pools.isEmpty {
      let span = i.end - i.start
      fields.append(
        (
          "pools",
          .object(
            i.pools.keys.sorted().compactMap { name in
              i.pools[name].map { (name, pool($0, span: span)) }
            })
        ))
    }
    return .object(fields)
  }

  /// A pool's point of the time series; `span`: the interval's length.
  static func pool(_ p: PoolInterval, span: Double) -> JSONValue {
    .object([
      ("completed", .int(p.completed)),
      ("throughput", .double(span > 0 ? Double(p.completed) / span : 0)),
      ("errors", errors(p.errors)), ("latency", latency(p.latency)),
    ])
  }

  static func event(_ e: RunEvent) -> JSONValue {
    .object([
      ("time", .double(e.time)), ("kind", .string(e.kind.rawValue)),
      ("component", .string(e.component)),
      ("detail", .string(e.detail)),
    ])
  }

  static func verdict(_ v: Verdict) -> JSONValue {
    let e = v.expectation
    var quantile: JSONValue = .null
    if case .latency(let q) = e.metric { quantile = .double(q) }
    let interval: JSONValue =
      v.interval.map {
        .object([("low", .double($0.lowerBound)), ("high", .double($0.upperBound))])
      } ?? .null
    var fields: [(String, JSONValue)] = [
      ("statement", .string(VerdictText.statement(e))),
      ("line", .int(e.line)),
      ("component", e.component.map { .string($0) } ?? .null),
      ("metric", .string(e.metric.name)),
      ("quantile", quantile),
      ("unit", .string(MetricUnit(e.metric).rawValue)),
      ("comparison", .string(e.comparison.rawValue)),
      ("bound", .double(e.bound)),
      ("confidence", JSONValue.optional(e.confidence)),
      ("outcome", .string(v.outcome.rawValue)),
      ("measured", JSONValue.optional(v.measured)),
      ("interval", interval),
    ]
    // `expect route NAME …`: the route, after `component` (absent for other verdicts).
    if let route = e.route { fields.insert(("route", .string(route)), at: 3) }
    return .object(fields)
  }
}
