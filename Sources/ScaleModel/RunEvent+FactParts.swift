extension RunEvent.Fact {
  /// Which kind of station a station fact is about (their durations are told differently:
  /// a server's spoken, `2 min`, a database's in seconds, `120 s`).
  public enum Station: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    case server, database
  }

  /// A server or database back in service.
  public struct Recovery: Sendable, Equatable, Hashable, Codable {
    /// Its timed failure (`fail … for`) ran out; false: the script recovered it.
    public var afterFailurePeriod: Bool
    /// Health checks had marked it down: it gets traffic once they mark it up.
    public var awaitsHealthChecks: Bool

    public init(afterFailurePeriod: Bool, awaitsHealthChecks: Bool = false) {
      self.afterFailurePeriod = afterFailurePeriod
      self.awaitsHealthChecks = awaitsHealthChecks
    }
  }

  /// One server an autoscaler added or drained, and the step it was part of.
  public struct AutoscaleStep: Sendable, Equatable, Hashable, Codable {
    /// The autoscaler's group (a pool, balancer or server, as the script names it).
    public var group: String
    public var reason: AutoscaleReason
    /// Servers in the group before and after the step.
    public var from: Int
    public var to: Int
    /// This server's place in the step (1-based) and the servers the step added or drained.
    public var position: Int
    public var count: Int
    /// The balancer the server joins, when the group is named otherwise.
    public var behind: String?
    /// Seconds before it serves (nil: at once).
    public var warmup: Double?
    /// The group started below its minimum, and the step raised it when the run started.
    public var atStart: Bool

    public init(
      group: String, reason: AutoscaleReason, from: Int, to: Int, position: Int = 1,
      count: Int = 1, behind: String? = nil, warmup: Double? = nil, atStart: Bool = false
    ) {
      self.group = group
      self.reason = reason
      self.from = from
      self.to = to
      self.position = position
      self.count = count
      self.behind = behind
      self.warmup = warmup
      self.atStart = atStart
    }
  }

  /// `at … scale-up`: the new size (nil parts unchanged) and the downtime.
  public struct ScaleUp: Sendable, Equatable, Hashable, Codable {
    public var station: Station
    public var cores: Int?
    public var ramGB: Double?
    public var storageGB: Double?
    /// Seconds it is down for (nil: no downtime).
    public var downtime: Double?
    /// Requests it held that failed when it went down (nil: not counted).
    public var held: Int?

    public init(
      station: Station, cores: Int?, ramGB: Double? = nil, storageGB: Double? = nil,
      downtime: Double?, held: Int? = nil
    ) {
      self.station = station
      self.cores = cores
      self.ramGB = ramGB
      self.storageGB = storageGB
      self.downtime = downtime
      self.held = held
    }
  }

  /// What reached the engine's memory cap.
  public enum CapHeld: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// Requests in flight in the whole run.
    case requestsInFlight
    /// Messages waiting in a queue (the event's component).
    case messagesWaiting
  }

  /// Why a circuit breaker opened.
  public struct BreakerTrip: Sendable, Equatable, Hashable, Codable {
    /// What crossed its threshold.
    public enum Measure: Sendable, Equatable, Hashable, Codable {
      /// Failed calls.
      case failures
      /// Calls slower than `slowerThan` seconds.
      case slowCalls(slowerThan: Double)
    }
    public var measure: Measure
    /// The share of `calls` that failed or were slow, and the threshold it reached.
    public var rate: Double
    public var threshold: Double
    public var calls: Int
    /// The calls were the half-open state's trial calls (else the last calls of the window).
    public var trial: Bool
    /// Seconds it refuses calls for.
    public var wait: Double

    public init(
      measure: Measure, rate: Double, threshold: Double, calls: Int, trial: Bool, wait: Double
    ) {
      self.measure = measure
      self.rate = rate
      self.threshold = threshold
      self.calls = calls
      self.trial = trial
      self.wait = wait
    }
  }

  /// Why an action or declaration was not applied (the event's component is the name it
  /// gave).
  public enum Ignored: Sendable, Equatable, Hashable, Codable {
    /// No component has that name.
    case noSuchComponent(Action)
    /// The server is not behind the balancer (the component) whose weight was to change.
    case notBehindBalancer(server: String)
    /// `add server` with a name a component already has.
    case nameTaken
    /// An autoscaler whose group is no pool, balancer or server.
    case noAutoscaleGroup
    /// A breaker (the component) guarding `target`, which no request reaches.
    case breakerOffPath(target: String)

    /// The action that named no component.
    public enum Action: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
      case fail, recover, remove, scaleUp, resize, setWeight
    }
  }
}
