import ScaleModel

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

/// The default path's data tier (no routes): which queue, cache and database it calls, the
/// share of writes made asynchronous, and what the data tier remembers per request slot.
/// The components themselves are in their tables (`CacheTable`, `DatabaseTable`,
/// `QueueTable`, `ResilienceState`).
struct DataTierState {
  /// The queue, cache and database on the request path (indices into their tables, from
  /// `Scenario.topology`); −1 where the path has none.
  var pathQueue = -1
  var pathCache = -1
  var pathDatabase = -1
  var asyncRng = RandomStream(seed: 0)
  var asyncFraction = 0.0
  var slots: [TierSlot] = []
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
