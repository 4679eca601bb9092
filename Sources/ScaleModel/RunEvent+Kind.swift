extension RunEvent {
  /// Every kind of run event. The raw value is the kind as the reports print it (text
  /// timeline, JSON, CSV, HTML); docs/report-formats.md lists them all (a test checks).
  public enum Kind: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
    /// A component failed (`at … fail`): it refuses every request.
    case fail
    /// A failed component came back (`at … recover`, or the end of `fail … for`).
    case recover
    /// A balancer's health checks took a server out of rotation.
    case markedDown = "marked-down"
    /// Health checks put a server back into rotation.
    case markedUp = "marked-up"
    /// An autoscaler added a server (one event per server, named by it).
    case scaleOut = "scale-out"
    /// An autoscaler drained a server (one event per server, named by it).
    case scaleIn = "scale-in"
    /// A server added by an autoscaler finished its warm-up and takes traffic.
    case ready
    /// `at … add server`.
    case addServer = "add-server"
    /// `at … remove`.
    case removeServer = "remove-server"
    /// `at … scale-up` (vertical scaling), with or without downtime.
    case scaleUp = "scale-up"
    /// A scale-up with downtime finished.
    case scaleUpDone = "scale-up-done"
    /// A circuit breaker opened: calls are refused at once.
    case breakerOpen = "breaker-open"
    /// A circuit breaker lets trial calls through.
    case breakerHalfOpen = "breaker-half-open"
    /// A circuit breaker closed: calls flow again.
    case breakerClosed = "breaker-closed"
    /// The offered traffic changed (`traffic`, `ramp`, `spike`, a spike's end).
    case rate
    /// A distributed cache's node count changed (`at … set CACHE nodes N`).
    case nodes
    /// A backend's weight changed (`at … set LB SERVER weight N`).
    case weight
    /// A cache started warm (`cache … warm`).
    case warm
    /// The run reached one of the engine's limits.
    case capped
    /// An action or declaration could not be applied (no such component, …).
    case ignored
  }
}
