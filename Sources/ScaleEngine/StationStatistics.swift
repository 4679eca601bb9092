import ScaleModel

/// Counters of one component that are reported for the measured window (current minus the
/// snapshot taken when the warm-up ends).
struct StationCounters: Equatable {
  var arrivals = 0
  var completed = 0
  var rejected = 0
  var unavailable = 0
  var timedOut = 0
  /// Reads and writes admitted (database stations).
  var reads = 0
  var writes = 0

  static func - (lhs: StationCounters, rhs: StationCounters) -> StationCounters {
    StationCounters(
      arrivals: lhs.arrivals - rhs.arrivals, completed: lhs.completed - rhs.completed,
      rejected: lhs.rejected - rhs.rejected, unavailable: lhs.unavailable - rhs.unavailable,
      timedOut: lhs.timedOut - rhs.timedOut, reads: lhs.reads - rhs.reads,
      writes: lhs.writes - rhs.writes)
  }
}

/// Areas under the time-averaged quantities of a station, snapshotted at warm-up end and at
/// each interval boundary.
struct StationAreas: Equatable {
  var busy: Double = 0
  var queue: Double = 0
  var cores: Double = 0
  var down: Double = 0

  static func - (lhs: StationAreas, rhs: StationAreas) -> StationAreas {
    StationAreas(
      busy: lhs.busy - rhs.busy, queue: lhs.queue - rhs.queue, cores: lhs.cores - rhs.cores,
      down: lhs.down - rhs.down)
  }
}

/// The figures of one station, whatever its kind: counters, the time integrals of busy
/// cores, waiting requests, provisioned cores and down time, the latency recorder, and the
/// bases taken at the warm-up's end and at the last interval boundary. Its steps are the
/// run's: `warmupEnded`, `intervalClosed`, `interval` (one point of the time series) and
/// `componentStats` (the result).
struct StationStatistics {
  var counters = StationCounters()
  var busyTime: TimeAverage
  var queueTime: TimeAverage
  var coreTime: TimeAverage
  var downTime: TimeAverage
  var maxQueue = 0
  var latency = LatencyRecorder()
  var warmupAreas = StationAreas()
  var warmupCounters = StationCounters()
  var intervalAreas = StationAreas()

  init(start: Double, cores: Int) {
    busyTime = TimeAverage(start: start)
    queueTime = TimeAverage(start: start)
    coreTime = TimeAverage(start: start, value: Double(cores))
    downTime = TimeAverage(start: start)
  }

  /// The integrals up to `now` (they advance to `now`).
  mutating func areas(at now: Double) -> StationAreas {
    busyTime.advance(to: now)
    queueTime.advance(to: now)
    coreTime.advance(to: now)
    downTime.advance(to: now)
    return StationAreas(
      busy: busyTime.area, queue: queueTime.area, cores: coreTime.area, down: downTime.area)
  }

  /// The warm-up ends now with `waiting` requests queued: figures count from here.
  mutating func warmupEnded(at now: Double, waiting: Int) {
    warmupAreas = areas(at: now)
    warmupCounters = counters
    latency.reset()
    maxQueue = waiting
  }

  /// A new interval of the time series starts now.
  mutating func intervalClosed(at now: Double) {
    intervalAreas = areas(at: now)
  }

  /// This interval so far (`dt` seconds long): utilisation, mean number waiting, and the
  /// busy and provisioned core-seconds a pool sums.
  mutating func interval(at now: Double, length dt: Double) -> (
    utilisation: Double, queueLength: Double, busy: Double, cores: Double
  ) {
    let a = areas(at: now)
    let p = intervalAreas
    let busy = a.busy - p.busy
    let cores = a.cores - p.cores
    return (cores > 0 ? busy / cores : 0, dt > 0 ? (a.queue - p.queue) / dt : 0, busy, cores)
  }

  /// The integrals over the measured window (zero before the warm-up ends; a station added
  /// later starts from zero, so its areas cover only its life inside the window).
  mutating func measuredAreas(at now: Double, warmupDone: Bool) -> StationAreas {
    let a = areas(at: now)
    return warmupDone ? a - warmupAreas : StationAreas()
  }

  /// The station's figures over the measured window of `window` seconds. L divides by the
  /// whole window, a station absent for part of it counting zero there: the same window as
  /// its arrivals and completions, so L = λW with λ = completed / window, and a pool's L is
  /// the sum of its stations' (docs/engine.md, "One window for every figure").
  mutating func componentStats(
    name: String, kind: ComponentKind, at now: Double, window t: Double, warmupDone: Bool,
    extraQuantiles: [Double]
  ) -> ComponentStats {
    var c = ComponentStats(name: name, kind: kind)
    let a = measuredAreas(at: now, warmupDone: warmupDone)
    let counts = warmupDone ? counters - warmupCounters : StationCounters()
    c.arrivals = counts.arrivals
    c.completed = counts.completed
    c.errors = ErrorCounts(
      rejected: counts.rejected, timedOut: counts.timedOut, unavailable: counts.unavailable)
    // Busy core-seconds over provisioned core-seconds in the window: how busy it was while it
    // existed (cores count only while it exists).
    c.utilisation = a.cores > 0 ? a.busy / a.cores : 0
    c.meanQueueLength = t > 0 ? a.queue / t : 0
    c.meanInSystem = t > 0 ? (a.busy + a.queue) / t : 0
    c.maxQueueLength = warmupDone ? maxQueue : 0
    c.latency = warmupDone ? latency.summary(extra: extraQuantiles) : LatencySummary()
    c.downTime = a.down
    if warmupDone {
      c.reads = counts.reads
      c.writes = counts.writes
    }
    return c
  }
}
