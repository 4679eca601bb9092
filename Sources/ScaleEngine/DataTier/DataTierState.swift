import ScaleModel

/// A database station (a primary, a replica, or a shard's primary): an M/G/c/K queue like a
/// server (the core's `ServerState` holds its cores, queue, service sampler and time
/// integrals), plus the requests in service, so a failure can fail exactly those.
struct DataStation {
  var name: String
  var kind: ComponentKind
  var state: ServerState
  var inService: [Int32] = []
  var warmupAreas = StationAreas()
  var warmupCounters = StationCounters()
  var intervalAreas = StationAreas()
  var reads = 0
  var writes = 0
  var warmupReads = 0
  var warmupWrites = 0

  init(name: String, kind: ComponentKind, spec: DatabaseSpec, seed: UInt64, now: Double) {
    self.name = name
    self.kind = kind
    let server = ServerSpec(
      name: name, cores: Swift.max(1, spec.cores), service: spec.service,
      maxConnections: spec.maxConnections)
    state = ServerState(spec: server, seed: seed, now: now)
  }
}

/// One database of the scenario: `shards` groups of a primary and `replicas` replicas.
/// Station `s × (replicas + 1)` is shard s's primary; its replicas follow.
struct DatabaseState {
  var spec: DatabaseSpec
  var shards: ShardRouter
  var stations: [DataStation] = []
  var replication: [ReplicaSet] = []
  var lag: DistributionSampler
  var rng: RandomStream
  var replicas: Int

  /// Caps on the stations simulated (each holds a full latency histogram, ~0.3 MB): at most
  /// 64 shards and 512 stations in all (shards × (replicas + 1)); larger requests are clamped
  /// and narrated.
  static let maxShards = StationNames.maxShards
  static let maxStations = StationNames.maxStations

  /// Whether the scenario asked for more shards or replicas than are simulated.
  var capped: Bool {
    shards.shardCount != Swift.max(1, spec.shards) || replicas != Swift.max(0, spec.replicas)
  }

  init(spec: DatabaseSpec, seed: UInt64, now: Double) {
    self.spec = spec
    let n = StationNames.shardCount(spec)
    shards = ShardRouter(shards: n, hashing: spec.shardHashing)
    replicas = StationNames.replicaCount(spec)
    lag = DistributionSampler(spec.lag)
    rng = RandomStream(seed: seed, purpose: "database:" + spec.name)
    // Names and order come from StationNames (the checker resolves script names with it).
    for station in StationNames.stations(of: spec) {
      stations.append(
        DataStation(name: station.name, kind: station.kind, spec: spec, seed: seed, now: now))
    }
    replication = (0..<n).map { _ in ReplicaSet(replicas: replicas) }
  }

  func primary(ofShard s: Int) -> Int { s * (replicas + 1) }
  func replica(_ r: Int, ofShard s: Int) -> Int { s * (replicas + 1) + 1 + r }
  func shard(ofStation i: Int) -> Int { i / (replicas + 1) }
  /// nil for a primary.
  func replicaIndex(ofStation i: Int) -> Int? {
    let r = i % (replicas + 1)
    return r == 0 ? nil : r - 1
  }
}

/// Where a breaker sits on the request path.
enum BreakerPlace: Equatable {
  /// Around the balancer and server stage (target: a server, pool or balancer).
  case servers
  /// Around the database stage.
  case database
  /// Its target is not on the request path.
  case none
}

/// An autoscaler and its group.
struct AutoscalerState {
  var policy: AutoscalerPolicy
  /// The pool name new servers take (`<pool>-<n>`).
  var pool: String
  /// The balancer new servers join (nil: the entry balancer).
  var balancer: String?
  /// Servers of the group (indices into `servers`), oldest first.
  var members: [Int]
  /// Servers added but still warming up: (name, ready time).
  var warming: [(name: String, readyAt: Double)] = []
  /// Busy and core areas at the last check, per member server index.
  var lastAreas: [Int: StationAreas] = [:]
  var nextNumber: Int
  var template: ServerSpec
}

/// A queue and its workers.
struct QueueState {
  var queue: WorkQueue
  var service: DistributionSampler
  var rng: RandomStream
  var name: String
  /// The job each worker is serving (nil: idle).
  var running: [QueuedJob?]
  var nextID = 0
  /// The queue's areas at the start of the current interval (shifted at the warm-up's end,
  /// when the queue's own areas restart from zero).
  var intervalDepthArea = 0.0
  var intervalBusyArea = 0.0
}

/// Counters at the start of the current interval, for the time series (shifted at the
/// warm-up's end, when the counters they difference restart from zero).
struct IntervalBase {
  /// Per cache: hits and lookups.
  var cacheHits: [Int] = []
  var cacheLookups: [Int] = []
  /// Per database: stale reads and reads (every station).
  var staleReads: [Int] = []
  var reads: [Int] = []
}

/// Per request slot: what the data tier needs to remember about one request.
struct TierSlot {
  var generation: UInt32 = 0
  /// The breaker (index) that admitted it around the servers, −1 if none; when.
  var serverBreaker: Int32 = -1
  var serverBreakerStart: Double = 0
  /// Database calls in flight, in `DataTierState.calls` from `slot × callStride` (see
  /// `DatabaseCall`): how many records of this request are in use.
  var calls: Int16 = 0
  /// The cache the request missed (fill it when the database answers), −1 if none.
  var missCache: Int32 = -1
  /// The database it is at (its stations), −1 before any.
  var database: Int32 = -1
  /// A write (database stage).
  var isWrite = false
  /// A fan-out step's branches (the request goes on once all have answered), and why the
  /// step fails when one of them failed (the first failure's cause).
  var gather: ScatterGather?
  var gatherCause: ErrorCause = .unavailable
  /// The previous backoff delay (decorrelated jitter), 0 before the first retry.
  var backoffPrevious: Double = 0
}

/// Every piece of data-tier and resilience state of a run (h4), held as
/// `SimulationCore.dataTier`. The request-path hooks in
/// `Simulation+DataTier.swift` work on it.
struct DataTierState {
  var caches: [CacheCluster] = []
  var cacheHitLatency: [DistributionSampler] = []
  var cacheRng = RandomStream(seed: 0)
  var databases: [DatabaseState] = []
  var queues: [QueueState] = []
  /// The queue, cache and database on the request path (indices into the arrays above, from
  /// `Scenario.topology`); −1 where the path has none.
  var pathQueue = -1
  var pathCache = -1
  var pathDatabase = -1
  var breakers: [CircuitBreaker] = []
  var breakerPlaces: [BreakerPlace] = []
  var serverBreaker = -1
  /// Calls asked of each breaker (permitted or not), and both counts at the warm-up's end.
  var breakerCalls: [Int] = []
  var breakerWarmup: [(calls: Int, refused: Int)] = []
  /// Seconds each breaker spent not closed (open or half-open), since when it is not closed
  /// (nil: closed), and the seconds at the warm-up's end.
  var breakerOpenTime: [Double] = []
  var breakerOpenSince: [Double?] = []
  var breakerWarmupOpenTime: [Double] = []
  /// Per database: the breaker that guards calls to it, −1 if none.
  var breakerOfDatabase: [Int] = []
  var limits: [TokenBucket] = []
  var limitNames: [String] = []
  var retry: RetrySpec?
  var budget: RetryBudget?
  var retryRng = RandomStream(seed: 0)
  var asyncRng = RandomStream(seed: 0)
  var asyncFraction = 0.0
  var autoscalers: [AutoscalerState] = []
  var slots: [TierSlot] = []
  /// Database calls in flight (`DatabaseCall`), `callStride` records per request slot.
  var calls: [DatabaseCall] = []
  var callStride = 1
  var intervalBase = IntervalBase()
  /// Client attempts beyond the first (retries), for the narration of retry storms.
  var retries = 0
  var retriesRefusedByBudget = 0
  var active = false
  /// Timed database failures: which stations, at which epochs, and how to narrate the end.
  var outages: [Outage] = []

  struct Outage {
    var name: String
    var database: Int
    var stations: [Int]
    var epochs: [UInt32]
    var recovery: RunEvent.Account
  }

  /// Events the data tier schedules carry one of these in `c` (low 4 bits).
  enum Tag: Int32 {
    /// A cache hit's latency elapsed (`a` slot, `b` generation).
    case cacheHit = 1
    /// A database station finished a request (`a` slot, `b` generation; station and epoch in
    /// `c`).
    case stationDone = 2
    /// A queue worker finished (`a` queue, `b` worker).
    case queueDone = 3
    /// An autoscaler check (`a` autoscaler).
    case autoscale = 4
    /// A scaled-out server's warm-up ended (`a` autoscaler).
    case warmedUp = 5
    /// A database outage's time is up (`a` indexes `outages`).
    case stationRecover = 6
    /// A routed request's hop latency or cache hit elapsed (`a` slot, `b` generation).
    case routeResume = 7
    /// A cache branch of a fan-out answered (`a` slot, `b` generation).
    case branchDone = 8
    /// A fan-out branch's hop latency elapsed: the branch calls its component (`a` slot,
    /// `b` generation, the branch in `c >> 4`).
    case branchStart = 9
    /// A timed zone outage is over (`a` zone, `b` its epoch; `ZoneOutages`).
    case zoneEnd = 10
  }
}
