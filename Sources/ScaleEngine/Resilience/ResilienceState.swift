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

/// Circuit breakers, rate limits and the client's retry policy, with their steps: warm-up,
/// figures and snapshot.
struct ResilienceState {
  var breakers: [CircuitBreaker] = []
  var breakerPlaces: [BreakerPlace] = []
  /// The breaker around the servers, −1 if none.
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
  /// Client attempts beyond the first (retries), for the narration of retry storms.
  var retries = 0
  var retriesRefusedByBudget = 0

  /// A breaker joins, at `place`.
  mutating func append(_ breaker: CircuitBreaker, at place: BreakerPlace) {
    breakers.append(breaker)
    breakerCalls.append(0)
    breakerWarmup.append((0, 0))
    breakerOpenTime.append(0)
    breakerOpenSince.append(nil)
    breakerWarmupOpenTime.append(0)
    breakerPlaces.append(place)
  }

  /// Seconds breaker `b` has not been closed up to `now`.
  func notClosedTime(_ b: Int, at now: Double) -> Double {
    breakerOpenTime[b] + (breakerOpenSince[b].map { now - $0 } ?? 0)
  }

  /// The warm-up ends now: rate limits, breaker and retry counts restart.
  mutating func warmupEnded(at now: Double) {
    for l in limits.indices { limits[l].resetCounters() }
    for b in breakers.indices {
      breakerWarmup[b] = (breakerCalls[b], breakers[b].notPermitted)
      breakerWarmupOpenTime[b] = notClosedTime(b, at: now)
    }
    retries = 0
    retriesRefusedByBudget = 0
  }

  /// Each breaker's and rate limit's row.
  func componentStats(at now: Double, warmupDone: Bool) -> [ComponentStats] {
    var out: [ComponentStats] = []
    for b in breakers.indices {
      var c = ComponentStats(name: breakers[b].spec.name, kind: .breaker)
      if warmupDone {
        c.arrivals = breakerCalls[b] - breakerWarmup[b].calls
        c.errors.breakerOpen = breakers[b].notPermitted - breakerWarmup[b].refused
        c.completed = c.arrivals - c.errors.breakerOpen
        // Time open or half-open in the measured window ("open for" in reports).
        c.downTime = notClosedTime(b, at: now) - breakerWarmupOpenTime[b]
      }
      c.healthy = breakers[b].state == .closed
      out.append(c)
    }
    for l in limits.indices {
      var c = ComponentStats(name: limitNames[l], kind: .rateLimit)
      if warmupDone {
        c.arrivals = limits[l].admitted + limits[l].rejected
        c.completed = limits[l].admitted
        c.errors.rejected = limits[l].rejected
      }
      out.append(c)
    }
    return out
  }

  func snapshots() -> [ComponentSnapshot] {
    breakers.map {
      ComponentSnapshot(name: $0.spec.name, kind: .breaker, healthy: $0.state == .closed)
    }
      + limitNames.map { ComponentSnapshot(name: $0, kind: .rateLimit) }
  }
}
