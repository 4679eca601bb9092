import Foundation
import ScaleModel

/// The offered rate over time: a base (constant, a linear ramp, or a sinusoidal cycle) and an
/// optional spike that overrides it until it ends.
struct RateProfile: Equatable {
  enum Base: Equatable {
    case constant(Double)
    /// Linear from `from` at `start` to `to` at `end`, then `to`.
    case ramp(from: Double, to: Double, start: Double, end: Double)
    case cycle(Cycle)
  }
  var base: Base
  var spikeRate: Double?
  var spikeEnd: Double = 0

  init(traffic: TrafficSpec?) {
    guard let traffic else {
      base = .constant(0)
      return
    }
    if let cycle = traffic.cycle, cycle.period > 0 {
      base = .cycle(cycle)
    } else {
      base = .constant(RateProfile.clean(traffic.rate))
    }
  }

  static func clean(_ r: Double) -> Double { r.isFinite && r > 0 ? r : 0 }

  /// The base rate at `t`, ignoring any spike.
  func baseRate(at t: Double) -> Double {
    switch base {
    case .constant(let r): return r
    case .ramp(let from, let to, let start, let end):
      if t >= end || end <= start { return to }
      if t <= start { return from }
      return from + (to - from) * (t - start) / (end - start)
    case .cycle(let c):
      let low = RateProfile.clean(c.low)
      let high = Swift.max(low, RateProfile.clean(c.high))
      return low + (high - low) * (1 - cos(2 * Double.pi * t / c.period)) / 2
    }
  }

  /// The rate at `t`.
  func rate(at t: Double) -> Double {
    if let s = spikeRate, t < spikeEnd { return s }
    return baseRate(at: t)
  }

  /// For thinning from time `t`: an upper bound of the rate until `end`, and whether the rate is
  /// constant (== bound) on [t, end), in which case every candidate is accepted.
  func envelope(at t: Double) -> (bound: Double, end: Double, exact: Bool) {
    if let s = spikeRate, t < spikeEnd { return (s, spikeEnd, true) }
    let horizon = spikeRate != nil && t < spikeEnd ? spikeEnd : Double.infinity
    switch base {
    case .constant(let r): return (r, horizon, true)
    case .ramp(let from, let to, let start, let end):
      if t >= end || end <= start { return (to, horizon, true) }
      return (Swift.max(from, to, baseRate(at: t)), Swift.min(end, horizon), from == to)
    case .cycle(let c):
      let low = RateProfile.clean(c.low)
      let high = Swift.max(low, RateProfile.clean(c.high))
      return (high, horizon, low == high)
    }
  }
}
