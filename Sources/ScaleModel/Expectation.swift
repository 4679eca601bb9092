/// What an `expect` measures.
public enum Metric: Sendable, Equatable, Hashable {
  /// Latency quantile, `q` in (0, 1]: p50 = 0.5, p99.9 = 0.999, max = 1.
  case latency(quantile: Double)
  case meanLatency
  /// Share of requests that failed for any cause.
  case errorRate
  /// Completed requests per second.
  case throughput
  /// Mean busy share of cores.
  case utilisation
  case hitRate
  /// Share of reads that returned stale data.
  case staleReads
  /// Time-averaged requests waiting.
  case queueLength
  /// Share of requests rejected (connection limit, full queue, rate limit, open breaker).
  case rejectedRate
  case timeoutRate
  /// Count of requests that completed.
  case completed

  /// The metric's name as written in scripts.
  public var name: String {
    switch self {
    case .latency(let q):
      if q >= 1 { return "max" }
      return "p" + Metric.percentileLabel(q)
    case .meanLatency: return "mean"
    case .errorRate: return "errors"
    case .throughput: return "throughput"
    case .utilisation: return "utilisation"
    case .hitRate: return "hit-rate"
    case .staleReads: return "stale-reads"
    case .queueLength: return "queue-length"
    case .rejectedRate: return "rejected"
    case .timeoutRate: return "timeouts"
    case .completed: return "completed"
    }
  }

  /// "99.9" for 0.999, "50" for 0.5.
  static func percentileLabel(_ q: Double) -> String {
    let p = q * 100
    var text = String(p)
    if text.hasSuffix(".0") { text.removeLast(2) }
    return text
  }
}

public enum Comparison: String, Sendable, Equatable, Hashable, CaseIterable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="

  public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
    switch self {
    case .less: return lhs < rhs
    case .lessOrEqual: return lhs <= rhs
    case .greater: return lhs > rhs
    case .greaterOrEqual: return lhs >= rhs
    }
  }
}

/// `expect [component] metric op value [with 95% confidence]`.
public struct Expectation: Sendable, Equatable, Hashable {
  /// nil: the whole system (as seen by the client).
  public var component: String?
  /// `expect route checkout p99 < 150ms`: the requests of one route (as the client saw them);
  /// nil: every request. Set only with `component` nil.
  public var route: String?
  public var metric: Metric
  public var comparison: Comparison
  /// In base units: seconds, fractions (0.1% = 0.001), requests per second.
  public var bound: Double
  /// With replications, the confidence level the bound must hold at (e.g. 0.95).
  public var confidence: Double?
  /// The statement as written, for verdicts (`p99 < 200ms`).
  public var text: String
  public var line: Int
  public init(
    component: String? = nil, metric: Metric, comparison: Comparison, bound: Double,
    confidence: Double? = nil, text: String = "", line: Int = 0
  ) {
    self.component = component
    self.metric = metric
    self.comparison = comparison
    self.bound = bound
    self.confidence = confidence
    self.text = text
    self.line = line
  }
}
