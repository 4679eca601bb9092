/// A token bucket (§9 of the semantics notes; Envoy's local rate limit): up to `capacity`
/// tokens, refilled continuously at `rate` tokens per second, computed lazily at each
/// request as tokens = min(capacity, tokens + rate × elapsed). A request passes iff a token
/// is there, and takes it. The bucket starts full, so it admits a burst of `capacity` and
/// then `rate` per second.
public struct TokenBucket: Sendable, Equatable {
  public let rate: Double
  public let capacity: Double
  public private(set) var tokens: Double
  private var last: Double
  public private(set) var admitted = 0
  public private(set) var rejected = 0

  /// Refill arithmetic may fall short of a whole token by rounding; this much counts as whole.
  static let slack = 1e-9

  /// A full bucket at `now`. Non-finite or negative rates refill nothing; capacity ≥ 0.
  public init(rate: Double, burst: Int, now: Double = 0) {
    self.rate = rate.isFinite && rate > 0 ? rate : 0
    self.capacity = Double(max(0, burst))
    self.tokens = self.capacity
    self.last = now
  }

  /// Tokens available at `now` (no side effects).
  public func available(at now: Double) -> Double {
    let elapsed = max(0, now - last)
    return min(capacity, tokens + rate * elapsed)
  }

  /// A request at `now` costing `cost` tokens: refills, then takes the tokens if there are
  /// enough. Returns whether the request passes.
  public mutating func tryTake(now: Double, cost: Double = 1) -> Bool {
    tokens = available(at: now)
    last = max(last, now)
    if tokens + TokenBucket.slack >= cost {
      tokens = max(0, tokens - cost)
      admitted += 1
      return true
    }
    rejected += 1
    return false
  }

  /// Zeroes the admitted / rejected counters (end of warm-up).
  public mutating func resetCounters() {
    admitted = 0
    rejected = 0
  }
}
