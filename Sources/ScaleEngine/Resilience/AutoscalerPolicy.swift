import DequeModule
import ScaleModel

/// What an autoscaler decided at one check.
public struct AutoscaleDecision: Sendable, Equatable {
  /// Servers in the group (ready plus warming) when it decided.
  public var current: Int
  /// Servers it wants.
  public var desired: Int
  /// The mean utilisation of the ready servers that it decided on.
  public var utilisation: Double
  /// Why, as the numbers it decided on (the run event's words come from the report layer).
  public var reason: AutoscaleReason
  /// Servers to add (positive) or remove (negative).
  public var change: Int { desired - current }
}

/// An autoscaler's decision rule, as pure functions of what the engine observes at each check
/// (every `interval`): the mean utilisation of the ready servers, how many are ready and how
/// many are still warming up. The engine applies the decision (scale-out adds servers that
/// join after `warmup`; scale-in removes the newest).
///
/// - Threshold mode (the seed's `check_and_scale`): utilisation > high and fewer than
///   `maximum` servers → one more; utilisation < low and more than `minimum` → one fewer
///   (strict comparisons, as the seed). A group outside [minimum, maximum] moves to the bound
///   at once (an AWS Auto Scaling group's desired capacity is clamped to [MinSize, MaxSize]).
/// - Target mode (Kubernetes HPA, replica_calculator.go): ratio = utilisation / target; no
///   change when |ratio − 1| ≤ 0.1, else desired = ceil(ratio × ready). Then the default
///   `behavior`: scale-down stabilisation (the highest recommendation of the last 300 s wins),
///   scale-up limited per 15 s period to max(+4 pods, +100 %) of the count at the period's
///   start, and a clamp to [minimum, maximum].
/// - Both modes: no change within `cooldown` of the last change (AWS simple scaling), and
///   no scale-in while a new server is still warming up (AWS instance warm-up: warming
///   servers do not count in the metric, and scale-in waits for them).
public struct AutoscalerPolicy: Sendable {
  public let spec: AutoscalerSpec
  /// When the last change was decided (nil: never).
  public private(set) var lastChange: Double?
  /// Recommendations of the stabilisation window that can still be its highest: times rise
  /// and replicas fall from front to back (a monotonic queue), so the window's maximum is the
  /// front and each check costs O(1) amortised. Keeping every recommendation made each check
  /// scan the whole 300 s window: `every 1us` was quadratic, hours for one simulated second.
  private var recommendations: Deque<(time: Double, replicas: Int)> = []
  private var scaleUps: [(time: Double, added: Int)] = []

  /// Kubernetes defaults: downscale stabilisation 300 s, scale-up period 15 s, +4 pods or
  /// +100 % per period.
  public static let downscaleStabilisation = 300.0
  public static let scaleUpPeriod = 15.0
  public static let scaleUpPods = 4

  public init(spec: AutoscalerSpec) {
    self.spec = spec
  }

  private var minimum: Int { max(0, spec.minimum) }
  private var maximum: Int { max(minimum, spec.maximum) }

  /// The decision at `now`. `utilisation` is the mean busy share of the `ready` servers;
  /// `warming` servers were added but are not serving yet.
  public mutating func decide(
    now: Double, utilisation: Double, ready: Int, warming: Int
  ) -> AutoscaleDecision {
    let ready = max(0, ready)
    let warming = max(0, warming)
    let current = ready + warming
    var decision: AutoscaleDecision
    switch spec.mode {
    case .threshold(let low, let high):
      decision = threshold(now: now, u: utilisation, current: current, low: low, high: high)
    case .target(let target):
      decision = hpa(now: now, u: utilisation, ready: ready, current: current, target: target)
    }
    if decision.change != 0, let last = lastChange, now - last < spec.cooldown {
      decision.reason = .cooldown(cooldown: spec.cooldown, lastChange: last)
      decision.desired = current
    }
    if decision.change < 0, warming > 0 {
      decision.reason = .warmingUp(servers: warming)
      decision.desired = current
    }
    if ready == 0, decision.change < 0 {
      decision.desired = current
    }
    if decision.change != 0 {
      lastChange = now
      if decision.change > 0 { scaleUps.append((now, decision.change)) }
    }
    return decision
  }

  // MARK: - Threshold (the seed)

  private func threshold(
    now: Double, u: Double, current: Int, low: Double, high: Double
  ) -> AutoscaleDecision {
    var d = AutoscaleDecision(
      current: current, desired: current, utilisation: u, reason: .withinBand(utilisation: u))
    if current < minimum {
      d.desired = minimum
      d.reason = .belowMinimum(servers: current, minimum: minimum)
    } else if current > maximum {
      d.desired = maximum
      d.reason = .aboveMaximum(servers: current, maximum: maximum)
    } else if u > high {
      if current < maximum { d.desired = current + 1 }
      d.reason = .aboveHigh(utilisation: u, high: high, atMaximum: current >= maximum)
    } else if u < low {
      if current > minimum { d.desired = current - 1 }
      d.reason = .belowLow(utilisation: u, low: low, atMinimum: current <= minimum)
    }
    return d
  }

  // MARK: - Target tracking (Kubernetes HPA)

  private mutating func hpa(
    now: Double, u: Double, ready: Int, current: Int, target: Double
  ) -> AutoscaleDecision {
    var raw = current
    var why = AutoscaleReason.TargetTracking(utilisation: nil, target: target)
    if !(ready == 0 || !(target > 0) || !u.isFinite || u < 0) {
      why.utilisation = u
      let ratio = u / target
      if abs(ratio - 1) <= Defaults.hpaTolerance {
        why.withinTolerance = true
      } else {
        // ceil(ratio × ready), forgiving floating-point noise just above an integer.
        let x = Swift.max(0, ratio * Double(ready) - 1e-9)
        raw = x < 1e9 ? Int(x.rounded(.up)) : Int(1e9)
      }
    }
    // Stabilisation (stabilizeRecommendationWithBehaviors): up window 0, down window 300 s.
    let cutoff = now - AutoscalerPolicy.downscaleStabilisation
    while let first = recommendations.first, !(first.time > cutoff) {
      recommendations.removeFirst()
    }
    var downRecommendation = raw
    if let first = recommendations.first { downRecommendation = max(raw, first.replicas) }
    while let last = recommendations.last, last.replicas <= raw { recommendations.removeLast() }
    recommendations.append((now, raw))
    var desired = current
    if desired < raw { desired = raw }
    if desired > downRecommendation { desired = downRecommendation }
    if raw < current, desired > raw {
      why.heldAt = desired
    }
    // Scale-up rate limit over the last 15 s (calculateScaleUpLimitWithScalingRules).
    let periodCutoff = now - AutoscalerPolicy.scaleUpPeriod
    scaleUps.removeAll { !($0.time > periodCutoff) }
    let added = scaleUps.reduce(0) { $0 + $1.added }
    let periodStart = max(0, current - added)
    let upLimit = max(periodStart + AutoscalerPolicy.scaleUpPods, 2 * periodStart)
    if desired > current, desired > upLimit {
      desired = max(current, upLimit)
      why.limitedTo = desired
    }
    desired = min(max(desired, minimum), maximum)
    return AutoscaleDecision(
      current: current, desired: desired, utilisation: u, reason: .tracking(why))
  }
}
