import ScaleModel
import Testing

@testable import ScaleEngine

/// Issue 10 item 20: requests in flight cannot grow without bound (`max-connections 10M`
/// with `service const 366d` reached 4.5 GB): beyond the engine's cap arrivals are rejected
/// and the run says so once.
@Test func requestsInFlightAreCappedWithANote() {
  let scenario = Scenarios.pool(
    mu: 1, lambda: 1000, duration: 1, service: .constant(366 * 86_400),
    maxConnections: 10_000_000)
  let sim = Simulation(scenario: scenario)
  sim.core.maxInFlight = 100
  sim.runToEnd()
  let r = sim.result()
  #expect(sim.core.activeRequests == 100)
  #expect(r.errors.rejected == r.offered - 100)
  #expect(r.events.filter { $0.kind == .capped }.count == 1)
  #expect(
    r.events.first { $0.kind == .capped }?.fact
      == .capReached(limit: 100, held: .requestsInFlight))
}

@Test func theDefaultCapIsTheDocumentedOne() {
  #expect(SimulationCore.defaultMaxInFlight == 2_000_000)
}
