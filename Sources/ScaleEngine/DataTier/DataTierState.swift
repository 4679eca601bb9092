import ScaleModel

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
  /// Per request slot (grown on demand; `SimulationCore.tierSlot`). Held by reference and
  /// written in place, as the request slots are (`FlatTable`): several writes a request.
  let slots = FlatTable<TierSlot>()
  /// Database calls in flight (`DatabaseCall`), `callStride` records per request slot.
  let calls = FlatTable<DatabaseCall>()
  var callStride = 1
  /// Whether anything follows the servers: a queue, cache or database, routes, or a breaker
  /// around the servers. When nothing does, a request is done when its server answers and
  /// keeps no tier slot (the single-server and balancer models' fast path).
  var active = false

  /// Events the data tier schedules carry one of these in `c` (low 4 bits).
  enum Tag: Int32 {
    /// A cache hit's latency elapsed (`a` slot, `b` generation).
    case cacheHit = 1
    /// An autoscaler check (`a` autoscaler).
    case autoscale = 4
    /// A scaled-out server's warm-up ended (`a` autoscaler).
    case warmedUp = 5
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
