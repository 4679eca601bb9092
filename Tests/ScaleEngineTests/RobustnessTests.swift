import ScaleModel
import Testing

@testable import ScaleEngine

/// Absurd input never crashes or hangs the engine: every run ends at its duration.
@Suite struct RobustnessTests {
  static let weird: [Scenario] = [
    Scenario(duration: .nan, servers: [ServerSpec(name: "a")], traffic: TrafficSpec(rate: 100)),
    Scenario(duration: -5, servers: [ServerSpec(name: "a")], traffic: TrafficSpec(rate: 100)),
    Scenario(
      duration: 2, warmup: 50,
      servers: [
        ServerSpec(name: "a", cores: 0, service: .uniform(low: .nan, high: -1), maxConnections: -3),
        ServerSpec(
          name: "b", cores: -4, service: .normal(mean: -1, stddev: .infinity), weight: Int.max),
        ServerSpec(name: "c", service: .lognormal(mean: .infinity, stddev: 1), weight: 0),
      ],
      balancers: [
        BalancerSpec(
          name: "lb", strategy: .weighted,
          backends: [Backend(server: "b", weight: Int.max), Backend(server: "ghost", weight: 1)],
          healthCheck: HealthCheckSpec(interval: 1e-12, timeout: .nan, fall: 0, rise: -1))
      ],
      traffic: TrafficSpec(
        rate: .infinity, cycle: Cycle(low: -5, high: .nan, period: -1), readFraction: .nan,
        keys: .zipf(exponent: .nan, count: -7), timeout: -1),
      events: [
        TimedEvent(time: .nan, action: .setRate(rps: 5)),
        TimedEvent(time: -1, action: .spike(rps: -10, duration: .infinity)),
        TimedEvent(time: 0.5, action: .ramp(rps: .nan, duration: .nan)),
        TimedEvent(
          time: 1,
          action: .scaleUp(
            component: "a", cores: Int.max, ramGB: nil, storageGB: nil, downtime: .nan)),
        TimedEvent(time: 1, action: .fail(component: "nope", duration: -1)),
        TimedEvent(time: 1.5, action: .addServer(ServerSpec(name: "a"), balancer: "ghost")),
        TimedEvent(time: 1.5, action: .removeServer(name: "c")),
        TimedEvent(time: 1.7, action: .setCacheNodes(cache: "none", nodes: -1)),
      ]),
    Scenario(
      duration: 3, servers: [ServerSpec(name: "a")],
      traffic: TrafficSpec(
        rate: 1000, cycle: Cycle(low: 0, high: 0, period: 10), arrivals: .constant)),
    Scenario(duration: 3, traffic: TrafficSpec(rate: 1000)),
  ]

  @Test(arguments: 0..<weird.count)
  func weirdScenariosRunToTheirEnd(index: Int) {
    let s = Self.weird[index]
    let sim = Simulation(scenario: s)
    sim.runToEnd()
    #expect(sim.isFinished)
    let r = sim.result()
    #expect(r.completed + r.errors.total <= r.offered)
    #expect(r.latency.mean.isFinite)
  }
}
