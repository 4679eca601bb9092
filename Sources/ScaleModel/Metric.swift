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
