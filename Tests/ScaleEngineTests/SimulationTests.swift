import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// The engine against queueing theory (semantics-notes §10, validation protocol: ~10⁶
/// requests, a warm-up, mean within 2 %, p99 within 5 %) and its own invariants.
@Suite struct SimulationTests {
  /// Little's law L = λW for every server: time-averaged number present vs admitted arrival
  /// rate × mean time spent there.
  static func expectLittlesLaw(_ r: RunResult, within tolerance: Double = 0.02) {
    for c in r.components where c.kind == .server && c.completed > 10_000 {
      let admitted = Double(c.arrivals - c.errors.rejected - c.errors.unavailable)
      let lambda = admitted / r.measuredDuration
      #expect(
        close(c.meanInSystem, lambda * c.latency.mean, within: tolerance),
        "\(c.name): L = \(c.meanInSystem), λW = \(lambda * c.latency.mean)")
    }
  }

  @Test(.tags(.slow)) func mm1MatchesTheory() {
    // λ = 800, μ = 1000: W = 1/(μ − λ) = 5 ms, p50 = ln 2/200, p99 = ln 100/200.
    let r = Engine.run(Scenarios.pool(mu: 1000, lambda: 800, duration: 1_000, warmup: 20, seed: 7))
    #expect(r.completed > 750_000)
    #expect(close(r.latency.mean, 0.005, within: 0.02), "mean \(r.latency.mean)")
    #expect(close(r.latency.p50, log(2.0) / 200, within: 0.05), "p50 \(r.latency.p50)")
    #expect(close(r.latency.p99, log(100.0) / 200, within: 0.05), "p99 \(r.latency.p99)")
    let web = r.component("web")
    #expect(close(web?.utilisation ?? 0, 0.8, within: 0.01))
    // Lq = ρ²/(1 − ρ) = 3.2.
    #expect(close(web?.meanQueueLength ?? 0, 3.2, within: 0.04))
    #expect(r.errors.total == 0)
    Self.expectLittlesLaw(r)
  }

  @Test(.tags(.slow), arguments: [(2, 1500.0), (4, 3000.0), (10, 8000.0)])
  func mmcWithOneSharedQueueMatchesErlangC(cores: Int, lambda: Double) {
    let mu = 1000.0
    let wq = QueueingFormulas.mmcWait(servers: cores, lambda: lambda, mu: mu)
    let r = Engine.run(
      Scenarios.pool(
        cores: cores, mu: mu, lambda: lambda, duration: 600_000 / lambda, warmup: 10_000 / lambda,
        seed: 3))
    #expect(
      close(r.latency.mean, wq + 1 / mu, within: 0.02), "W \(r.latency.mean) vs \(wq + 1 / mu)")
    #expect(close(r.component("web")?.meanQueueLength ?? 0, lambda * wq, within: 0.05))
    Self.expectLittlesLaw(r)
  }

  @Test func erlangCFormulaMatchesTheTestVectors() {
    #expect(abs(QueueingFormulas.erlangC(servers: 2, load: 1.5) - 0.642857) < 1e-6)
    #expect(abs(QueueingFormulas.erlangC(servers: 4, load: 3) - 0.509434) < 1e-6)
    #expect(abs(QueueingFormulas.erlangC(servers: 10, load: 8) - 0.409180) < 1e-6)
  }

  @Test(.tags(.slow)) func md1MatchesPollaczekKhinchine() {
    // Wq = ρ/(2μ(1 − ρ)) = 2 ms at λ = 800, μ = 1000; W = 3 ms.
    let r = Engine.run(
      Scenarios.pool(
        mu: 1000, lambda: 800, duration: 800, warmup: 20, service: .constant(0.001), seed: 5))
    #expect(close(r.latency.mean, 0.003, within: 0.02), "W \(r.latency.mean)")
    Self.expectLittlesLaw(r)
  }

  @Test(.tags(.slow)) func randomRoutingMakesIndependentMM1Queues() {
    // 4 servers at λ/4 = 800 each: every one an M/M/1 with W = 5 ms.
    let r = Engine.run(
      Scenarios.pool(
        count: 4, mu: 1000, lambda: 3200, duration: 250, warmup: 5, strategy: .random, seed: 9))
    #expect(close(r.latency.mean, 0.005, within: 0.02), "W \(r.latency.mean)")
    for c in r.components where c.kind == .server {
      #expect(close(c.utilisation, 0.8, within: 0.02))
    }
    Self.expectLittlesLaw(r)
  }

  @Test(.tags(.slow)) func connectionLimitBlocksAsMM1K() {
    // K = 5, ρ = 0.8: P_block = (1 − ρ)ρ⁵/(1 − ρ⁶) ≈ 0.08882.
    let r = Engine.run(
      Scenarios.pool(mu: 1000, lambda: 800, duration: 500, warmup: 5, maxConnections: 5, seed: 11))
    let blocking = QueueingFormulas.mm1kBlocking(rho: 0.8, capacity: 5)
    let measured = Double(r.errors.rejected) / Double(r.offered)
    #expect(close(measured, blocking, within: 0.03), "P_block \(measured) vs \(blocking)")
    #expect(r.component("web")?.errors.rejected == r.errors.rejected)
    Self.expectLittlesLaw(r)
  }

  @Test func roundRobinSpreadsEvenly() {
    let r = Engine.run(
      Scenarios.pool(count: 3, mu: 1000, lambda: 1500, duration: 20, strategy: .roundRobin, seed: 2)
    )
    let arrivals = r.components.filter { $0.kind == .server }.map(\.arrivals)
    #expect((arrivals.max() ?? 0) - (arrivals.min() ?? 0) <= 1)
  }

  @Test func sameSeedSameResultDifferentSeedDifferent() {
    let s = Scenarios.pool(
      count: 3, mu: 1000, lambda: 2000, duration: 20, warmup: 2, strategy: .powerOfTwo, seed: 4)
    var other = s
    other.seed = 5
    let a = Engine.run(s)
    #expect(a == Engine.run(s))
    #expect(a != Engine.run(other))
  }

  @Test func everyOfferedRequestIsAccountedFor() {
    let s = Scenarios.pool(
      count: 2, mu: 1000, lambda: 2500, duration: 30, warmup: 3, strategy: .leastConnections,
      maxConnections: 20, seed: 6, timeout: 0.01)
    let sim = Simulation(scenario: s)
    sim.runToEnd()
    let r = sim.result()
    let inFlight = sim.snapshot().inFlight
    #expect(r.errors.rejected > 0 && r.errors.timedOut > 0)
    // Requests sent during the warm-up may still be in flight, so ≤, and tight.
    #expect(r.completed + r.errors.total <= r.offered)
    #expect(r.offered - r.completed - r.errors.total <= inFlight)
  }

  @Test func constantArrivalsAreEvenlySpaced() {
    let r = Engine.run(
      Scenarios.pool(
        mu: 1000, lambda: 100, duration: 10, service: .constant(0.001), seed: 1, arrivals: .constant
      ))
    #expect(r.offered == 999 || r.offered == 1000)
    #expect(abs(r.latency.max - 0.001) < 1e-9)
    #expect(r.component("web")?.maxQueueLength == 0)
  }

  @Test func contentionStretchesServiceByUSL() {
    // 8 cores, σ = 0.05, κ = 0.001: saturated, throughput ≈ C(8)/E[S] = 5.69 × 1000 at most.
    var s = Scenarios.pool(
      cores: 8, mu: 1000, lambda: 20_000, duration: 20, warmup: 2, maxConnections: 100, seed: 3)
    s.servers[0].contention = Contention(sigma: 0.05, kappa: 0.001)
    let r = Engine.run(s)
    let capacity = Contention(sigma: 0.05, kappa: 0.001).capacity(cores: 8) * 1000
    #expect(close(r.throughput, capacity, within: 0.03), "X \(r.throughput) vs \(capacity)")
  }

  @Test func noTrafficRunsToTheEnd() {
    let sim = Simulation(scenario: Scenario(duration: 5, servers: [ServerSpec(name: "a")]))
    sim.runToEnd()
    #expect(sim.isFinished)
    #expect(sim.now == 5)
    #expect(sim.result().offered == 0)
  }

  @Test func runInStepsEqualsOneRun() {
    let s = Scenarios.pool(
      count: 2, mu: 1000, lambda: 1000, duration: 10, strategy: .roundRobin, seed: 8)
    let stepped = Simulation(scenario: s)
    var t = 0.0
    while !stepped.isFinished {
      t += 0.7
      stepped.run(until: t)
    }
    #expect(stepped.result() == Engine.run(s))
  }

  @Test func shouldStopInterruptsWithPartialFigures() {
    let s = Scenarios.pool(mu: 1000, lambda: 800, duration: 100, seed: 1)
    var calls = 0
    let r = Engine.run(s) {
      calls += 1
      return calls >= 3
    }
    #expect(r.interrupted)
    #expect(r.duration < 100 && r.duration > 0)
    #expect(r.offered > 0)
  }

  @Test func intervalsCoverTheRun() {
    let r = Engine.run(Scenarios.pool(mu: 1000, lambda: 500, duration: 600, seed: 1))
    #expect(r.intervals.count == 60)
    #expect(r.intervals.first?.start == 0 && r.intervals.last?.end == 600)
    #expect(r.intervals.reduce(0) { $0 + $1.offered } == r.offered)
    #expect(close(r.intervals[30].utilisation["web"] ?? 0, 0.5, within: 0.1))
    #expect(SimulationCore.intervalLength(for: 60) == 1)
    #expect(SimulationCore.intervalLength(for: 600) == 10)
    #expect(SimulationCore.intervalLength(for: 3600) == 100)
    #expect(SimulationCore.intervalLength(for: 86_400) == 2000)
  }
}

@Suite struct BalancingInSimulationTests {
  @Test func weightedSharesFollowWeights() throws {
    let s = Scenario(
      seed: 1, duration: 20,
      servers: [ServerSpec(name: "a", cores: 4), ServerSpec(name: "b", cores: 4)],
      balancers: [
        BalancerSpec(
          name: "lb", strategy: .weighted,
          backends: [Backend(server: "a", weight: 3), Backend(server: "b", weight: 1)])
      ],
      traffic: TrafficSpec(rate: 2000))
    let r = Engine.run(s)
    let a = try #require(r.component("a"))
    let b = try #require(r.component("b"))
    #expect(abs(a.arrivals - 3 * b.arrivals) <= 3)
  }

  @Test func leastConnectionsBeatsRoundRobinOnUnequalServers() {
    func run(_ strategy: BalancingStrategy) -> RunResult {
      Engine.run(
        Scenario(
          seed: 2, duration: 60, warmup: 5,
          servers: [
            ServerSpec(name: "fast", service: .exponential(mean: 0.0005)),
            ServerSpec(name: "slow", service: .exponential(mean: 0.002)),
          ],
          balancers: [BalancerSpec(name: "lb", strategy: strategy)],
          traffic: TrafficSpec(rate: 800)))
    }
    let rr = run(.roundRobin)
    let lc = run(.leastConnections)
    let p2c = run(.powerOfTwo)
    // Round robin sends the slow server 400 rps (ρ = 0.8); least-connections shifts load away.
    #expect(lc.latency.mean < 0.5 * rr.latency.mean)
    #expect(p2c.latency.mean < 0.5 * rr.latency.mean)
  }

  @Test func hashBalancingUsesKeys() {
    let s = Scenario(
      seed: 3, duration: 10,
      servers: (1...4).map { ServerSpec(name: "s\($0)", cores: 2) },
      balancers: [BalancerSpec(name: "lb", strategy: .hash)],
      traffic: TrafficSpec(rate: 2000, keys: .zipf(exponent: 1.2, count: 1000)))
    let r = Engine.run(s)
    let arrivals = r.components.filter { $0.kind == .server }.map(\.arrivals)
    // Zipf keys make the top key's server hot: the shares are far from equal.
    #expect((arrivals.max() ?? 0) > 2 * (arrivals.min() ?? 0))
    #expect(arrivals.reduce(0, +) == r.offered)
  }
}
