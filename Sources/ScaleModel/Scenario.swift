/// A whole checked script: the topology, the traffic, what happens when, and what must hold.
/// The language front end produces it; the engine runs it; nothing here knows about syntax.
///
/// Request path (fixed order, each tier present only if declared):
/// client → rate limit → balancer → server → (async writes → queue)
///        → cache (reads) → database (primary / replica, shard by key).
public struct Scenario: Sendable, Equatable, Hashable {
  public var seed: UInt64
  /// Simulated seconds to run.
  public var duration: Double
  /// Leading seconds whose requests are left out of the statistics.
  public var warmup: Double
  public var servers: [ServerSpec]
  public var balancers: [BalancerSpec]
  public var caches: [CacheSpec]
  public var databases: [DatabaseSpec]
  public var autoscalers: [AutoscalerSpec]
  public var queues: [QueueSpec]
  public var breakers: [CircuitBreakerSpec]
  public var retry: RetrySpec?
  public var rateLimits: [RateLimitSpec]
  /// Request classes; empty: every request takes the default path (see `Topology`).
  public var routes: [RouteSpec] = []
  /// Per-hop network latency of routes; nil: hops cost nothing.
  public var network: NetworkSpec?
  public var links: [LinkSpec] = []
  /// nil: no traffic (the topology is only checked / shown).
  public var traffic: TrafficSpec?
  /// Sorted by time, ties in script order.
  public var events: [TimedEvent]
  public var expectations: [Expectation]

  public init(
    seed: UInt64 = Defaults.seed, duration: Double = Defaults.duration, warmup: Double = 0,
    servers: [ServerSpec] = [], balancers: [BalancerSpec] = [], caches: [CacheSpec] = [],
    databases: [DatabaseSpec] = [], autoscalers: [AutoscalerSpec] = [],
    queues: [QueueSpec] = [], breakers: [CircuitBreakerSpec] = [], retry: RetrySpec? = nil,
    rateLimits: [RateLimitSpec] = [], traffic: TrafficSpec? = nil, events: [TimedEvent] = [],
    expectations: [Expectation] = []
  ) {
    self.seed = seed
    self.duration = duration
    self.warmup = warmup
    self.servers = servers
    self.balancers = balancers
    self.caches = caches
    self.databases = databases
    self.autoscalers = autoscalers
    self.queues = queues
    self.breakers = breakers
    self.retry = retry
    self.rateLimits = rateLimits
    self.traffic = traffic
    self.events = events
    self.expectations = expectations
  }

  /// Every component name, in declaration order by kind (a pool's name after the servers:
  /// `fail web`, `expect web utilisation …` take it).
  public var componentNames: [String] {
    var pools: [String] = []
    var seen = Set<String>()
    for case let pool? in servers.map(\.pool) where seen.insert(pool).inserted {
      pools.append(pool)
    }
    return servers.map(\.name) + pools + balancers.map(\.name) + caches.map(\.name)
      + databases.map(\.name)
      + queues.map(\.name) + breakers.map(\.name) + rateLimits.map(\.name)
  }
}
