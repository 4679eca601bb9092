/// Every default the language applies when a script leaves an attribute out, in one place.
/// Each names the source it follows (see docs/semantics.md).
public enum Defaults {
  /// Cores of a server (the seed's WebServer has one implicit worker).
  public static let cores = 1
  /// A web server handles about 1000 requests per second (the seed's `max_requests_per_second`),
  /// so one core's mean service time is 1 ms.
  public static let requestsPerSecondPerCore = 1000.0
  /// Connection limit per core: the seed's `max_connections = cpu_cores * 100`.
  public static let connectionsPerCore = 100
  /// Backends one request is offered to by a balancer with failover, the first pick included:
  /// each at most once, as nginx's `proxy_next_upstream` (whose `proxy_next_upstream_tries`
  /// is unlimited by default: bounded here so that a large pool of failed servers not yet
  /// marked down costs at most this many scans of the pool per request).
  public static let failoverTries = 16

  /// The default connection limit for `cores` cores, saturating instead of overflowing.
  public static func connections(cores: Int) -> Int {
    let (product, overflow) = max(0, cores).multipliedReportingOverflow(by: connectionsPerCore)
    return overflow ? Int.max : product
  }
  /// RAM and storage of a server, from the seed's DatabaseServer (16 GB, 500 GB).
  public static let ramGB = 16.0
  public static let storageGB = 500.0
  /// Balancer weight (nginx and HAProxy default weight 1).
  public static let weight = 1
  /// Health checks: the seed checks every 30 s and calls a server healthy when it answers
  /// within 1 s; HAProxy's `fall 3` and `rise 2`.
  public static let healthInterval = 30.0
  public static let healthTimeout = 1.0
  public static let healthFall = 3
  public static let healthRise = 2
  /// Cache TTL: the seed's `Cache(ttl=300)`.
  public static let cacheTTL = 300.0
  /// Cache hit latency (an in-memory lookup over the network, Redis-like): 0.5 ms.
  public static let cacheHitLatency = 0.0005
  /// Virtual nodes per cache node on a consistent-hash ring (nginx ketama: 160 per weight).
  public static let virtualNodes = 160
  /// Database: 4 cores, 16 GB, 500 GB (the seed's DatabaseServer), 2 ms mean per query per core.
  public static let databaseCores = 4
  public static let databaseServiceTime = 0.002
  /// Replication lag mean when `lag` is not given: 10 ms exponential (asynchronous replication).
  public static let replicationLag = 0.010
  /// Autoscaler: the seed's AutoScaler (min 2, max 10, checked every 30 s, 30..70 %).
  public static let autoscaleMin = 2
  public static let autoscaleMax = 10
  public static let autoscaleInterval = 30.0
  public static let autoscaleLow = 0.30
  public static let autoscaleHigh = 0.70
  /// Kubernetes HPA tolerance for target tracking.
  public static let hpaTolerance = 0.1
  /// resilience4j CircuitBreakerConfig defaults.
  public static let breakerFailureRate = 0.50
  public static let breakerSlowCallRate = 1.0
  public static let breakerSlowCallDuration = 60.0
  public static let breakerWindow = 100
  public static let breakerMinimumCalls = 100
  public static let breakerWaitInOpen = 60.0
  public static let breakerHalfOpenCalls = 10
  /// Retries: AWS SDK standard mode, 3 attempts; Envoy's backoff base 25 ms, cap 250 ms.
  public static let retryAttempts = 3
  public static let retryBase = 0.025
  public static let retryCap = 0.250
  /// Queue workers' mean service time when not given: 10 ms.
  public static let queueServiceTime = 0.010
  /// The run length when a script gives none: 1 minute.
  public static let duration = 60.0
  /// Read share of traffic when not given.
  public static let readFraction = 0.9
  /// Keys when a script gives no key distribution.
  public static let keyCount = 10_000
  /// Seed when the script and the command line give none.
  public static let seed: UInt64 = 1
  /// Largest simulated time and rate a script may ask for (a documented cap, not a hang).
  public static let maxDuration = 366.0 * 24 * 3600
  public static let maxRate = 10_000_000.0
  /// Largest number of simulated requests one run may generate (rate × duration).
  public static let maxRequests = 10_000_000_000.0
}
