import ScaleModel

/// The states of a circuit breaker.
public enum BreakerState: String, Sendable, Equatable, Hashable {
  case closed
  case open
  case halfOpen = "half-open"

}

/// A state change of a circuit breaker, with the numbers that caused it.
public struct BreakerTransition: Sendable, Equatable {
  public var time: Double
  public var from: BreakerState
  public var to: BreakerState
  /// Why, as the run event's fact (kind `breaker-open`, `breaker-half-open` or
  /// `breaker-closed`).
  public var fact: RunEvent.Fact

  /// The run event for the timeline.
  public func runEvent(breaker name: String) -> RunEvent {
    RunEvent(time: time, component: name, fact: fact)
  }
}

/// Whether a call may go through the breaker, and the state change that deciding caused.
public struct BreakerPermission: Sendable, Equatable {
  public var permitted: Bool
  public var transition: BreakerTransition?
}

/// A circuit breaker with resilience4j's count-based semantics (CircuitBreakerStateMachine):
///
/// - CLOSED: every call is permitted; each outcome goes into a ring of the last `window`
///   outcomes. Once at least min(`minimumCalls`, `window`) are recorded, the failure rate and
///   the slow-call rate (duration > `slowCallDuration`, successes and failures alike) are
///   computed; if either is ≥ its threshold the breaker OPENS.
/// - OPEN: calls are refused (counted as not permitted, not as failures). The first call
///   strictly after `waitInOpen` has passed moves it to HALF_OPEN (lazily, as with
///   `automaticTransitionFromOpenToHalfOpenEnabled = false`) and is the first trial call.
///   Outcomes reported while OPEN are ignored.
/// - HALF_OPEN: exactly `halfOpenCalls` calls are permitted, others refused; outcomes go into
///   a fresh ring of that size, and once it is full the same thresholds decide: above → OPEN
///   (a new wait), below → CLOSED with an empty window. As in resilience4j, an outcome of a
///   call admitted earlier that completes during HALF_OPEN is recorded there too.
public struct CircuitBreaker: Sendable {
  public let spec: CircuitBreakerSpec
  public private(set) var state: BreakerState = .closed
  /// Calls refused (OPEN, or HALF_OPEN with no trial calls left).
  public private(set) var notPermitted = 0
  /// Every state change so far, oldest first.
  public private(set) var transitions: [BreakerTransition] = []

  private var ring: [UInt8]  // bit 0: failed, bit 1: slow
  private var ringCount = 0
  private var ringNext = 0
  private var failures = 0
  private var slows = 0
  private var minimum: Int
  private var openedAt = 0.0
  private var trialPermitsLeft = 0

  /// Largest window accepted (larger is clamped).
  public static let maxWindow = 1_000_000

  public init(spec: CircuitBreakerSpec) {
    self.spec = spec
    let w = CircuitBreaker.clampCount(spec.window)
    ring = [UInt8](repeating: 0, count: w)
    minimum = min(CircuitBreaker.clampCount(spec.minimumCalls), w)
  }

  /// Asks to make a call at `now`.
  public mutating func tryAcquire(now: Double) -> BreakerPermission {
    switch state {
    case .closed:
      return BreakerPermission(permitted: true, transition: nil)
    case .open:
      guard now > openedAt + spec.waitInOpen else {
        notPermitted += 1
        return BreakerPermission(permitted: false, transition: nil)
      }
      let t = enterHalfOpen(now: now)
      trialPermitsLeft -= 1
      return BreakerPermission(permitted: true, transition: t)
    case .halfOpen:
      guard trialPermitsLeft > 0 else {
        notPermitted += 1
        return BreakerPermission(permitted: false, transition: nil)
      }
      trialPermitsLeft -= 1
      return BreakerPermission(permitted: true, transition: nil)
    }
  }

  /// Reports the outcome of a permitted call that took `duration` seconds and completed at
  /// `now`. Returns the state change it caused, if any.
  @discardableResult
  public mutating func record(success: Bool, duration: Double, now: Double) -> BreakerTransition? {
    guard state != .open else { return nil }
    let slow = duration > spec.slowCallDuration
    push(failed: !success, slow: slow)
    guard ringCount >= minimum else { return nil }
    let failureRate = Double(failures) / Double(ringCount)
    let slowRate = Double(slows) / Double(ringCount)
    let above = failureRate >= spec.failureRateThreshold || slowRate >= spec.slowCallRateThreshold
    switch state {
    case .closed:
      guard above else { return nil }
      return enterOpen(now: now, reason: reason(failureRate, slowRate, trial: false))
    case .halfOpen:
      if above { return enterOpen(now: now, reason: reason(failureRate, slowRate, trial: true)) }
      let fact = RunEvent.Fact.breakerClosed(
        failed: failures, calls: ringCount, failureRate: failureRate,
        threshold: spec.failureRateThreshold)
      return change(to: .closed, now: now, fact: fact, window: spec.window)
    case .open:
      return nil
    }
  }

  // MARK: - Transitions

  private mutating func enterOpen(now: Double, reason: RunEvent.Fact.BreakerTrip)
    -> BreakerTransition
  {
    openedAt = now
    return change(to: .open, now: now, fact: .breakerOpened(reason), window: spec.window)
  }

  private mutating func enterHalfOpen(now: Double) -> BreakerTransition {
    let n = CircuitBreaker.clampCount(spec.halfOpenCalls)
    trialPermitsLeft = n
    let fact = RunEvent.Fact.breakerHalfOpened(waited: spec.waitInOpen, trialCalls: n)
    return change(to: .halfOpen, now: now, fact: fact, window: n)
  }

  private mutating func change(
    to newState: BreakerState, now: Double, fact: RunEvent.Fact, window: Int
  ) -> BreakerTransition {
    let t = BreakerTransition(time: now, from: state, to: newState, fact: fact)
    state = newState
    let w = CircuitBreaker.clampCount(window)
    ring = [UInt8](repeating: 0, count: w)
    ringCount = 0
    ringNext = 0
    failures = 0
    slows = 0
    minimum =
      newState == .halfOpen ? w : min(CircuitBreaker.clampCount(spec.minimumCalls), w)
    transitions.append(t)
    return t
  }

  /// Why it opens: the failure rate when it reached its threshold, else the slow-call rate.
  private func reason(_ failureRate: Double, _ slowRate: Double, trial: Bool)
    -> RunEvent.Fact.BreakerTrip
  {
    if failureRate >= spec.failureRateThreshold {
      return RunEvent.Fact.BreakerTrip(
        measure: .failures, rate: failureRate, threshold: spec.failureRateThreshold,
        calls: ringCount, trial: trial, wait: spec.waitInOpen)
    }
    return RunEvent.Fact.BreakerTrip(
      measure: .slowCalls(slowerThan: spec.slowCallDuration), rate: slowRate,
      threshold: spec.slowCallRateThreshold, calls: ringCount, trial: trial,
      wait: spec.waitInOpen)
  }

  private mutating func push(failed: Bool, slow: Bool) {
    let bits: UInt8 = (failed ? 1 : 0) | (slow ? 2 : 0)
    if ringCount == ring.count {
      let old = ring[ringNext]
      if old & 1 != 0 { failures -= 1 }
      if old & 2 != 0 { slows -= 1 }
    } else {
      ringCount += 1
    }
    ring[ringNext] = bits
    if failed { failures += 1 }
    if slow { slows += 1 }
    ringNext = (ringNext + 1) % ring.count
  }

  static func clampCount(_ n: Int) -> Int { min(max(1, n), maxWindow) }

}
