import Foundation
import ScaleModel

/// Arrival times. Poisson arrivals use thinning (Lewis & Shedler 1979) against the rate
/// profile's envelope: candidates come from a Poisson process at the envelope's bound and are
/// kept with probability rate(t)/bound; where the rate is constant the bound is the rate and
/// every candidate is kept without a second draw, so constant rates are exactly exponential
/// gaps. At an envelope boundary the candidate is dropped and drawing restarts there
/// (memorylessness makes that exact). Constant arrivals are spaced 1/rate(t) apart.
extension SimulationCore {
  mutating func firstArrival() -> Double {
    traffic.poisson ? nextArrivalTime(after: 0) : nextConstantArrival(after: 0)
  }

  @inline(__always)
  mutating func nextArrivalTime(after t: Double) -> Double {
    traffic.poisson ? nextPoissonArrival(after: t) : nextConstantArrival(after: t)
  }

  @inline(__always)
  mutating func nextPoissonArrival(after start: Double) -> Double {
    // A constant rate and no spike (most scripts): the envelope is the rate itself, for
    // ever, and every candidate is accepted — the thinning loop in one step, same draws.
    // Inline, the loop apart: this runs once per request.
    if traffic.profile.spikeRate == nil, case .constant(let rate) = traffic.profile.base,
      rate > 0
    {
      if start >= duration { return .infinity }
      let t = start - log(traffic.arrivalRng.nextOpenDouble()) / rate
      return t >= duration ? .infinity : t
    }
    return nextThinnedArrival(after: start)
  }

  /// The next Poisson arrival under a varying rate (thinning against the envelope).
  @inline(never)
  mutating func nextThinnedArrival(after start: Double) -> Double {
    var t = start
    // Each pass either returns or moves t forward; the pass count bounds pathological profiles.
    for _ in 0..<1_000_000 {
      if t >= duration { return .infinity }
      let (bound, end, exact) = traffic.profile.envelope(at: t)
      if !(bound > 0) {
        if end.isFinite && end > t {
          t = end
          continue
        }
        return .infinity
      }
      let candidate = t - log(traffic.arrivalRng.nextOpenDouble()) / bound
      if candidate >= end {
        t = end
        continue
      }
      t = candidate
      if t >= duration { return .infinity }
      if exact || traffic.arrivalRng.nextDouble() * bound <= traffic.profile.rate(at: t) {
        return t
      }
    }
    return .infinity
  }

  mutating func nextConstantArrival(after start: Double) -> Double {
    var t = start
    for _ in 0..<100_000 {
      if t >= duration { return .infinity }
      let r = traffic.profile.rate(at: t)
      if r > 0 {
        let next = t + 1 / r
        return next < duration ? next : .infinity
      }
      let (_, end, _) = traffic.profile.envelope(at: t)
      if end.isFinite && end > t {
        t = end
      } else if case .cycle(let c) = traffic.profile.base, c.period > 0 {
        t += c.period / 1000
      } else {
        return .infinity
      }
    }
    return .infinity
  }

  /// After the rate changed: redraw the next arrival from now (exact for Poisson by
  /// memorylessness; constant arrivals keep their spacing from the last arrival at the new
  /// rate, but never before now).
  mutating func rescheduleArrival() {
    guard scenario.traffic != nil else { return }
    if traffic.poisson {
      traffic.nextArrival = nextPoissonArrival(after: now)
    } else {
      let next = nextConstantArrival(after: traffic.lastArrival)
      traffic.nextArrival = next < now ? nextConstantArrival(after: now) : next
    }
  }

  // MARK: - Rate events

  mutating func setRate(_ rps: Double) {
    traffic.profile.base = .constant(RateProfile.clean(rps))
    rescheduleArrival()
  }

  mutating func ramp(to rps: Double, over seconds: Double) {
    let from = traffic.profile.baseRate(at: now)
    let d = seconds.isFinite ? Swift.max(0, seconds) : 0
    traffic.profile.base = .ramp(from: from, to: RateProfile.clean(rps), start: now, end: now + d)
    rescheduleArrival()
  }

  mutating func spike(to rps: Double, for seconds: Double) {
    let d = seconds.isFinite ? Swift.max(0, seconds) : 0
    traffic.spikeEpoch &+= 1
    traffic.profile.spikeRate = RateProfile.clean(rps)
    traffic.profile.spikeEnd = now + d
    events.schedule(at: now + d, kind: .spikeEnd, b: traffic.spikeEpoch)
    rescheduleArrival()
  }

  mutating func spikeEnded(epoch: UInt32) {
    guard epoch == traffic.spikeEpoch, traffic.profile.spikeRate != nil else { return }
    traffic.profile.spikeRate = nil
    note(RunEvent.trafficComponent, .spikeOver(rps: traffic.profile.baseRate(at: now)))
    rescheduleArrival()
  }
}
