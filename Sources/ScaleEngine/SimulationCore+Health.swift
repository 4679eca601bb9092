import ScaleModel

/// Active health checks with HAProxy's semantics (`inter`, `fall`, `rise`): each backend is
/// checked every `interval`; `fall` consecutive failures mark it down (the balancer stops
/// choosing it), `rise` consecutive successes mark it up again.
///
/// Stagger: backend j of n is first checked at `interval × j / n` after the run starts (HAProxy
/// spreads its checks the same way), then every `interval`. A server added later is first
/// checked one interval after it joins.
///
/// A check fails when the server is unavailable (failed, or down for a scale-up), or when its
/// answer would take longer than `timeout`. The answer time is modelled as the queueing delay a
/// request would see now — (requests present − cores + 1)⁺ × mean service / cores — plus one
/// service-time sample (drawn from the balancer's own health stream, so checks never shift the
/// servers' draws). Intervals below 1 ms are treated as 1 ms, and a balancer checks each
/// backend at most 10⁶ times and all its backends at most 10⁸ times per run (the interval is
/// at least duration / 10⁶ and duration × backends / 10⁸), so a run cannot drown in checks:
/// `every 1ms` over a 366-day run was 3 × 10¹⁰ checks per backend.
extension SimulationCore {
  /// The time between two checks of one backend of balancer `b` (see the floors above).
  func healthInterval(_ check: HealthCheckSpec, balancer b: Int) -> Double {
    let backends = b >= 0 && b < balancers.count ? balancers.all[b].count : 1
    return Swift.max(
      check.interval, 0.001, duration / 1_000_000,
      duration * Double(Swift.max(1, backends)) / 100_000_000)
  }

  mutating func scheduleInitialHealthChecks(balancer b: Int) {
    guard let check = balancers.all[b].healthCheck, check.interval > 0, check.interval.isFinite
    else {
      return
    }
    let interval = healthInterval(check, balancer: b)
    let n = balancers.all[b].count
    for p in 0..<n {
      let offset = interval * Double(p) / Double(n)
      events.schedule(
        at: now + offset, kind: .healthCheck, a: Int32(truncatingIfNeeded: b),
        b: UInt32(truncatingIfNeeded: p))
    }
  }

  mutating func healthCheck(balancer b: Int, position p: Int) {
    guard b >= 0, b < balancers.count, p >= 0, p < balancers.all[b].count,
      let check = balancers.all[b].healthCheck
    else { return }
    if balancers.all[b].draining[p] { return }  // removed servers are no longer checked
    let s = balancers.all[b].servers[p]
    let ok = checkPasses(server: s, timeout: check.timeout, balancer: b)
    let name = stations.all[s].name
    let fall = Swift.max(1, check.fall)
    let rise = Swift.max(1, check.rise)
    if ok {
      balancers.all[b].consecutiveFails[p] = 0
      balancers.all[b].consecutiveOks[p] += 1
      if balancers.all[b].markedDown[p] && balancers.all[b].consecutiveOks[p] >= rise {
        balancers.all[b].markedDown[p] = false
        balancers.all[b].updateEligible(p)
        stations.all[s].markedDownCount -= 1
        stations.all[s].stats.downTime.set(stations.all[s].isDown ? 1 : 0, at: now)
        note(name, .markedUp(checks: rise))
      }
    } else {
      balancers.all[b].consecutiveOks[p] = 0
      balancers.all[b].consecutiveFails[p] += 1
      if !balancers.all[b].markedDown[p] && balancers.all[b].consecutiveFails[p] >= fall {
        balancers.all[b].markedDown[p] = true
        balancers.all[b].updateEligible(p)
        stations.all[s].markedDownCount += 1
        stations.all[s].stats.downTime.set(1, at: now)
        let slowerThan = stations.all[s].unavailable ? nil : check.timeout
        note(name, .markedDown(checks: fall, slowerThan: slowerThan))
      }
    }
    events.schedule(
      at: now + healthInterval(check, balancer: b), kind: .healthCheck,
      a: Int32(truncatingIfNeeded: b),
      b: UInt32(truncatingIfNeeded: p))
  }

  mutating func checkPasses(server s: Int, timeout: Double, balancer b: Int) -> Bool {
    if stations.all[s].unavailable { return false }
    let cores = Double(stations.all[s].cores)
    let ahead = Double(Swift.max(0, stations.all[s].inSystem - stations.all[s].cores + 1))
    var sampler = stations.all[s].service
    let answer = ahead * sampler.mean / cores + sampler.sample(&balancers.all[b].healthRng)
    return answer <= timeout
  }
}
