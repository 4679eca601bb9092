/// Whether a request reads or writes (a route may fix it; otherwise the traffic's read share
/// decides per request).
public enum RequestKind: String, Sendable, Equatable, Hashable, CaseIterable {
  case read
  case write
}

/// One step of a route: a call to one component, or calls to several in parallel that the
/// request waits for all of (fan-out, the seed's `read_all`).
public struct RouteStep: Sendable, Equatable, Hashable {
  /// Component names: a balancer (the request goes on to the member server it picks), a
  /// server or pool (round-robin over the pool when no balancer stands in front), a cache, a
  /// database, or a queue (last step only: the client is answered when the message is queued).
  public var components: [String]
  /// 1-based line and column of the step in its script (0 when built in code), for reports.
  public var line: Int
  public init(_ components: [String], line: Int = 0) {
    self.components = components
    self.line = line
  }
  public var isParallel: Bool { components.count > 1 }
}

/// A request class: `route checkout 25% write: lb -> web -> sessions -> orders-lb -> orders`.
/// A share of the traffic's requests follows the steps in order. Synchronous calls hold the
/// caller's connection (its `max-connections` slot) until the callee answers; a cache step is
/// cache-aside (a read hit answers and skips the database step right after it; a miss goes on
/// and fills the cache when that database answers; a write invalidates the key and goes on).
public struct RouteSpec: Sendable, Equatable, Hashable {
  public var name: String
  /// Share of the traffic's requests, 0…1; the shares of a scenario's routes add up to 1.
  public var share: Double
  /// nil: each request reads with the traffic's read probability.
  public var kind: RequestKind?
  /// Key popularity of this class; nil: the traffic's.
  public var keys: KeyPopularity?
  public var steps: [RouteStep]
  public var line: Int
  public init(
    name: String, share: Double = 1, kind: RequestKind? = nil, keys: KeyPopularity? = nil,
    steps: [RouteStep], line: Int = 0
  ) {
    self.name = name
    self.share = share
    self.kind = kind
    self.keys = keys
    self.steps = steps
    self.line = line
  }
}

/// Network latency between components, as a distribution per hop: `network latency 0.2ms
/// cross-zone 2ms`. A hop is one call along a route (client → first component, and each
/// step to the next); a link overrides the default for one pair.
public struct NetworkSpec: Sendable, Equatable, Hashable {
  /// Every hop's latency unless a link says otherwise; nil: hops cost nothing.
  public var latency: Distribution?
  /// Added instead of `latency` when both ends have zones and they differ.
  public var crossZone: Distribution?
  public init(latency: Distribution? = nil, crossZone: Distribution? = nil) {
    self.latency = latency
    self.crossZone = crossZone
  }
}

/// `link web -> orders-lb latency lognormal 1ms sd 0.3ms`: the latency of hops from one
/// component (or pool) to another, in place of the network's default.
public struct LinkSpec: Sendable, Equatable, Hashable {
  public var from: String
  public var to: String
  public var latency: Distribution
  public init(from: String, to: String, latency: Distribution) {
    self.from = from
    self.to = to
    self.latency = latency
  }
}

/// Figures for one route (request class) over the measured part of the run.
public struct RouteStats: Sendable, Equatable, Hashable, Codable {
  public var name: String
  /// Requests of this class offered by the client after warm-up.
  public var offered: Int = 0
  public var completed: Int = 0
  public var errors: ErrorCounts = ErrorCounts()
  /// End-to-end latency as the client saw it.
  public var latency: LatencySummary = LatencySummary()
  public init(name: String) {
    self.name = name
  }
  public var errorRate: Double { offered == 0 ? 0 : Double(errors.total) / Double(offered) }
}
