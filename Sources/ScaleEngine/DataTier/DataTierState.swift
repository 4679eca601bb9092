import ScaleModel

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
}

/// Per request slot: what the data tier needs to remember about one request.
struct TierSlot {
  var generation: UInt32 = 0
  /// The breaker (index) that admitted it around the servers, −1 if none; when.
  var serverBreaker: Int32 = -1
  var serverBreakerStart: Double = 0
  var databaseBreaker: Int32 = -1
  var databaseBreakerStart: Double = 0
  /// The cache the request missed (fill it when the database answers), −1 if none.
  var missCache: Int32 = -1
  /// The database it is at (its stations), −1 before any.
  var database: Int32 = -1
  /// A write (database stage).
  var isWrite = false
  var gather: ScatterGather?
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
  var intervalBase = IntervalBase()
  /// Client attempts beyond the first (retries), for the narration of retry storms.
  var retries = 0
  var retriesRefusedByBudget = 0
  var active = false

  /// Events the data tier schedules carry one of these in `c` (low 4 bits).
  enum Tag: Int32 {
    /// A cache hit's latency elapsed (`a` slot, `b` generation).
    case cacheHit = 1
    /// A queue worker finished (`a` queue, `b` worker).
    case queueDone = 3
    /// An autoscaler check (`a` autoscaler).
    case autoscale = 4
    /// A scaled-out server's warm-up ended (`a` autoscaler).
    case warmedUp = 5
    /// A routed request's hop latency or cache hit elapsed (`a` slot, `b` generation).
    case routeResume = 7
    /// A cache branch of a fan-out answered (`a` slot, `b` generation).
    case branchDone = 8
  }
}
