import ScaleModel

/// Judges `expect` statements against a run's figures.
///
/// Global metrics are the client's view; a component's are its own (see `measure`). Every
/// latency quantile comes from the histogram: p50, p90, p95, p99, p99.9 and max are in every
/// summary, and the engine adds any other quantile the scenario's `expect` statements name
/// (`LatencySummary.quantiles`). Only a summary made without them (built by hand) falls back to
/// linear interpolation between the nearest stored points. A metric that cannot be measured (unknown component, no completed
/// request, no cache) fails with `measured == nil`.
public enum ExpectationEvaluator {
  /// One verdict per expectation, in order.
  public static func evaluate(_ expectations: [Expectation], result: RunResult) -> [Verdict] {
    expectations.map { e in
      let value =
        e.route.map { measure(e.metric, route: $0, in: result) }
        ?? measure(e.metric, component: e.component, in: result)
      guard let value, value.isFinite else {
        return Verdict(expectation: e, outcome: .fail, measured: nil)
      }
      return Verdict(
        expectation: e, outcome: e.comparison.holds(value, e.bound) ? .pass : .fail, measured: value
      )
    }
  }

  /// The measured value of a metric, or nil when there is nothing to measure.
  public static func measure(_ metric: Metric, component: String?, in r: RunResult) -> Double? {
    let seconds = r.measuredDuration
    if let name = component {
      guard let c = r.component(name) else { return nil }
      switch metric {
      case .latency(let q): return c.latency.count > 0 ? quantile(q, of: c.latency) : nil
      case .meanLatency: return c.latency.count > 0 ? c.latency.mean : nil
      case .errorRate: return ratio(c.errors.total, c.arrivals)
      case .throughput: return seconds > 0 ? Double(c.completed) / seconds : nil
      case .utilisation: return c.utilisation
      case .hitRate: return c.hits + c.misses > 0 ? c.hitRate : nil
      case .staleReads: return ratio(c.staleReads, c.reads)
      case .queueLength: return c.meanQueueLength
      case .rejectedRate: return ratio(c.errors.rejected + c.errors.breakerOpen, c.arrivals)
      case .timeoutRate: return ratio(c.errors.timedOut, c.arrivals)
      case .completed: return Double(c.completed)
      }
    }
    switch metric {
    case .latency(let q): return r.latency.count > 0 ? quantile(q, of: r.latency) : nil
    case .meanLatency: return r.latency.count > 0 ? r.latency.mean : nil
    case .errorRate: return ratio(r.errors.total, r.offered)
    case .throughput: return seconds > 0 ? r.throughput : nil
    case .utilisation:
      let servers = r.components.filter { $0.kind == .server }
      let cores = servers.reduce(0) { $0 + $1.cores }
      guard cores > 0 else { return nil }
      return servers.reduce(0.0) { $0 + $1.utilisation * Double($1.cores) } / Double(cores)
    case .hitRate:
      let caches = r.components.filter { $0.kind == .cache }
      return ratio(caches.reduce(0) { $0 + $1.hits }, caches.reduce(0) { $0 + $1.hits + $1.misses })
    case .staleReads:
      let dbs = r.components.filter { $0.kind == .database }
      return ratio(dbs.reduce(0) { $0 + $1.staleReads }, dbs.reduce(0) { $0 + $1.reads })
    case .queueLength:
      let servers = r.components.filter { $0.kind == .server }
      return servers.isEmpty ? nil : servers.reduce(0.0) { $0 + $1.meanQueueLength }
    case .rejectedRate: return ratio(r.errors.rejected + r.errors.breakerOpen, r.offered)
    case .timeoutRate: return ratio(r.errors.timedOut, r.offered)
    case .completed: return Double(r.completed)
    }
  }

  /// A route's metric, as the client saw that route's requests (nil: unknown route, nothing
  /// completed, or a metric that is not the client's: utilisation, hit rate, stale reads,
  /// queue length).
  public static func measure(_ metric: Metric, route name: String, in r: RunResult) -> Double? {
    guard let route = r.route(name) else { return nil }
    let seconds = r.measuredDuration
    switch metric {
    case .latency(let q): return route.latency.count > 0 ? quantile(q, of: route.latency) : nil
    case .meanLatency: return route.latency.count > 0 ? route.latency.mean : nil
    case .errorRate: return ratio(route.errors.total, route.offered)
    case .throughput: return seconds > 0 ? Double(route.completed) / seconds : nil
    case .rejectedRate:
      return ratio(route.errors.rejected + route.errors.breakerOpen, route.offered)
    case .timeoutRate: return ratio(route.errors.timedOut, route.offered)
    case .completed: return Double(route.completed)
    case .utilisation, .hitRate, .staleReads, .queueLength: return nil
    }
  }

  static func ratio(_ a: Int, _ b: Int) -> Double? {
    b > 0 ? Double(a) / Double(b) : nil
  }

  /// A quantile from a summary: exact when the summary holds it (always, for a summary the
  /// engine made for a scenario expecting it), otherwise linear between its nearest points.
  public static func quantile(_ q: Double, of s: LatencySummary) -> Double {
    if let exact = s.exactQuantile(q) { return exact }
    var points: [(Double, Double)] = [
      (0, 0), (0.5, s.p50), (0.9, s.p90), (0.95, s.p95), (0.99, s.p99), (0.999, s.p999), (1, s.max),
    ]
    for extra in s.quantiles { points.append((extra.quantile, extra.value)) }
    points.sort { $0.0 < $1.0 }
    if q >= 1 { return s.max }
    if q <= 0 { return 0 }
    for k in 1..<points.count where q <= points[k].0 {
      let (q0, v0) = points[k - 1]
      let (q1, v1) = points[k]
      if q == q1 { return v1 }
      return v0 + (v1 - v0) * (q - q0) / (q1 - q0)
    }
    return s.max
  }
}
