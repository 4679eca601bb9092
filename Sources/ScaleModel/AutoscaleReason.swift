/// Why an autoscaler decided what it did at a check, as the numbers it decided on:
/// utilisations, thresholds and targets as fractions, counts of servers, times in seconds.
public enum AutoscaleReason: Sendable, Equatable, Hashable, Codable {
  /// Threshold mode: `utilisation` between its low and high thresholds.
  case withinBand(utilisation: Double)
  /// The group has `servers`, fewer than its `minimum`.
  case belowMinimum(servers: Int, minimum: Int)
  /// The group has `servers`, more than its `maximum`.
  case aboveMaximum(servers: Int, maximum: Int)
  /// Threshold mode: `utilisation` above `high` (`atMaximum`: it cannot grow).
  case aboveHigh(utilisation: Double, high: Double, atMaximum: Bool)
  /// Threshold mode: `utilisation` below `low` (`atMinimum`: it cannot shrink).
  case belowLow(utilisation: Double, low: Double, atMinimum: Bool)
  /// Target tracking (Kubernetes HPA).
  case tracking(TargetTracking)
  /// No change within `cooldown` seconds of the last change, made at `lastChange`.
  case cooldown(cooldown: Double, lastChange: Double)
  /// No scale-in while `servers` new servers warm up.
  case warmingUp(servers: Int)

  /// A target-tracking decision.
  public struct TargetTracking: Sendable, Equatable, Hashable, Codable {
    /// The ready servers' utilisation; nil: none was ready to measure.
    public var utilisation: Double?
    public var target: Double
    /// The utilisation is within the tolerance of the target: no change.
    public var withinTolerance: Bool
    /// Servers the scale-down stabilisation window held the group at.
    public var heldAt: Int?
    /// Servers the scale-up rate limited the group to.
    public var limitedTo: Int?

    public init(
      utilisation: Double?, target: Double, withinTolerance: Bool = false, heldAt: Int? = nil,
      limitedTo: Int? = nil
    ) {
      self.utilisation = utilisation
      self.target = target
      self.withinTolerance = withinTolerance
      self.heldAt = heldAt
      self.limitedTo = limitedTo
    }
  }
}
