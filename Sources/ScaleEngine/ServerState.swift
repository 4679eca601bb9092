import ScaleModel

/// Counters of one component that are reported for the measured window (current minus the
/// snapshot taken when the warm-up ends).
struct StationCounters: Equatable {
  var arrivals = 0
  var completed = 0
  var rejected = 0
  var unavailable = 0
  var timedOut = 0

  static func - (lhs: StationCounters, rhs: StationCounters) -> StationCounters {
    StationCounters(
      arrivals: lhs.arrivals - rhs.arrivals, completed: lhs.completed - rhs.completed,
      rejected: lhs.rejected - rhs.rejected, unavailable: lhs.unavailable - rhs.unavailable,
      timedOut: lhs.timedOut - rhs.timedOut)
  }
}

/// Areas under the time-averaged quantities of a station, snapshotted at warm-up end and at
/// each interval boundary.
struct StationAreas: Equatable {
  var busy: Double = 0
  var queue: Double = 0
  var cores: Double = 0
  var down: Double = 0
}

/// One server: an M/G/c/K station — `cores` workers, one FCFS queue, at most `maxConnections`
/// requests present (in service plus waiting).
struct ServerState {
  var spec: ServerSpec
  var cores: Int
  var maxConnections: Int
  var busy = 0
  var queue: SlotQueue
  var service: DistributionSampler
  var rng: RandomStream
  var sigma: Double
  var kappa: Double
  var hasContention: Bool
  /// Failed, or down for a scale-up: refuses everything.
  var unavailable = false
  /// Bumped by every fail/recover/scale-up so a stale auto-recover does nothing.
  var epoch: UInt32 = 0
  /// Removed from every balancer (draining or drained).
  var removed = false
  /// Marked down by at least one balancer's health checks.
  var markedDownCount = 0
  /// Removed and drained: it has left the run, its cores no longer count as provisioned.
  private(set) var retired = false

  /// When it joined the run.
  let createdAt: Double
  var counters = StationCounters()
  var busyTime: TimeAverage
  var queueTime: TimeAverage
  var coreTime: TimeAverage
  var downTimeAverage: TimeAverage
  var maxQueue = 0
  var latency = LatencyRecorder()
  /// Connections held by routed requests it has served that wait for a tier behind it: they
  /// count against `maxConnections` (and for least-connections), not in utilisation.
  var held = 0
  /// Bumped when its held connections are lost (it failed), so a late release is ignored.
  var connectionEpoch: UInt32 = 0

  init(spec: ServerSpec, seed: UInt64, now: Double) {
    self.spec = spec
    createdAt = now
    cores = Swift.max(1, spec.cores)
    maxConnections = Swift.max(0, spec.maxConnections)
    // Grown on demand: most servers of a large pool never queue anything.
    queue = SlotQueue(capacity: 0)
    service = DistributionSampler(spec.service)
    rng = RandomStream(seed: seed, purpose: "service:" + spec.name)
    sigma = spec.contention?.sigma ?? 0
    kappa = spec.contention?.kappa ?? 0
    hasContention = spec.contention != nil
    busyTime = TimeAverage(start: now)
    queueTime = TimeAverage(start: now)
    coreTime = TimeAverage(start: now, value: Double(Swift.max(1, spec.cores)))
    downTimeAverage = TimeAverage(start: now)
  }

  var inSystem: Int { busy + queue.count + held }

  /// Once removed and empty, the server leaves the run: from `now` it provisions no cores
  /// (utilisation is busy over provisioned core-seconds, so the time after it left does not
  /// dilute it). Cheap to call on every completion: one flag test while not removed.
  mutating func retireIfDrained(at now: Double) {
    guard removed, !retired, inSystem == 0 else { return }
    retired = true
    coreTime.set(0, at: now)
  }

  /// Cores provisioned from `now` (a scale-up of a retired server provisions none).
  mutating func provision(cores newCores: Int, at now: Double) {
    cores = newCores
    spec.cores = newCores
    syncProvisioned(at: now)
  }

  /// Provisioned cores from `now`: the configured count, or more while requests started
  /// before a scale-down to fewer cores still run (each keeps its core until it finishes), so
  /// busy core-seconds never exceed provisioned ones (utilisation stays within 0…100 %).
  /// Callers on the completion path call it only when `busy >= cores` after a completion
  /// (the server was over its new count), so the common case costs one comparison.
  mutating func syncProvisioned(at now: Double) {
    guard !retired else { return }
    coreTime.set(Double(Swift.max(busy, cores)), at: now)
  }
  var isDown: Bool { unavailable || markedDownCount > 0 }

  /// One service time, stretched by contention for `busy` cores busy.
  mutating func sampleServiceTime() -> Double {
    let t = service.sample(&rng)
    return hasContention ? t * stretch(busyCores: busy) : t
  }

  /// USL stretch of a service time started with `k` cores busy: k / C(k) = 1 + σ(k−1) + κk(k−1),
  /// so k busy cores together deliver C(k) cores' worth of work.
  func stretch(busyCores k: Int) -> Double {
    guard hasContention, k > 1 else { return 1 }
    let kk = Double(k)
    return Swift.max(1e-9, 1 + sigma * (kk - 1) + kappa * kk * (kk - 1))
  }

  mutating func areas(at now: Double) -> StationAreas {
    busyTime.advance(to: now)
    queueTime.advance(to: now)
    coreTime.advance(to: now)
    downTimeAverage.advance(to: now)
    return StationAreas(
      busy: busyTime.area, queue: queueTime.area, cores: coreTime.area, down: downTimeAverage.area)
  }
}
