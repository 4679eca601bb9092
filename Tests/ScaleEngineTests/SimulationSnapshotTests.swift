import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct SimulationSnapshotTests {
  @Test func snapshotShowsStateNow() throws {
    let s = Scenario(
      seed: 1, duration: 20,
      servers: [
        ServerSpec(name: "web-1", cores: 2, service: .constant(1), maxConnections: 50),
        ServerSpec(name: "web-2", cores: 2, service: .constant(1), maxConnections: 50),
      ],
      balancers: [BalancerSpec(name: "lb", strategy: .roundRobin)],
      traffic: TrafficSpec(rate: 10, arrivals: .constant))
    let sim = Simulation(scenario: s)
    sim.run(until: 5)
    let snap = sim.snapshot()
    #expect(snap.time == 5)
    #expect(snap.duration == 20)
    #expect(snap.rate == 10)
    #expect(snap.servers == 2)
    let web1 = try #require(snap.components.first { $0.name == "web-1" })
    #expect(web1.kind == .server && web1.cores == 2 && web1.busy == 2)
    // 25 arrivals each (every 0.1 s, alternating), 2 cores × 1 s: 8 finished by 5 s.
    #expect(web1.inSystem == web1.busy + web1.queueLength)
    #expect(web1.inSystem == 25 - 8)
    #expect(web1.healthy && !web1.failed && !web1.markedDown)
    let lb = try #require(snap.components.first { $0.name == "lb" })
    #expect(lb.kind == .balancer && lb.cores == 4 && lb.inSystem == 2 * web1.inSystem)
    #expect(snap.inFlight == lb.inSystem)
    #expect(snap.offered == 49 || snap.offered == 50)
  }

  /// A queue's snapshot is its workers' station's: busy workers, messages waiting, and
  /// busy over provisioned worker-seconds so far.
  @Test func aQueueShowsItsWorkers() throws {
    let s = Scenario(
      seed: 1, duration: 20,
      queues: [QueueSpec(name: "jobs", workers: 2, service: .constant(1))],
      traffic: TrafficSpec(rate: 10, arrivals: .constant, readFraction: 0, asyncFraction: 1))
    let sim = Simulation(scenario: s)
    sim.run(until: 5)
    let snap = sim.snapshot()
    let jobs = try #require(snap.components.first { $0.name == "jobs" })
    // A message every 0.1 s from 0.1 s, 2 workers × 1 s: 8 done by 5 s, 2 in service, the
    // workers busy from 0.1 s and 0.2 s on.
    #expect(jobs.kind == .queue && jobs.cores == 2 && jobs.busy == 2)
    #expect(jobs.inSystem == snap.offered - 8 && jobs.queueLength == jobs.inSystem - 2)
    #expect(jobs.coreSeconds == 10)
    #expect(abs(jobs.busyCoreSeconds - 9.7) < 1e-9)
    #expect(abs(jobs.utilisation - 0.97) < 1e-9)
    #expect(jobs.healthy && !jobs.failed)
  }
}
