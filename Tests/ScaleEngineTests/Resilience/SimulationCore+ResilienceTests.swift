import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct SimulationResilienceTests {
  /// A breaker around `api`, which fails from 20 s to 30 s: it opens once 5 of the last 10 calls
  /// failed, refuses for 5 s, trial calls fail while api is down (open again), and after api
  /// recovers the trial calls succeed and it closes.
  @Test func breakerTransitionsWhenAServerFails() {
    let scenario = Scenario(
      seed: 4, duration: 40,
      servers: [ServerSpec(name: "api", cores: 4, service: .exponential(mean: 0.002))],
      balancers: [BalancerSpec(name: "lb")],
      breakers: [
        CircuitBreakerSpec(
          name: "guard", target: "api", window: 10, minimumCalls: 10, waitInOpen: 5,
          halfOpenCalls: 2)
      ],
      traffic: TrafficSpec(rate: 100),
      events: [TimedEvent(time: 20, action: .fail(component: "api", duration: 10))])
    let r = Engine.run(scenario)
    let breaker = r.events.filter { $0.component == "guard" }
    #expect(
      breaker.map(\.kind) == [
        .breakerOpen, .breakerHalfOpen, .breakerOpen, .breakerHalfOpen, .breakerClosed,
      ])
    let times = breaker.map(\.time)
    #expect(times.count == 5)
    if times.count == 5 {
      #expect(times[0] > 20 && times[0] < 20.2)  // 5 failures at 100 rps
      #expect(times[1] > times[0] + 5 && times[1] < times[0] + 5.2)
      #expect(times[4] > 30 && times[4] < 36)
    }
    if case .breakerOpened(let trip) = breaker.first?.fact {
      #expect(trip.measure == .failures && trip.calls == 10 && !trip.trial)
      #expect(trip.rate == 0.5 && trip.threshold == 0.5)
    } else {
      Issue.record("the first breaker event is no opening: \(String(describing: breaker.first))")
    }
    let stats = r.component("guard")
    #expect(stats?.kind == .breaker)
    #expect((stats?.errors.breakerOpen ?? 0) == r.errors.breakerOpen)
    #expect(r.errors.breakerOpen > 900)  // about 10 s of 100 rps refused
    if times.count == 5 {
      #expect(abs((stats?.downTime ?? 0) - (times[4] - times[0])) < 1e-9)  // open → closed
    }
  }

  /// Retries count as load: against a server that is down all run, each request is tried
  /// `attempts` times; with a 20 % budget only 20 % of requests plus the reserve's 10 retries
  /// per second are retried.
  @Test func retriesMultiplyLoadAndBudgetsCapThem() {
    func run(budget: Double?) -> RunResult {
      Engine.run(
        Scenario(
          seed: 8, duration: 100,
          servers: [ServerSpec(name: "api", service: .constant(0.001))],
          retry: RetrySpec(attempts: 3, base: 0.001, cap: 0.004, jitter: .full, budget: budget),
          traffic: TrafficSpec(rate: 100),
          events: [TimedEvent(time: 0, action: .fail(component: "api", duration: nil))]))
    }
    let storm = run(budget: nil)
    let arrivals = storm.component("api")?.arrivals ?? 0
    #expect(abs(arrivals - 3 * storm.offered) <= 6)
    #expect(storm.errors.unavailable >= storm.offered - 2)
    let capped = run(budget: 0.2)
    let cappedArrivals = capped.component("api")?.arrivals ?? 0
    let retries = cappedArrivals - capped.offered
    // 20 % of ~10 000 requests plus 10 retries/s × 100 s.
    #expect(abs(Double(retries) - (0.2 * Double(capped.offered) + 1000)) < 100)
  }

  /// A token bucket at 500 rps (burst 50) in front of 1000 rps: about half is refused.
  @Test func rateLimitAdmitsItsRate() {
    let scenario = Scenario(
      seed: 2, duration: 100,
      servers: [ServerSpec(name: "api", cores: 8, service: .exponential(mean: 0.001))],
      rateLimits: [RateLimitSpec(name: "edge", rate: 500, burst: 50)],
      traffic: TrafficSpec(rate: 1000))
    let r = Engine.run(scenario)
    let edge = r.component("edge")
    #expect(edge?.kind == .rateLimit)
    let admittedRate = Double(edge?.completed ?? 0) / 100
    #expect(admittedRate > 490 && admittedRate <= 500.5 + 0.5)
    #expect(r.errors.rejected == edge?.errors.rejected)
    #expect(close(Double(r.completed), Double(edge?.completed ?? 0), within: 0.001))
  }

  /// Async writes go to a queue with one worker (M/M/1 at ρ = 0.5): enqueue → done averages
  /// 1/(μ − λ) = 20 ms while the client is answered at once.
  @Test func asyncWritesQueue() {
    let scenario = Scenario(
      seed: 12, duration: 2010, warmup: 10,
      queues: [QueueSpec(name: "jobs", workers: 1, service: .exponential(mean: 0.01))],
      traffic: TrafficSpec(rate: 50, readFraction: 0, asyncFraction: 1))
    let r = Engine.run(scenario)
    let q = r.component("jobs")
    #expect(q?.kind == .queue)
    #expect(close(q?.latency.mean ?? 0, 0.02, within: 0.05))
    #expect(close(q?.utilisation ?? 0, 0.5, within: 0.03))
    #expect(close(q?.meanQueueLength ?? 0, 0.5, within: 0.08))
    #expect(r.latency.max == 0)
  }
}
