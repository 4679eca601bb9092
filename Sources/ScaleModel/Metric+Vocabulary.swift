extension Metric {
  /// The metrics `expect` names, in the order messages, completion and the docs list them:
  /// the one table of metric words (with `name`, `aliases`, `appliesToRoutes` and
  /// `componentKinds`). Latency quantiles besides these five are written `pNN[.N]` (`p75`,
  /// `p99.99`); docs/language.md names every metric and alias (a test checks).
  public static let named: [Metric] = [
    .latency(quantile: 0.5), .latency(quantile: 0.9), .latency(quantile: 0.95),
    .latency(quantile: 0.99), .latency(quantile: 0.999), .latency(quantile: 1), .meanLatency,
    .errorRate, .throughput, .utilisation, .hitRate, .staleReads, .queueLength, .rejectedRate,
    .timeoutRate, .completed,
  ]

  /// Other spellings `expect` accepts for the metric (`utilization`).
  public var aliases: [String] {
    switch self {
    case .utilisation: return ["utilization"]
    case .latency, .meanLatency, .errorRate, .throughput, .hitRate, .staleReads, .queueLength,
      .rejectedRate, .timeoutRate, .completed:
      return []
    }
  }

  /// Whether `expect route NAME METRIC` can measure it on a route's requests (as the client
  /// saw them: latency, errors, throughput, rejections, timeouts, completions).
  public var appliesToRoutes: Bool {
    switch self {
    case .latency, .meanLatency, .errorRate, .throughput, .rejectedRate, .timeoutRate, .completed:
      return true
    case .utilisation, .hitRate, .staleReads, .queueLength:
      return false
    }
  }

  /// Whether `expect POOL METRIC` can measure it on a pool (its members together, and the time
  /// requests spend in it): everything but cache and database figures.
  public var appliesToPools: Bool { componentKinds?.contains(.pool) ?? true }

  /// The kinds of component `expect COMPONENT METRIC` may ask it of (nil: any component).
  public var componentKinds: [ComponentKind]? {
    switch self {
    case .hitRate: return [.cache, .cacheNode]
    case .staleReads: return [.database, .replica]
    case .utilisation, .queueLength:
      return [.server, .pool, .balancer, .database, .shard, .replica, .queue]
    case .latency, .meanLatency, .errorRate, .throughput, .rejectedRate, .timeoutRate, .completed:
      return nil
    }
  }

  /// The metric a word names (`p99`, `p99.9`, `hit-rate`, `utilization`), or nil.
  public init?(named word: String) {
    if let metric = Metric.named.first(where: { $0.name == word || $0.aliases.contains(word) }) {
      self = metric
      return
    }
    // `pNN[.N]`: the quantile from the digits themselves, so p99.9 is exactly 0.999.
    let digits = word.dropFirst()
    let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
    guard word.hasPrefix("p"), parts.count <= 2, let whole = parts.first,
      (1...2).contains(whole.count), parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      digits.allSatisfy({ $0.isNumber || $0 == "." }),
      let quantile = Double(
        "0." + String(repeating: "0", count: 2 - whole.count) + whole
          + (parts.count == 2 ? parts[1] : "")),
      quantile > 0, quantile < 1
    else { return nil }
    self = .latency(quantile: quantile)
  }
}
