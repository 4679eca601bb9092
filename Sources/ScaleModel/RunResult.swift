/// Latency summary of a set of requests, in seconds.
public struct LatencySummary: Sendable, Equatable, Hashable, Codable {
  public var count: Int
  public var mean: Double
  public var p50: Double
  public var p90: Double
  public var p95: Double
  public var p99: Double
  public var p999: Double
  public var max: Double
  /// Further quantiles read from the same histogram, ascending by `quantile`: those the
  /// scenario's `expect` statements ask for beyond the five above (`expect p75 < 20ms`), so a
  /// verdict never interpolates between stored points.
  public var quantiles: [LatencyQuantile]
  public init(
    count: Int = 0, mean: Double = 0, p50: Double = 0, p90: Double = 0, p95: Double = 0,
    p99: Double = 0, p999: Double = 0, max: Double = 0, quantiles: [LatencyQuantile] = []
  ) {
    self.count = count
    self.mean = mean
    self.p50 = p50
    self.p90 = p90
    self.p95 = p95
    self.p99 = p99
    self.p999 = p999
    self.max = max
    self.quantiles = quantiles
  }

  /// The quantiles every summary carries, in the order of `p50 … p999`.
  public static let standardQuantiles: [Double] = [0.5, 0.9, 0.95, 0.99, 0.999]

  /// The value at quantile `q` when this summary holds it exactly (one of the five, `max`
  /// for q ≥ 1, or one of `quantiles`), else nil.
  public func exactQuantile(_ q: Double) -> Double? {
    if q >= 1 { return max }
    switch q {
    case 0.5: return p50
    case 0.9: return p90
    case 0.95: return p95
    case 0.99: return p99
    case 0.999: return p999
    default: return quantiles.first { $0.quantile == q }?.value
    }
  }
}

/// One latency quantile read from a histogram: `quantile` in (0, 1), `value` in seconds.
public struct LatencyQuantile: Sendable, Equatable, Hashable, Codable {
  public var quantile: Double
  public var value: Double
  public init(quantile: Double, value: Double) {
    self.quantile = quantile
    self.value = value
  }
}

/// Requests that did not complete, by cause.
public struct ErrorCounts: Sendable, Equatable, Hashable, Codable {
  /// Refused at a connection limit, a full queue or a rate limit.
  public var rejected: Int = 0
  /// The client's timeout expired first.
  public var timedOut: Int = 0
  /// The balancer had no healthy server, or the target had failed.
  public var unavailable: Int = 0
  /// Refused by an open circuit breaker.
  public var breakerOpen: Int = 0
  public init(rejected: Int = 0, timedOut: Int = 0, unavailable: Int = 0, breakerOpen: Int = 0) {
    self.rejected = rejected
    self.timedOut = timedOut
    self.unavailable = unavailable
    self.breakerOpen = breakerOpen
  }
  public var total: Int { rejected + timedOut + unavailable + breakerOpen }
}

public enum ComponentKind: String, Sendable, Equatable, Hashable, Codable {
  case server, balancer, cache, cacheNode = "cache-node", database, replica, shard, queue
  case breaker, rateLimit = "rate-limit", autoscaler
  /// A pool of servers (`server web count 3`): its members together, and the time requests
  /// spend in it.
  case pool
}

/// Figures for one component over the measured part of the run.
public struct ComponentStats: Sendable, Equatable, Hashable, Codable {
  public var name: String
  public var kind: ComponentKind
  /// Requests that arrived at it.
  public var arrivals: Int = 0
  public var completed: Int = 0
  public var errors: ErrorCounts = ErrorCounts()
  /// Busy core-seconds over provisioned core-seconds in the measured window, 0…1 (cores
  /// count only while the component exists: how busy it was while it was there).
  public var utilisation: Double = 0
  /// Time-averaged number waiting (not in service) over the whole measured window (zero
  /// while the component did not exist).
  public var meanQueueLength: Double = 0
  public var maxQueueLength: Int = 0
  /// Time-averaged number present (waiting plus in service) over the whole measured window,
  /// zero while the component did not exist: L = λW with λ = completed / measured window.
  public var meanInSystem: Double = 0
  /// Time spent here (wait plus service), for requests that completed here.
  public var latency: LatencySummary = LatencySummary()
  /// Caches: hits / lookups; databases: share of reads that were stale.
  public var hits: Int = 0
  public var misses: Int = 0
  public var evictions: Int = 0
  public var staleReads: Int = 0
  public var reads: Int = 0
  public var writes: Int = 0
  /// Seconds this component was marked down or failed.
  public var downTime: Double = 0
  /// Whether it is up at the end of the run.
  public var healthy: Bool = true
  public var cores: Int = 0
  public init(name: String, kind: ComponentKind) {
    self.name = name
    self.kind = kind
  }
  public var hitRate: Double {
    let lookups = hits + misses
    return lookups == 0 ? 0 : Double(hits) / Double(lookups)
  }
}

/// One interval of the time series.
public struct IntervalStats: Sendable, Equatable, Hashable, Codable {
  public var start: Double
  public var end: Double
  public var offered: Int = 0
  public var completed: Int = 0
  public var errors: Int = 0
  /// Requests in flight at the end of the interval (warm-up ones included, like the counts).
  public var inFlight: Int = 0
  public var latency: LatencySummary = LatencySummary()
  /// Per station (server, balancer's or declared pool, database station, message queue):
  /// utilisation and mean number waiting over the interval.
  public var utilisation: [String: Double] = [:]
  public var queueLength: [String: Double] = [:]
  /// Servers in service at the end of the interval (autoscaling).
  public var servers: Int = 0
  /// Per balancer (pool): its servers in service at the end of the interval.
  public var poolServers: [String: Int] = [:]
  /// `errors` by cause.
  public var errorCauses: ErrorCounts = ErrorCounts()
  /// Per cache: hits / lookups in the interval (0 with no lookups, as `ComponentStats`).
  public var hitRate: [String: Double] = [:]
  /// Per database with replicas: share of its reads in the interval that were stale (0 with
  /// no reads).
  public var staleReads: [String: Double] = [:]
  /// Per pool (`server web count 3`): its answers, errors and time in it (its utilisation and
  /// queue are in `utilisation` and `queueLength`); empty when the script has no pool.
  public var pools: [String: PoolInterval] = [:]
  public init(start: Double, end: Double) {
    self.start = start
    self.end = end
  }
}

/// What one `expect` found.
public struct Verdict: Sendable, Equatable, Hashable {
  public enum Outcome: String, Sendable, Equatable, Hashable, Codable {
    case pass, fail
    /// With replications: the confidence interval straddles the bound.
    case inconclusive
  }
  public var expectation: Expectation
  public var outcome: Outcome
  /// The measured value in base units (nil when there was nothing to measure).
  public var measured: Double?
  /// With replications, the confidence interval.
  public var interval: ClosedRange<Double>?
  public init(
    expectation: Expectation, outcome: Outcome, measured: Double?,
    interval: ClosedRange<Double>? = nil
  ) {
    self.expectation = expectation
    self.outcome = outcome
    self.measured = measured
    self.interval = interval
  }
}

/// Everything a run found. Reports render it; nothing here is printed by the engine.
public struct RunResult: Sendable, Equatable {
  public var seed: UInt64
  /// Simulated seconds covered (less than asked if the run was interrupted).
  public var duration: Double
  public var warmup: Double
  public var interrupted: Bool
  /// Requests offered by the client after warm-up.
  public var offered: Int
  public var completed: Int
  public var errors: ErrorCounts
  /// Offered requests still in flight when the run ended (neither completed nor failed:
  /// queued, in service, waiting to retry), so offered = completed + errors + inFlight.
  public var inFlight: Int
  /// End-to-end latency as the client saw it (completed requests).
  public var latency: LatencySummary
  /// Per component, in a stable order (declaration order).
  public var components: [ComponentStats]
  /// Per route (request class), in declaration order; empty when the script has none.
  public var routes: [RouteStats] = []
  public var intervals: [IntervalStats]
  public var events: [RunEvent]
  public var verdicts: [Verdict]
  /// Simulation effort, for benchmarks: events processed.
  public var eventsProcessed: Int
  public init(
    seed: UInt64, duration: Double, warmup: Double = 0, interrupted: Bool = false,
    offered: Int = 0, completed: Int = 0, errors: ErrorCounts = ErrorCounts(), inFlight: Int = 0,
    latency: LatencySummary = LatencySummary(), components: [ComponentStats] = [],
    intervals: [IntervalStats] = [], events: [RunEvent] = [], verdicts: [Verdict] = [],
    eventsProcessed: Int = 0
  ) {
    self.seed = seed
    self.duration = duration
    self.warmup = warmup
    self.interrupted = interrupted
    self.offered = offered
    self.completed = completed
    self.errors = errors
    self.inFlight = inFlight
    self.latency = latency
    self.components = components
    self.intervals = intervals
    self.events = events
    self.verdicts = verdicts
    self.eventsProcessed = eventsProcessed
  }

  /// Measured seconds (after warm-up).
  public var measuredDuration: Double { Swift.max(0, duration - warmup) }
  public var throughput: Double {
    measuredDuration > 0 ? Double(completed) / measuredDuration : 0
  }
  public var errorRate: Double { offered == 0 ? 0 : Double(errors.total) / Double(offered) }
  /// Share of offered requests still in flight at the end (not yet a success or an error).
  public var inFlightRate: Double { offered == 0 ? 0 : Double(inFlight) / Double(offered) }
  public func component(_ name: String) -> ComponentStats? {
    components.first { $0.name == name }
  }
  public func route(_ name: String) -> RouteStats? {
    routes.first { $0.name == name }
  }
}
