/// The unit of a metric's values and bounds: what the checker reads after `expect METRIC OP`
/// and how the text, JSON and JUnit reports write it.
public enum MetricUnit: String, Sendable {
  /// Seconds (latency quantiles and means).
  case seconds = "s"
  /// A share 0…1, shown as a percentage.
  case ratio
  /// Requests per second.
  case requestsPerSecond = "rps"
  /// A time-averaged number of requests.
  case requests
  /// A count.
  case count

  /// The unit of `metric`'s measured values and bounds.
  public init(_ metric: Metric) {
    switch metric {
    case .latency, .meanLatency: self = .seconds
    case .errorRate, .utilisation, .hitRate, .staleReads, .rejectedRate, .timeoutRate:
      self = .ratio
    case .throughput: self = .requestsPerSecond
    case .queueLength: self = .requests
    case .completed: self = .count
    }
  }

  /// `value` for a person: `143.2ms`, `0.52%`, `1.95k rps`, `3.25`, `1,234`.
  public func format(_ value: Double) -> String { format(value, digits: nil) }

  /// `value` with `digits` significant digits (nil: the unit's usual precision).
  public func format(_ value: Double, digits: Int?) -> String {
    switch self {
    case .seconds: return Format.duration(value, digits: digits ?? 4)
    case .ratio:
      guard let digits, value.isFinite, value != 0 else { return Format.percent(value) }
      return Format.significant(value * 100, digits: digits) + "%"
    case .requestsPerSecond: return Format.rate(value, digits: digits ?? 4)
    case .requests: return Format.significant(value, digits: digits ?? 4)
    case .count:
      guard value.isFinite, Swift.abs(value) < 9e15 else { return Format.significant(value) }
      return Format.count(Int(value.rounded()))
    }
  }
}
