import ScaleModel

/// Delays between retries: exponential backoff with the jitter modes of the AWS
/// Architecture Blog ("Exponential Backoff And Jitter", Brooker 2015).
///
/// Retry n (n = 1 for the first retry) has the exponential ceiling
/// `expo(n) = min(cap, base · 2^(n−1))`, so the first retry waits up to `base`:
/// - none: `expo(n)`
/// - full: `U(0, expo(n))`
/// - equal: `expo(n)/2 + U(0, expo(n)/2)`
/// - decorrelated: `min(cap, U(base, 3 · previous))` with `previous` starting at `base`; it
///   depends on the previous delay, so a `Backoff` value belongs to one request's retries.
public struct Backoff: Sendable, Equatable {
  public let base: Double
  public let cap: Double
  public let jitter: Jitter
  /// The previous delay (decorrelated jitter's state).
  public private(set) var previous: Double

  /// `previous`: the delay before the last retry, to resume a request's decorrelated sequence
  /// (nil or not positive: none yet, start from `base`).
  public init(base: Double, cap: Double, jitter: Jitter, previous: Double? = nil) {
    self.base = base.isFinite ? max(0, base) : 0
    self.cap = cap.isFinite ? max(0, cap) : self.base
    self.jitter = jitter
    if let p = previous, p.isFinite, p > 0 {
      self.previous = p
    } else {
      self.previous = self.base
    }
  }

  public init(spec: RetrySpec, previous: Double? = nil) {
    self.init(base: spec.base, cap: spec.cap, jitter: spec.jitter, previous: previous)
  }

  /// The exponential ceiling of retry `n` (1-based; n < 1 counts as 1).
  public static func ceiling(retry n: Int, base: Double, cap: Double) -> Double {
    // 2^(n−1) exactly; exponents past Double's range give +∞, which the cap absorbs.
    let power = Double(sign: .plus, exponent: min(max(1, n), 4096) - 1, significand: 1)
    let raw = base * power
    return raw.isFinite ? min(cap, raw) : cap
  }

  /// The delay before retry `n`, given a uniform draw `u` in [0, 1) (clamped there).
  public mutating func delay(retry n: Int, uniform u: Double) -> Double {
    let r = u.isFinite ? min(max(u, 0), 1) : 0
    let expo = Backoff.ceiling(retry: n, base: base, cap: cap)
    let d: Double
    switch jitter {
    case .none: d = expo
    case .full: d = r * expo
    case .equal: d = expo / 2 + r * expo / 2
    case .decorrelated:
      let high = max(base, 3 * previous)
      d = min(cap, base + r * (high - base))
    }
    previous = d
    return d
  }
}
