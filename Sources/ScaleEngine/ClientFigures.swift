import ScaleModel

/// What the client saw: requests offered, completed and failed, end-to-end latency — over
/// the measured window (requests sent after the warm-up) and per interval of the time series
/// (every request that ended in it). Its steps: `intervalClosed` and `interval` (one point of
/// the series), `fill` (the result's client figures).
struct ClientFigures {
  var offered = 0
  var completed = 0
  var errors = ErrorCounts()
  /// End-to-end latency of measured requests that completed in earlier intervals.
  var latency = LatencyRecorder()

  /// Interval length of the time series: duration/60 rounded up to 1, 2 or 5 × 10ⁿ s.
  let intervalLength: Double
  var intervalStart: Double = 0
  var intervals: [IntervalStats] = []
  /// Latency of requests completed in this interval: measured ones, and warm-up ones.
  var intervalLatency = LatencyRecorder()
  var intervalWarmupLatency = LatencyRecorder()
  var intervalOffered = 0
  var intervalCompleted = 0
  var intervalErrors = 0
  var intervalErrorCauses = ErrorCounts()

  init(intervalLength: Double) {
    self.intervalLength = intervalLength
  }

  /// A request was offered (`measured`: sent after the warm-up).
  mutating func offer(measured: Bool) {
    if measured { offered += 1 }
    intervalOffered += 1
  }

  /// A request ended as a success after `w` seconds. One histogram record per request: the
  /// interval's; measured ones fold into the run's latency at each interval end.
  mutating func succeed(measured: Bool, latency w: Double) {
    if measured {
      completed += 1
      intervalLatency.record(w)
    } else {
      intervalWarmupLatency.record(w)
    }
    intervalCompleted += 1
  }

  /// A request ended as an error of `cause`.
  mutating func fail(measured: Bool, _ cause: ErrorCause) {
    intervalErrors += 1
    intervalErrorCauses.count(cause)
    guard measured else { return }
    errors.count(cause)
  }

  /// The interval from `intervalStart` to `now`: its client figures (the components add
  /// theirs).
  func interval(at now: Double, inFlight: Int) -> IntervalStats {
    var stats = IntervalStats(start: intervalStart, end: now)
    stats.offered = intervalOffered
    stats.completed = intervalCompleted
    stats.errors = intervalErrors
    stats.inFlight = inFlight
    stats.errorCauses = intervalErrorCauses
    if intervalWarmupLatency.count == 0 {
      stats.latency = intervalLatency.summary
    } else {
      var all = intervalWarmupLatency
      all.add(intervalLatency)
      stats.latency = all.summary
    }
    return stats
  }

  /// `finished` closes the interval now; the next starts.
  mutating func intervalClosed(_ finished: IntervalStats, at now: Double) {
    intervals.append(finished)
    intervalStart = now
    latency.add(intervalLatency)
    intervalLatency.reset()
    intervalWarmupLatency.reset()
    intervalOffered = 0
    intervalCompleted = 0
    intervalErrors = 0
    intervalErrorCauses = ErrorCounts()
  }

  /// The client figures of a result.
  func fill(_ r: inout RunResult, extraQuantiles: [Double]) {
    r.offered = offered
    r.completed = completed
    r.errors = errors
    var total = latency
    total.add(intervalLatency)
    r.latency = total.summary(extra: extraQuantiles)
  }
}
