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

  /// The queue's workers are a station: M/M/4 at λ = 150, μ = 50 per worker (ρ = 0.75)
  /// matches Erlang C — Wq = C(4, 3)/(4μ − λ), W = Wq + 1/μ, Lq = λWq — and Little's law
  /// L = λW holds on the queue's row (L: waiting + in service, W: enqueue to done).
  @Test(.tags(.slow)) func queueWorkersMatchErlangCAndLittlesLaw() {
    let (workers, lambda, mu) = (4, 150.0, 50.0)
    let scenario = Scenario(
      seed: 5, duration: 1010, warmup: 10,
      queues: [QueueSpec(name: "jobs", workers: workers, service: .exponential(mean: 1 / mu))],
      traffic: TrafficSpec(rate: lambda, readFraction: 0, asyncFraction: 1))
    let r = Engine.run(scenario)
    guard let q = r.component("jobs") else {
      Issue.record("no row for the queue")
      return
    }
    let wq = QueueingFormulas.mmcWait(servers: workers, lambda: lambda, mu: mu)
    #expect(q.completed > 140_000)
    #expect(q.cores == workers)
    #expect(close(q.latency.mean, wq + 1 / mu, within: 0.03), "W \(q.latency.mean)")
    #expect(close(q.meanQueueLength, lambda * wq, within: 0.08), "Lq \(q.meanQueueLength)")
    #expect(close(q.utilisation, lambda / mu / Double(workers), within: 0.02))
    let throughput = Double(q.completed) / r.measuredDuration
    #expect(
      close(q.meanInSystem, throughput * q.latency.mean, within: 0.01),
      "L \(q.meanInSystem) vs λW \(throughput * q.latency.mean)")
    #expect(q.writes == q.completed)
    // The time series has the queue's utilisation and depth, as the station table's.
    #expect(r.intervals.allSatisfy { $0.utilisation["jobs"] != nil })
    #expect(r.intervals.allSatisfy { $0.queueLength["jobs"] != nil })
  }

  /// One worker at 100 per second gets 150 messages per second, at most 10 waiting: `reject`
  /// refuses the excess (the client sees the errors), `drop-oldest` takes every message and
  /// drops waiting ones instead (the client sees none); either way the queue counts them as
  /// rejected and never holds more than 10 waiting.
  @Test(arguments: [QueueOverflow.reject, .dropOldest])
  func queueOverflowInARun(overflow: QueueOverflow) {
    let scenario = Scenario(
      seed: 8, duration: 60,
      queues: [
        QueueSpec(
          name: "jobs", workers: 1, service: .exponential(mean: 0.01), maxDepth: 10,
          overflow: overflow)
      ],
      traffic: TrafficSpec(rate: 150, readFraction: 0, asyncFraction: 1))
    let r = Engine.run(scenario)
    guard let q = r.component("jobs") else {
      Issue.record("no row for the queue")
      return
    }
    #expect(q.maxQueueLength == 10)
    #expect(q.errors.rejected > 2000)
    let present = q.arrivals - q.completed - q.errors.rejected
    #expect(present >= 0 && present <= 11)
    #expect(q.arrivals == r.offered)
    switch overflow {
    case .reject: #expect(r.errors.rejected == q.errors.rejected)
    case .dropOldest: #expect(r.errors.total == 0)
    }
  }

  /// Messages waiting are capped like requests in flight: beyond the cap the queue refuses
  /// them, and the run says so once.
  @Test func queuedMessagesAreCappedWithANote() {
    let scenario = Scenario(
      seed: 3, duration: 2,
      queues: [QueueSpec(name: "jobs", workers: 1, service: .constant(100))],
      traffic: TrafficSpec(rate: 500, readFraction: 0, asyncFraction: 1))
    let sim = Simulation(scenario: scenario)
    sim.core.maxInFlight = 100
    sim.runToEnd()
    let r = sim.result()
    #expect(r.component("jobs")?.maxQueueLength == 100)
    #expect(r.errors.rejected == r.offered - 101)
    let capped = r.events.filter { $0.kind == .capped }
    #expect(capped.count == 1 && capped.first?.component == "jobs")
  }
}
