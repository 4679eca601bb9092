/// What a scheduled event does when its time comes. The payload's meaning depends on the kind.
public enum SimEventKind: UInt8, Sendable {
  /// A station (server or database station) finished serving request `a`: `b` is the token
  /// of that service (`Station.beginService`), `c` the station's index.
  case serviceDone
  /// The client's timeout for request `a` (generation `b`) expired.
  case timeout
  /// A health check of backend `b` of balancer `a`.
  case healthCheck
  /// A scripted event: `a` indexes `Simulation.scriptedEvents`.
  case scripted
  /// A timed failure or a scale-up's downtime ends (`a` indexes `StationTable.outages`; a
  /// later manual recover/fail of a station cancels it for that station).
  case autoRecover
  /// A traffic spike ends (`b` = spike epoch).
  case spikeEnd
  /// A ramp ends or a cycle's thinning segment ends: recompute the next arrival.
  case rateChange
  /// The time-series interval closes.
  case intervalTick
  /// The warm-up ends: per-component figures start counting.
  case warmupEnd
  /// A client retry of request `a` (generation `b`) re-enters the request path.
  case retry
  /// The data tier (h4): `a`, `b` and `c` are its own.
  case dataTier
}

/// One scheduled event: a small value type. `sequence` breaks time ties first-scheduled-first,
/// which makes the order of simultaneous events deterministic.
public struct SimEvent: Sendable, Equatable {
  public var time: Double
  public var sequence: UInt64
  public var kind: SimEventKind
  public var a: Int32
  public var b: UInt32
  public var c: Int32
  /// An event; `sequence` must grow with scheduling order (see `EventQueue.schedule`).
  @inlinable
  public init(
    time: Double, sequence: UInt64, kind: SimEventKind, a: Int32 = 0, b: UInt32 = 0, c: Int32 = 0
  ) {
    self.time = time
    self.sequence = sequence
    self.kind = kind
    self.a = a
    self.b = b
    self.c = c
  }

  /// Earlier time first; equal times in scheduling order.
  @inlinable
  public func precedes(_ other: SimEvent) -> Bool {
    time < other.time || (time == other.time && sequence < other.sequence)
  }
}
