import ScaleModel

/// Where a request is on its path. The request path is one `switch` over this
/// (`SimulationCore.advance`): client → rate limit → balancer → server → queue / cache /
/// database → done. Stages not declared by the scenario pass the request on.
public enum Stage: UInt8, Sendable, BitwiseCopyable {
  case rateLimit
  case balancer
  case server
  case queue
  case cache
  case database
  /// A step of the request's route (routes only: `SimulationCore+Routes.swift`).
  case route
  case done
}

/// Why a request failed; each maps to one `ErrorCounts` field.
public enum ErrorCause: UInt8, Sendable {
  case rejected
  case timedOut
  case unavailable
  case breakerOpen
}

extension ErrorCounts {
  /// One more error of `cause`.
  mutating func count(_ cause: ErrorCause) {
    switch cause {
    case .rejected: rejected += 1
    case .timedOut: timedOut += 1
    case .unavailable: unavailable += 1
    case .breakerOpen: breakerOpen += 1
    }
  }
}

/// What entering a stage did with a request.
public enum StageOutcome: Sendable, Equatable {
  /// Go on to the given stage now.
  case next(Stage)
  /// The request is parked (in a queue, in service, waiting for a timer); an event will call
  /// `SimulationCore.advance(_:to:)` for it later.
  case wait
  /// The request failed here.
  case fail(ErrorCause)
}

/// One request in flight. Slots are recycled through a free list; `generation` grows on every
/// reuse, so an event naming (slot, generation) of a finished request is recognised as stale.
struct RequestSlot: BitwiseCopyable {
  /// When the client sent it (first attempt).
  var arrival: Double = 0
  /// When it entered its current station (server, cache, database, …).
  var entered: Double = 0
  /// When the balancer routed it.
  var routed: Double = 0
  var key: Int = 0
  var generation: UInt32 = 0
  var server: Int32 = -1
  var balancer: Int32 = -1
  var stage: Stage = .done
  /// Sent after the warm-up: counts in the run's figures.
  var measured = false
  /// The client's timeout already fired (counted once; a later completion is not a success).
  var timedOut = false
  var isRead = true
  var active = false
  /// Attempts made so far beyond the first (client retries).
  var attempt: UInt8 = 0
  /// Free for the data tier's use (h4): e.g. the shard or cache node, a fan-out counter.
  var aux: Int32 = 0
  var auxTime: Double = 0
  /// Its route (request class), −1 on the default path; the step it is at.
  var route: Int16 = -1
  var hop: Int16 = 0
  /// Servers whose connection it holds (`RouteTable.held`).
  var held: UInt8 = 0
  /// The current step's network latency has been waited for.
  var hopPaid = false
}
