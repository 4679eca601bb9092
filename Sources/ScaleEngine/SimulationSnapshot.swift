import ScaleModel

/// One component's state at a moment of a run.
public struct ComponentSnapshot: Sendable, Equatable {
  public var name: String
  public var kind: ComponentKind
  public var cores: Int
  public var busy: Int
  public var queueLength: Int
  public var inSystem: Int
  /// Failed or down for a scale-up: refuses everything.
  public var failed: Bool
  /// Marked down by health checks.
  public var markedDown: Bool
  /// Up and in service (not failed, not marked down, not removed).
  public var healthy: Bool
  /// Busy share of cores since the start (warm-up included).
  public var utilisation: Double
  /// Busy and provisioned core-seconds since the start (`utilisation` is their ratio): two
  /// snapshots give the utilisation between them exactly, whenever the component joined and
  /// however its cores changed.
  public var busyCoreSeconds: Double
  public var coreSeconds: Double
  /// A component's state; the data tier fills only what applies to it.
  public init(
    name: String, kind: ComponentKind, cores: Int = 0, busy: Int = 0, queueLength: Int = 0,
    inSystem: Int = 0, failed: Bool = false, markedDown: Bool = false, healthy: Bool = true,
    utilisation: Double = 0, busyCoreSeconds: Double = 0, coreSeconds: Double = 0
  ) {
    self.busyCoreSeconds = busyCoreSeconds
    self.coreSeconds = coreSeconds
    self.name = name
    self.kind = kind
    self.cores = cores
    self.busy = busy
    self.queueLength = queueLength
    self.inSystem = inSystem
    self.failed = failed
    self.markedDown = markedDown
    self.healthy = healthy
    self.utilisation = utilisation
  }
}

/// The state of a run at `time`, for the REPL's step mode.
public struct SimulationSnapshot: Sendable, Equatable {
  public var time: Double
  public var duration: Double
  /// The offered rate now, in requests per second.
  public var rate: Double
  public var components: [ComponentSnapshot]
  /// The last (up to 20) things that happened.
  public var recentEvents: [RunEvent]
  /// Servers in service (not failed, not marked down, not removed).
  public var servers: Int
  /// Client figures so far (after warm-up).
  public var offered: Int
  public var completed: Int
  public var errors: ErrorCounts
  /// Requests in the system now.
  public var inFlight: Int
  public var eventsProcessed: Int
}

extension SimulationCore {
  mutating func snapshot() -> SimulationSnapshot {
    var components: [ComponentSnapshot] = []
    var live = 0
    for s in stations.indices where stations.all[s].role == .server {
      if stations.isInService(s) { live += 1 }
      components.append(stations.snapshot(s, at: now))
    }
    for b in balancers.indices where balancers.all[b].reported {
      components.append(balancers.snapshot(b, stations: &stations, at: now))
    }
    components += poolSnapshots()
    components += caches.snapshots()
    for d in databases.indices {
      for s in databases.all[d].stationIndices { components.append(stations.snapshot(s, at: now)) }
    }
    for q in queues.all { components.append(stations.snapshot(q.station, at: now)) }
    components += resilience.snapshots()
    return SimulationSnapshot(
      time: now, duration: duration,
      rate: scenario.traffic == nil ? 0 : traffic.profile.rate(at: now),
      components: components, recentEvents: Array(runEvents.suffix(20)), servers: live,
      offered: client.offered, completed: client.completed, errors: client.errors,
      inFlight: activeRequests,
      eventsProcessed: eventsProcessed)
  }
}
