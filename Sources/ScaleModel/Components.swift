/// The Universal Scalability Law's coefficients (Gunther): capacity of N cores is
/// N / (1 + σ(N − 1) + κN(N − 1)) times one core's.
public struct Contention: Sendable, Equatable, Hashable {
  public var sigma: Double
  public var kappa: Double
  public init(sigma: Double, kappa: Double = 0) {
    self.sigma = sigma
    self.kappa = kappa
  }
  /// Relative capacity C(N).
  public func capacity(cores n: Int) -> Double {
    let nn = Double(n)
    return nn / (1 + sigma * (nn - 1) + kappa * nn * (nn - 1))
  }
}

/// A server: `cores` parallel workers sharing one FCFS queue, a service-time distribution
/// per request per core, and a connection limit (requests in service plus waiting) beyond
/// which new requests are rejected. An M/G/c/K station.
public struct ServerSpec: Sendable, Equatable, Hashable {
  public var name: String
  /// The pool it belongs to (`server web count 3` makes web-1…web-3 in pool `web`).
  public var pool: String?
  public var cores: Int
  public var ramGB: Double
  public var storageGB: Double
  /// Time one core spends on one request.
  public var service: Distribution
  /// Requests in service plus waiting; arrivals beyond are rejected.
  public var maxConnections: Int
  /// Weight for weighted balancing.
  public var weight: Int
  /// Optional diminishing returns as cores grow.
  public var contention: Contention?
  /// Availability zone (`zone a`): `fail zone a` fails it; hops between zones cost the
  /// network's cross-zone latency.
  public var zone: String?

  public init(
    name: String, pool: String? = nil, cores: Int = Defaults.cores,
    ramGB: Double = Defaults.ramGB, storageGB: Double = Defaults.storageGB,
    service: Distribution = .exponential(mean: 1 / Defaults.requestsPerSecondPerCore),
    maxConnections: Int? = nil, weight: Int = Defaults.weight, contention: Contention? = nil
  ) {
    self.name = name
    self.pool = pool
    self.cores = cores
    self.ramGB = ramGB
    self.storageGB = storageGB
    self.service = service
    self.maxConnections = maxConnections ?? Defaults.connections(cores: cores)
    self.weight = weight
    self.contention = contention
  }
}

public enum BalancingStrategy: String, Sendable, Equatable, Hashable, CaseIterable {
  case roundRobin = "round-robin"
  case weighted = "weighted"
  case leastConnections = "least-connections"
  case random = "random"
  case powerOfTwo = "p2c"
  case hash = "hash"
}

/// Active health checks with HAProxy's semantics: a server is marked down after `fall`
/// consecutive failed checks and up after `rise` consecutive good ones; a check fails when
/// the server is failed or does not answer within `timeout`.
public struct HealthCheckSpec: Sendable, Equatable, Hashable {
  public var interval: Double
  public var timeout: Double
  public var fall: Int
  public var rise: Int
  public init(
    interval: Double = Defaults.healthInterval, timeout: Double = Defaults.healthTimeout,
    fall: Int = Defaults.healthFall, rise: Int = Defaults.healthRise
  ) {
    self.interval = interval
    self.timeout = timeout
    self.fall = fall
    self.rise = rise
  }
}

public struct Backend: Sendable, Equatable, Hashable {
  public var server: String
  public var weight: Int
  public init(server: String, weight: Int) {
    self.server = server
    self.weight = weight
  }
}

/// A load balancer in front of servers.
public struct BalancerSpec: Sendable, Equatable, Hashable {
  public var name: String
  public var strategy: BalancingStrategy
  /// The servers behind it, with weights. Empty means every server of the scenario.
  public var backends: [Backend]
  public var healthCheck: HealthCheckSpec?
  /// When the chosen server refuses (connection limit), try the least-loaded other one
  /// (the seed's round-robin falls back to least-connections). Default on.
  public var failover: Bool
  public init(
    name: String, strategy: BalancingStrategy = .roundRobin, backends: [Backend] = [],
    healthCheck: HealthCheckSpec? = nil, failover: Bool = true
  ) {
    self.name = name
    self.strategy = strategy
    self.backends = backends
    self.healthCheck = healthCheck
    self.failover = failover
  }
}

public enum KeyHashing: String, Sendable, Equatable, Hashable, CaseIterable {
  /// hash(key) mod N, as the seed's DistributedCache does.
  case modulo
  /// A ring with virtual nodes (Karger et al.; nginx ketama).
  case consistent
  /// Jump consistent hash (Lamping & Veach 2014).
  case jump
}

public enum Eviction: String, Sendable, Equatable, Hashable, CaseIterable {
  case lru
  case lfu
  case random
}

/// A cache in front of the database: reads look up the key; a miss goes to the database and
/// fills the cache; a write invalidates the key. Distributed over `nodes` nodes.
public struct CacheSpec: Sendable, Equatable, Hashable {
  public var name: String
  public var ttl: Double
  public var nodes: Int
  /// Keys per node before eviction; nil = unbounded.
  public var capacity: Int?
  public var hashing: KeyHashing
  public var eviction: Eviction
  public var hitLatency: Distribution
  public var virtualNodes: Int
  /// Availability zone of its nodes (see `ServerSpec.zone`).
  public var zone: String?
  /// Starts with every key present (no cold misses at the start).
  public var warm: Bool = false
  public init(
    name: String, ttl: Double = Defaults.cacheTTL, nodes: Int = 1, capacity: Int? = nil,
    hashing: KeyHashing = .modulo, eviction: Eviction = .lru,
    hitLatency: Distribution = .constant(Defaults.cacheHitLatency),
    virtualNodes: Int = Defaults.virtualNodes
  ) {
    self.name = name
    self.ttl = ttl
    self.nodes = nodes
    self.capacity = capacity
    self.hashing = hashing
    self.eviction = eviction
    self.hitLatency = hitLatency
    self.virtualNodes = virtualNodes
  }
}

public enum ReadConsistency: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Reads go to the primary.
  case strong
  /// Reads go to a replica, which may lag.
  case eventual
}

/// A database: a primary takes writes; `replicas` asynchronous replicas apply them after a
/// lag; reads are strong (primary) or eventual (a replica). With `shards` > 1, keys are
/// spread by hash and each shard has its own primary and replicas.
public struct DatabaseSpec: Sendable, Equatable, Hashable {
  public var name: String
  public var cores: Int
  public var service: Distribution
  public var maxConnections: Int
  public var replicas: Int
  public var lag: Distribution
  public var reads: ReadConsistency
  public var shards: Int
  public var shardHashing: KeyHashing
  /// Share of reads that are scatter-gather over every shard (the seed's `read_all`).
  public var scatterFraction: Double
  /// Availability zone of its stations (see `ServerSpec.zone`).
  public var zone: String?
  public init(
    name: String, cores: Int = Defaults.databaseCores,
    service: Distribution = .exponential(mean: Defaults.databaseServiceTime),
    maxConnections: Int? = nil, replicas: Int = 0,
    lag: Distribution = .exponential(mean: Defaults.replicationLag),
    reads: ReadConsistency = .strong, shards: Int = 1, shardHashing: KeyHashing = .modulo,
    scatterFraction: Double = 0
  ) {
    self.name = name
    self.cores = cores
    self.service = service
    self.maxConnections = maxConnections ?? Defaults.connections(cores: cores)
    self.replicas = replicas
    self.lag = lag
    self.reads = reads
    self.shards = shards
    self.shardHashing = shardHashing
    self.scatterFraction = scatterFraction
  }
}

public enum AutoscaleMode: Sendable, Equatable, Hashable {
  /// The seed's rule: above `high` average utilisation add one server, below `low` remove one.
  case threshold(low: Double, high: Double)
  /// Kubernetes HPA: desired = ceil(current × utilisation / target), within tolerance 0.1.
  case target(utilisation: Double)
}

/// An autoscaler over a pool of servers behind a balancer.
public struct AutoscalerSpec: Sendable, Equatable, Hashable {
  /// The pool (or balancer) it scales; new servers copy the pool's first server.
  public var group: String
  public var mode: AutoscaleMode
  public var minimum: Int
  public var maximum: Int
  public var interval: Double
  public var cooldown: Double
  /// Time a new server takes before it receives traffic.
  public var warmup: Double
  public init(
    group: String,
    mode: AutoscaleMode = .threshold(low: Defaults.autoscaleLow, high: Defaults.autoscaleHigh),
    minimum: Int = Defaults.autoscaleMin, maximum: Int = Defaults.autoscaleMax,
    interval: Double = Defaults.autoscaleInterval, cooldown: Double = 0, warmup: Double = 0
  ) {
    self.group = group
    self.mode = mode
    self.minimum = minimum
    self.maximum = maximum
    self.interval = interval
    self.cooldown = cooldown
    self.warmup = warmup
  }
}

public enum QueueOverflow: String, Sendable, Equatable, Hashable, CaseIterable {
  /// The new message is refused (the producer sees an error).
  case reject
  /// The oldest waiting message is dropped to make room.
  case dropOldest = "drop-oldest"
}

/// A message queue with a pool of workers (asynchronous processing): the web tier hands
/// `async` requests to it and answers at once; workers take messages FIFO.
public struct QueueSpec: Sendable, Equatable, Hashable {
  public var name: String
  public var workers: Int
  public var service: Distribution
  /// Messages waiting before overflow; nil = unbounded.
  public var maxDepth: Int?
  public var overflow: QueueOverflow
  public init(
    name: String, workers: Int = 1,
    service: Distribution = .exponential(mean: Defaults.queueServiceTime),
    maxDepth: Int? = nil, overflow: QueueOverflow = .reject
  ) {
    self.name = name
    self.workers = workers
    self.service = service
    self.maxDepth = maxDepth
    self.overflow = overflow
  }
}

/// A circuit breaker on calls to a component, with resilience4j's count-based semantics
/// and defaults.
public struct CircuitBreakerSpec: Sendable, Equatable, Hashable {
  public var name: String
  public var target: String
  public var failureRateThreshold: Double
  public var slowCallRateThreshold: Double
  public var slowCallDuration: Double
  public var window: Int
  public var minimumCalls: Int
  public var waitInOpen: Double
  public var halfOpenCalls: Int
  public init(
    name: String, target: String, failureRateThreshold: Double = Defaults.breakerFailureRate,
    slowCallRateThreshold: Double = Defaults.breakerSlowCallRate,
    slowCallDuration: Double = Defaults.breakerSlowCallDuration,
    window: Int = Defaults.breakerWindow, minimumCalls: Int = Defaults.breakerMinimumCalls,
    waitInOpen: Double = Defaults.breakerWaitInOpen,
    halfOpenCalls: Int = Defaults.breakerHalfOpenCalls
  ) {
    self.name = name
    self.target = target
    self.failureRateThreshold = failureRateThreshold
    self.slowCallRateThreshold = slowCallRateThreshold
    self.slowCallDuration = slowCallDuration
    self.window = window
    self.minimumCalls = minimumCalls
    self.waitInOpen = waitInOpen
    self.halfOpenCalls = halfOpenCalls
  }
}

public enum Jitter: String, Sendable, Equatable, Hashable, CaseIterable {
  case none
  case full
  case equal
  case decorrelated
}

/// Client retries with exponential backoff (AWS "Exponential Backoff and Jitter").
public struct RetrySpec: Sendable, Equatable, Hashable {
  /// Total attempts including the first.
  public var attempts: Int
  public var base: Double
  public var cap: Double
  public var jitter: Jitter
  /// Share of requests that may be retried (Finagle/Envoy retry budget); nil = no budget.
  public var budget: Double?
  public init(
    attempts: Int = Defaults.retryAttempts, base: Double = Defaults.retryBase,
    cap: Double = Defaults.retryCap, jitter: Jitter = .full, budget: Double? = nil
  ) {
    self.attempts = attempts
    self.base = base
    self.cap = cap
    self.jitter = jitter
    self.budget = budget
  }
}

/// A token-bucket rate limit at the entry: `rate` tokens per second, up to `burst` saved.
public struct RateLimitSpec: Sendable, Equatable, Hashable {
  public var name: String
  public var rate: Double
  public var burst: Int
  public init(name: String, rate: Double, burst: Int? = nil) {
    self.name = name
    self.rate = rate
    self.burst = burst ?? max(1, Int(rate.rounded(.up)))
  }
}
