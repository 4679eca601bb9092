import ScaleModel

/// What a keyword or attribute means, its default and the real system it follows: the one
/// table the language server's hover and the REPL's help read (docs/language.md says the
/// same in prose; defaults come from ``Defaults`` so they cannot drift).
public struct KeywordDoc: Sendable, Equatable {
  /// One line: what the word does.
  public var summary: String
  /// The default when the word (or the attribute) is left out, if it has one.
  public var defaultValue: String?
  /// The real system or source whose behaviour it follows.
  public var follows: String?
  public init(summary: String, defaultValue: String? = nil, follows: String? = nil) {
    self.summary = summary
    self.defaultValue = defaultValue
    self.follows = follows
  }
}

public enum KeywordDocs {
  /// The documentation of a statement keyword, nil for other words.
  public static func statement(_ keyword: String) -> KeywordDoc? {
    StatementKeyword(rawValue: keyword).map(statementDoc)
  }

  /// The documentation of `attribute` in a `keyword` statement: the statement's own entry
  /// first, then one shared by every statement (`service`, `cpu`), else nil.
  public static func attribute(_ attribute: String, of keyword: String) -> KeywordDoc? {
    attributes["\(keyword) \(attribute)"] ?? attributes[attribute]
  }

  /// The documentation of an enumerated value (`least-connections`, `consistent`, `p99`).
  public static func value(_ word: String) -> KeywordDoc? {
    values[word] ?? EventActionKeyword(rawValue: word).flatMap(actionDoc)
  }

  /// How to write `keyword`, from the schema (`server web-1 cpu 4`).
  public static func usage(_ keyword: String) -> String? { StatementSchema.spec(keyword)?.usage }

  /// An example of `attribute` in a `keyword` statement, from the schema (`cpu 4`).
  public static func example(_ attribute: String, of keyword: String) -> String? {
    StatementSchema.spec(keyword)?.attribute(attribute)?.example
  }

  /// A default duration as the docs write it (`30 ms`, `5 s`).
  static func time(_ seconds: Double) -> String { Format.duration(seconds, .secondsOrMilliseconds) }

  static func number(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
  }

  static func percent(_ fraction: Double) -> String { "\(number(fraction * 100))%" }

  /// Every statement's documentation: a switch over every keyword, so a keyword without
  /// docs does not compile.
  static func statementDoc(_ keyword: StatementKeyword) -> KeywordDoc {
    switch keyword {
    case .route:
      return KeywordDoc(
        summary:
          "A request class: its share of the traffic, read/write kind and the steps it calls; "
          + "synchronous calls hold the caller's connection, caches are cache-aside, "
          + "`{ a, b }` fans out and waits for all.",
        defaultValue: "no routes: every request takes the default path",
        follows:
          "thread-per-request servers (Tomcat maxThreads); cache-aside (ElastiCache lazy loading)")
    case .network:
      return KeywordDoc(
        summary: "The latency every hop of a route pays, and between zones.",
        defaultValue: "hops are free", follows: "intra- vs cross-AZ round trips")
    case .link:
      return KeywordDoc(
        summary:
          "The latency of hops from one component or pool to another, instead of the network's.")
    case .seed:
      return KeywordDoc(
        summary: "The seed every random choice follows from: same script and seed, same report.",
        defaultValue: "\(Defaults.seed) (or `--seed N`)")
    case .duration:
      return KeywordDoc(
        summary: "How long to simulate.",
        defaultValue: "traffic's `for`, else \(time(Defaults.duration))")
    case .warmup:
      return KeywordDoc(
        summary: "Leave the first part of the run out of the statistics.", defaultValue: "0 s")
    case .server:
      return KeywordDoc(
        summary:
          "A server (or a pool with `count N`: NAME-1 … NAME-N) serving requests on its cores.",
        defaultValue:
          "cpu \(Defaults.cores), \(number(Defaults.requestsPerSecondPerCore)) rps per core "
          + "(exponential service), max-connections = cpu × \(Defaults.connectionsPerCore), "
          + "weight \(Defaults.weight), ram \(number(Defaults.ramGB))GB, "
          + "storage \(number(Defaults.storageGB))GB",
        follows: "the seed's WebServer; an M/M/c station per server (queueing theory)")
    case .balancer:
      return KeywordDoc(
        summary: "A load balancer spreading requests over servers by a strategy.",
        defaultValue: "named `lb`, `round-robin`, every server behind it, failover on",
        follows: "nginx and HAProxy balancing algorithms; p2c as in Envoy")
    case .healthCheck:
      return KeywordDoc(
        summary: "Active health checks of a balancer's backends.",
        defaultValue:
          "every \(time(Defaults.healthInterval)), timeout \(time(Defaults.healthTimeout)), "
          + "fall \(Defaults.healthFall), rise \(Defaults.healthRise)",
        follows: "HAProxy `check inter … fall … rise …`")
    case .cache:
      return KeywordDoc(
        summary: "A cache in front of the database, possibly spread over nodes.",
        defaultValue:
          "named `cache`, ttl \(time(Defaults.cacheTTL)), 1 node, unbounded, `hashing modulo`, "
          + "`eviction lru`, hit \(time(Defaults.cacheHitLatency))",
        follows: "Redis / memcached clients; consistent hashing as nginx ketama")
    case .database:
      return KeywordDoc(
        summary: "A database with optional replicas and asynchronous replication lag.",
        defaultValue:
          "named `db`, \(Defaults.databaseCores) cores, \(time(Defaults.databaseServiceTime)) "
          + "per query, no replicas, lag \(time(Defaults.replicationLag)), `reads strong`",
        follows: "primary/replica databases (PostgreSQL, MySQL) with asynchronous replication")
    case .shard:
      return KeywordDoc(
        summary: "Split a database into shards by key.",
        defaultValue: "1 shard, `hashing modulo`, no scatter reads",
        follows: "key-hash sharding (Vitess, MongoDB hashed shard keys)")
    case .autoscale:
      return KeywordDoc(
        summary: "Add or remove servers of a pool by utilisation.",
        defaultValue:
          "min \(Defaults.autoscaleMin), max \(Defaults.autoscaleMax), every "
          + "\(time(Defaults.autoscaleInterval)), "
          + "\(number(Defaults.autoscaleLow * 100))..\(number(Defaults.autoscaleHigh * 100)), "
          + "no cooldown, no warm-up",
        follows: "the seed's AutoScaler; `target N%` as the Kubernetes HPA")
    case .queue:
      return KeywordDoc(
        summary: "An asynchronous work queue with workers.",
        defaultValue:
          "named `queue`, 1 worker, \(time(Defaults.queueServiceTime)) exponential, unbounded, "
          + "`when-full reject`",
        follows: "message queues (SQS, RabbitMQ) with a worker pool")
    case .circuitBreaker:
      return KeywordDoc(
        summary: "Stop calling a failing component for a while.",
        defaultValue:
          "failure-rate \(percent(Defaults.breakerFailureRate)), window \(Defaults.breakerWindow), "
          + "min-calls \(Defaults.breakerMinimumCalls), wait \(time(Defaults.breakerWaitInOpen)), "
          + "half-open \(Defaults.breakerHalfOpenCalls)",
        follows: "resilience4j CircuitBreakerConfig")
    case .retry:
      return KeywordDoc(
        summary: "Retry failed requests with backoff and jitter.",
        defaultValue:
          "\(Defaults.retryAttempts) attempts, backoff \(time(Defaults.retryBase))..\(time(Defaults.retryCap)), "
          + "`jitter full`, no budget",
        follows: "AWS SDK standard retries; Envoy's backoff; retry budgets as in Finagle")
    case .rateLimit:
      return KeywordDoc(
        summary: "A token bucket admitting at most a rate of requests.",
        defaultValue: "named `rate-limit`; `burst` one second of its rate",
        follows: "token bucket (nginx `limit_req`, Envoy local rate limit)")
    case .traffic:
      return KeywordDoc(
        summary: "The requests arriving: rate, length, read share, key popularity.",
        defaultValue:
          "Poisson arrivals, read \(percent(Defaults.readFraction)), uniform over "
          + "\(Defaults.keyCount) keys, no timeout",
        follows: "open-loop Poisson arrivals (queueing theory); Zipf key popularity")
    case .at:
      return KeywordDoc(
        summary: "An event at a time: ramp, spike, fail, recover, add, remove, scale-up, set.")
    case .expect:
      return KeywordDoc(
        summary: "A condition the run must meet (exit 1 when it does not).",
        follows: "SLO checks in CI")
    }
  }

  static let attributes: [String: KeywordDoc] = [
    "zone": KeywordDoc(
      summary:
        "Availability zone: `fail zone` fails it; hops to another zone cost the cross-zone latency.",
      defaultValue: "none", follows: "cloud availability zones"),
    "warm": KeywordDoc(
      summary: "Start with the most popular keys present and TTLs spread as in steady state.",
      defaultValue: "starts empty (cold)"),
    "route keys": KeywordDoc(
      summary: "Key popularity of this class.", defaultValue: "the traffic's"),
    "network latency": KeywordDoc(
      summary: "Each hop's latency (a time or a distribution).", defaultValue: "0"),
    "cross-zone": KeywordDoc(
      summary: "A hop's latency when both ends have zones and they differ.",
      defaultValue: "the network's latency"),
    "link latency": KeywordDoc(summary: "The latency of a hop along this link."),
    "cpu": KeywordDoc(
      summary: "Cores: requests served in parallel.", defaultValue: "\(Defaults.cores)"),
    "database cpu": KeywordDoc(
      summary: "Cores of the database.", defaultValue: "\(Defaults.databaseCores)"),
    "ram": KeywordDoc(
      summary: "Memory (reported; vertical scaling).", defaultValue: "\(number(Defaults.ramGB))GB"),
    "storage": KeywordDoc(
      summary: "Disk (reported; vertical scaling).", defaultValue: "\(number(Defaults.storageGB))GB"
    ),
    "count": KeywordDoc(summary: "A pool of N servers named NAME-1 … NAME-N.", defaultValue: "1"),
    "rps": KeywordDoc(
      summary: "Capacity per core in requests per second (sets the mean service time).",
      defaultValue: number(Defaults.requestsPerSecondPerCore)),
    "service": KeywordDoc(
      summary:
        "Service time per request per core: a distribution (`exp 2ms`, `lognormal 5ms sd 2ms`).",
      defaultValue: "exponential, mean \(time(1 / Defaults.requestsPerSecondPerCore))"),
    "database service": KeywordDoc(
      summary: "Service time per query per core.",
      defaultValue: "exponential, mean \(time(Defaults.databaseServiceTime))"),
    "queue service": KeywordDoc(
      summary: "Service time per job per worker.",
      defaultValue: "exponential, mean \(time(Defaults.queueServiceTime))"),
    "contention": KeywordDoc(
      summary: "Universal Scalability Law σ (contention) and κ (coherency).", defaultValue: "none",
      follows: "Gunther's Universal Scalability Law"),
    "max-connections": KeywordDoc(
      summary: "Connections accepted at once; more are refused.",
      defaultValue: "cpu × \(Defaults.connectionsPerCore)"),
    "weight": KeywordDoc(
      summary: "Share of a `weighted` balancer's requests.", defaultValue: "\(Defaults.weight)",
      follows: "nginx smooth weighted round-robin"),
    "to": KeywordDoc(
      summary: "The backends (servers or pools), separated by commas.", defaultValue: "every server"
    ),
    "no-failover": KeywordDoc(summary: "Do not retry a refused request on another backend."),
    "pool": KeywordDoc(
      summary: "The pool a server added during the run joins (`add server web-4 pool web`).",
      defaultValue: "the one pool every server of its balancer belongs to, if any"),
    "every": KeywordDoc(summary: "How often it runs.", defaultValue: time(Defaults.healthInterval)),
    "autoscale every": KeywordDoc(
      summary: "How often the autoscaler decides.", defaultValue: time(Defaults.autoscaleInterval)),
    "timeout": KeywordDoc(summary: "How long to wait for an answer."),
    "health-check timeout": KeywordDoc(
      summary: "A check slower than this fails.", defaultValue: time(Defaults.healthTimeout)),
    "fall": KeywordDoc(
      summary: "Failed checks in a row that mark a server down.",
      defaultValue: "\(Defaults.healthFall)", follows: "HAProxy `fall`"),
    "rise": KeywordDoc(
      summary: "Good checks in a row that mark a server up.",
      defaultValue: "\(Defaults.healthRise)", follows: "HAProxy `rise`"),
    "ttl": KeywordDoc(
      summary: "How long an entry stays cached.", defaultValue: time(Defaults.cacheTTL)),
    "nodes": KeywordDoc(summary: "Cache nodes the keys are spread over.", defaultValue: "1"),
    "capacity": KeywordDoc(summary: "Entries per node before eviction.", defaultValue: "unbounded"),
    "hashing": KeywordDoc(
      summary: "How keys map to nodes or shards: `modulo`, `consistent`, `jump`.",
      defaultValue: "modulo"),
    "eviction": KeywordDoc(
      summary: "Which entry a full cache drops: `lru`, `lfu`, `random`.", defaultValue: "lru",
      follows: "Redis maxmemory policies"),
    "hit": KeywordDoc(
      summary: "Latency of a cache hit.", defaultValue: time(Defaults.cacheHitLatency)),
    "vnodes": KeywordDoc(
      summary: "Virtual nodes per cache node on the ring.",
      defaultValue: "\(Defaults.virtualNodes)", follows: "nginx ketama"),
    "replicas": KeywordDoc(summary: "Read replicas of each shard.", defaultValue: "0"),
    "lag": KeywordDoc(
      summary: "Replication lag: a distribution.",
      defaultValue: "exponential, mean \(time(Defaults.replicationLag))"),
    "reads": KeywordDoc(
      summary: "`strong` reads go to the primary, `eventual` ones to replicas (may be stale).",
      defaultValue: "strong"),
    "scatter": KeywordDoc(
      summary: "Share of reads sent to every shard (the slowest answers last).", defaultValue: "0%"),
    "target": KeywordDoc(
      summary: "Target utilisation (instead of LOW..HIGH).",
      follows: "Kubernetes HPA target tracking"),
    "min": KeywordDoc(summary: "Fewest servers.", defaultValue: "\(Defaults.autoscaleMin)"),
    "max": KeywordDoc(summary: "Most servers.", defaultValue: "\(Defaults.autoscaleMax)"),
    "cooldown": KeywordDoc(summary: "Quiet time after a scaling action.", defaultValue: "0 s"),
    "warmup": KeywordDoc(summary: "Time before a new server takes traffic.", defaultValue: "0 s"),
    "workers": KeywordDoc(summary: "Jobs processed at once.", defaultValue: "1"),
    "max-depth": KeywordDoc(
      summary: "Jobs waiting before the queue is full.", defaultValue: "unbounded"),
    "when-full": KeywordDoc(
      summary: "What a full queue does: `reject` the new job or `drop-oldest`.",
      defaultValue: "reject"),
    "on": KeywordDoc(summary: "The component the breaker guards."),
    "failure-rate": KeywordDoc(
      summary: "Failure share that opens the breaker.",
      defaultValue: percent(Defaults.breakerFailureRate),
      follows: "resilience4j `failureRateThreshold`"),
    "slow-call-rate": KeywordDoc(
      summary: "Slow-call share that opens the breaker.",
      defaultValue: percent(Defaults.breakerSlowCallRate),
      follows: "resilience4j `slowCallRateThreshold`"),
    "slow-call": KeywordDoc(
      summary: "A call slower than this is slow.",
      defaultValue: time(Defaults.breakerSlowCallDuration),
      follows: "resilience4j `slowCallDurationThreshold`"),
    "window": KeywordDoc(
      summary: "Calls in the sliding window.", defaultValue: "\(Defaults.breakerWindow)",
      follows: "resilience4j `slidingWindowSize`"),
    "min-calls": KeywordDoc(
      summary: "Calls before the rates count.", defaultValue: "\(Defaults.breakerMinimumCalls)",
      follows: "resilience4j `minimumNumberOfCalls`"),
    "wait": KeywordDoc(
      summary: "Time open before trying half-open.", defaultValue: time(Defaults.breakerWaitInOpen),
      follows: "resilience4j `waitDurationInOpenState`"),
    "half-open": KeywordDoc(
      summary: "Trial calls when half-open.", defaultValue: "\(Defaults.breakerHalfOpenCalls)",
      follows: "resilience4j `permittedNumberOfCallsInHalfOpenState`"),
    "attempts": KeywordDoc(
      summary: "Tries in all, the first included.", defaultValue: "\(Defaults.retryAttempts)",
      follows: "AWS SDK standard mode"),
    "backoff": KeywordDoc(
      summary: "Base..cap of the exponential backoff.",
      defaultValue: "\(time(Defaults.retryBase))..\(time(Defaults.retryCap))",
      follows: "Envoy retry backoff"),
    "jitter": KeywordDoc(
      summary: "Randomisation of the backoff: `none`, `full`, `equal`, `decorrelated`.",
      defaultValue: "full", follows: "AWS Architecture Blog, \"Exponential Backoff and Jitter\""),
    "budget": KeywordDoc(
      summary: "Retries at most this share of requests.", defaultValue: "none",
      follows: "Finagle / Envoy retry budgets"),
    "burst": KeywordDoc(
      summary: "Bucket size: requests admitted at once.", defaultValue: "one second of the rate",
      follows: "token bucket"),
    "for": KeywordDoc(summary: "How long the traffic lasts."),
    "read": KeywordDoc(
      summary: "Share of requests that are reads.", defaultValue: percent(Defaults.readFraction)),
    "keys": KeywordDoc(
      summary: "Key popularity: `zipf S over N`, `uniform over N`.",
      defaultValue: "uniform over \(Defaults.keyCount)"),
    "arrivals": KeywordDoc(summary: "Arrival process.", defaultValue: "poisson"),
    "async": KeywordDoc(summary: "Share of writes handed to the queue.", defaultValue: "0%"),
    "daily": KeywordDoc(summary: "A range of rates makes a daily cycle (lowest at t = 0)."),
    "period": KeywordDoc(summary: "Length of the traffic cycle.", defaultValue: "24 h"),
    "downtime": KeywordDoc(
      summary: "Time the component is down while it is resized.", defaultValue: "0 s"),
  ]

  static let values: [String: KeywordDoc] = [
    "round-robin": KeywordDoc(summary: "Each backend in turn.", follows: "nginx default"),
    "weighted": KeywordDoc(
      summary: "In proportion to weights.", follows: "nginx smooth weighted round-robin"),
    "least-connections": KeywordDoc(
      summary: "The backend with the fewest open requests (per weight).",
      follows: "nginx `least_conn`, HAProxy `leastconn`"),
    "random": KeywordDoc(summary: "A backend at random."),
    "p2c": KeywordDoc(
      summary: "The less loaded of two random backends.",
      follows: "Envoy LEAST_REQUEST (power of two choices)"),
    "hash": KeywordDoc(summary: "By the request's key.", follows: "nginx `hash`"),
    "modulo": KeywordDoc(summary: "key mod N (moves most keys when N changes)."),
    "consistent": KeywordDoc(summary: "A hash ring with virtual nodes.", follows: "nginx ketama"),
    "jump": KeywordDoc(summary: "Jump consistent hash.", follows: "Lamping & Veach, Google"),
    "strong": KeywordDoc(summary: "Reads go to the primary."),
    "eventual": KeywordDoc(
      summary: "Reads go to replicas and may be stale by the replication lag."),
  ]

  /// Every event action's documentation (`at TIME ACTION …`, or typed alone in the REPL's
  /// step mode): a switch over every action, so an action without docs does not compile.
  static func actionDoc(_ action: EventActionKeyword) -> KeywordDoc? {
    switch action {
    case .traffic:
      return nil  // the `traffic` statement's docs tell it
    case .ramp:
      return KeywordDoc(summary: "Change the traffic rate linearly `to N rps over DURATION`.")
    case .spike:
      return KeywordDoc(summary: "Raise the traffic `to N rps for DURATION`, then return.")
    case .fail:
      return KeywordDoc(
        summary: "Fail a server, database or station (`for DURATION`, else until `recover`).")
    case .recover:
      return KeywordDoc(summary: "Bring a failed component back.")
    case .add:
      return KeywordDoc(summary: "Add a server (`add server NAME … to BALANCER`).")
    case .remove:
      return KeywordDoc(summary: "Remove a server from the topology.")
    case .scaleUp:
      return KeywordDoc(
        summary: "Resize a server or database (`cpu`, `ram`, `storage`, `downtime`).")
    case .set:
      return KeywordDoc(
        summary: "Change a cache's `nodes` or a backend's `weight` behind a balancer.",
        follows: "nginx weight changes keep the smooth round-robin state")
    }
  }
}
