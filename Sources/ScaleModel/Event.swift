/// Something that happens at a point in simulated time (`at 5min fail web-2 for 30s`).
public struct TimedEvent: Sendable, Equatable, Hashable {
  public var time: Double
  public var action: EventAction
  /// 1-based line of the statement in its script (0 when built in code), for reports.
  public var line: Int
  public init(time: Double, action: EventAction, line: Int = 0) {
    self.time = time
    self.action = action
    self.line = line
  }
}

public enum EventAction: Sendable, Equatable, Hashable {
  /// The component stops answering; with `duration`, it recovers by itself after it.
  case fail(component: String, duration: Double?)
  case recover(component: String)
  /// A new server joins a balancer's pool (nil: the only balancer).
  case addServer(ServerSpec, balancer: String?)
  case removeServer(name: String)
  /// The offered rate jumps to `rps` (a step).
  case setRate(rps: Double)
  /// The offered rate moves linearly to `rps` over `duration`.
  case ramp(rps: Double, duration: Double)
  /// The rate jumps to `rps` for `duration`, then returns to what it was.
  case spike(rps: Double, duration: Double)
  /// Vertical scaling: new cores/ram for a server or database, unavailable for `downtime`.
  case scaleUp(component: String, cores: Int?, ramGB: Double?, storageGB: Double?, downtime: Double)
  /// A distributed cache gets a new node count (nodes join or leave; keys remap).
  case setCacheNodes(cache: String, nodes: Int)
  /// A balancer's backend gets a new weight (`at 5min set lb web-4 weight 5`): a gradual
  /// rollout shifts traffic step by step. Smooth weighted round robin keeps the backend's
  /// current weight (nginx); least-connections divides by the new weight.
  case setWeight(balancer: String, server: String, weight: Int)
  /// `fail zone a [for D]`: the zone goes dark. Every server, cache and database in it fails
  /// (a database with all its stations, replicas included); a server that joins the zone
  /// while it is dark (`add server … zone a`, a scale-out) starts down; with `duration`,
  /// everything comes back together after it.
  case failZone(zone: String, duration: Double?)
  /// `recover zone a`: everything in the zone comes back, servers added to it included.
  case recoverZone(zone: String)
}
