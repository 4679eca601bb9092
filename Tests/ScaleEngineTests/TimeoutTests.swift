import ScaleModel
import Testing

@testable import ScaleEngine

/// Client timeouts (SimulationCore+RequestPath): counted once, never also a success.
@Suite struct TimeoutTests {
  @Test func timeoutsAreCountedOnceAndLateCompletionsAreNotSuccesses() throws {
    // 25 rps into a server that does 20 rps: the queue grows, most requests time out while
    // queued and are still served later.
    let s = Scenario(
      seed: 3, duration: 100,
      servers: [ServerSpec(name: "web", service: .constant(0.05), maxConnections: 10_000)],
      traffic: TrafficSpec(rate: 25, arrivals: .constant, timeout: 0.5))
    let sim = Simulation(scenario: s)
    sim.runToEnd()
    let r = sim.result()
    let web = try #require(r.component("web"))
    #expect(r.errors.timedOut > 1000)
    #expect(r.latency.max <= 0.5)
    #expect(web.completed > r.completed)
    // Every request is either completed, timed out (once), or still in flight untimed.
    #expect(r.completed + r.errors.timedOut <= r.offered)
    #expect(r.offered - r.completed - r.errors.timedOut <= sim.snapshot().inFlight)
  }
}

@Suite struct DeadlineCompactionTests {
  @Test func longTimeoutsDoNotPileUpDeadlines() {
    // 5000 rps, 1 h timeout, requests done in ~1 ms: without compaction 50 000 deadlines
    // would wait in the FIFO after 10 s.
    let s = Scenario(
      seed: 1, duration: 10, servers: [ServerSpec(name: "web", cores: 8)],
      traffic: TrafficSpec(rate: 5000, timeout: 3600))
    let sim = Simulation(scenario: s)
    sim.runToEnd()
    #expect(sim.core.deadlines.count <= 4 * sim.core.activeRequests + 4097)
    #expect(sim.result().errors.timedOut == 0)
  }
}
