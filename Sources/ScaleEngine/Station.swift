import ScaleModel

/// What happens to a request after a station served it: the one place a station's kind
/// changes the request path (`SimulationCore.serviceDone` switches on it).
enum StationRole: UInt8 {
  /// A server: the request goes on along its path (`stageAfterServer`).
  case server
  /// A database primary or replica: the read or write is answered (`databaseAnswered`).
  case database
  /// A queue's workers: the message's write takes effect (`queueWorkerDone`).
  case queue

  /// The label of its service-time stream (`RandomStream` purpose) before the station's name:
  /// a queue's workers draw from the queue's stream.
  var streamLabel: String { self == .queue ? "queue:" : "service:" }
}

/// One queueing station: an M/G/c/K queue — `cores` workers, one FCFS queue, at most
/// `maxConnections` requests present (in service plus waiting). Servers, database
/// primaries and replicas, and a queue's workers are all stations (`StationTable`); `role`
/// says what a finished request does next. The mechanics are in `StationMechanics.swift`, the figures in
/// `StationStatistics`.
struct Station {
  let name: String
  /// How it is reported (server, database, shard, replica).
  let kind: ComponentKind
  let role: StationRole
  /// For a database station: its database (index into `DatabaseTable`) and its place there
  /// (`DatabaseState.primary(ofShard:)`); for a queue's workers: −1 and the queue (index into
  /// `QueueTable`); −1 for a server.
  let database: Int32
  let local: Int32
  var spec: ServerSpec
  var cores: Int
  var maxConnections: Int
  var busy = 0
  var queue: SlotQueue
  /// Services started so far: a service's token is the count when it started, and its
  /// completion event carries the low 32 bits.
  var nextToken: UInt64 = 0
  /// `nextToken` when the station last dropped what it held: a completion of a service
  /// started before that is stale (the request was dropped, maybe to come back as a new
  /// service). Exact unless 2³² services start here during one service.
  var droppedBefore: UInt64 = 0
  /// A database station's services in progress, in start order, with their tokens and the
  /// generations they began for, so a completion finds its own service and knows whether the
  /// slot still holds that request (servers find theirs from the slots, and have none).
  let inService: ServiceList?
  var service: DistributionSampler
  var rng: RandomStream
  var sigma: Double
  var kappa: Double
  var hasContention: Bool
  /// Failed, or down for a scale-up: refuses everything.
  var unavailable = false
  /// Bumped by every fail/recover/scale-up so a stale recovery does nothing.
  var epoch: UInt32 = 0
  /// Removed from every balancer (draining or drained).
  var removed = false
  /// Marked down by at least one balancer's health checks.
  var markedDownCount = 0
  /// Removed and drained: it has left the run, its cores no longer count as provisioned.
  private(set) var retired = false

  /// Counters, time integrals, latency, and their warm-up and interval bases.
  var stats: StationStatistics
  /// Connections held by routed requests it has served that wait for a tier behind it: they
  /// count against `maxConnections` (and for least-connections), not in utilisation.
  var held = 0
  /// Bumped when its held connections are lost (it failed), so a late release is ignored.
  var connectionEpoch: UInt32 = 0

  /// A server.
  init(spec: ServerSpec, seed: UInt64, now: Double) {
    self.init(
      spec: spec, kind: .server, role: .server, database: -1, local: -1, seed: seed, now: now)
  }

  /// A station of `kind` and `role`; its service stream is `service:<name>` (a queue's
  /// workers: `queue:<name>`).
  init(
    spec: ServerSpec, kind: ComponentKind, role: StationRole, database: Int, local: Int,
    seed: UInt64, now: Double
  ) {
    self.spec = spec
    name = spec.name
    self.kind = kind
    self.role = role
    self.database = Int32(truncatingIfNeeded: database)
    self.local = Int32(truncatingIfNeeded: local)
    inService = role == .database ? ServiceList() : nil
    cores = Swift.max(1, spec.cores)
    maxConnections = Swift.max(0, spec.maxConnections)
    // Grown on demand: most servers of a large pool never queue anything.
    queue = SlotQueue(capacity: 0)
    service = DistributionSampler(spec.service)
    rng = RandomStream(seed: seed, purpose: role.streamLabel + spec.name)
    sigma = spec.contention?.sigma ?? 0
    kappa = spec.contention?.kappa ?? 0
    hasContention = spec.contention != nil
    stats = StationStatistics(start: now, cores: Swift.max(1, spec.cores))
  }

  var inSystem: Int { busy + queue.count + held }

  /// Once removed and empty, the server leaves the run: from `now` it provisions no cores
  /// (utilisation is busy over provisioned core-seconds, so the time after it left does not
  /// dilute it). Cheap to call on every completion: one flag test while not removed.
  mutating func retireIfDrained(at now: Double) {
    guard removed, !retired, inSystem == 0 else { return }
    retired = true
    stats.coreTime.set(0, at: now)
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
    stats.coreTime.set(Double(Swift.max(busy, cores)), at: now)
  }

  var isDown: Bool { unavailable || markedDownCount > 0 }

  /// Failed (or back): refuses everything while failed; down time counts while it is down.
  mutating func setUnavailable(_ value: Bool, at now: Double) {
    unavailable = value
    stats.downTime.set(isDown ? 1 : 0, at: now)
  }

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
}
