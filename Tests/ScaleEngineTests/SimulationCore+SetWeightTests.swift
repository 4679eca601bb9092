import ScaleModel
import Testing

@testable import ScaleEngine

/// `EventAction.setWeight` in a running simulation: the share of traffic follows the weights
/// before and after, and the timeline narrates the change.
@Suite struct SimulationCoreSetWeightTests {
  /// web-1…web-4 of weight 4 and a canary of weight 1 behind a weighted balancer.
  static func scenario(strategy: BalancingStrategy, events: [TimedEvent] = []) -> Scenario {
    var servers = (1...4).map {
      ServerSpec(name: "web-\($0)", cores: 4, service: .exponential(mean: 0.005), weight: 4)
    }
    servers.append(
      ServerSpec(name: "canary", cores: 4, service: .exponential(mean: 0.005), weight: 1))
    return Scenario(
      seed: 5, duration: 60, servers: servers,
      balancers: [BalancerSpec(name: "lb", strategy: strategy)],
      traffic: TrafficSpec(rate: 1000), events: events)
  }

  static func arrivals(_ simulation: Simulation) -> [Int] {
    let result = simulation.result()
    return ["web-1", "web-2", "web-3", "web-4", "canary"].map {
      result.component($0)?.arrivals ?? -1
    }
  }

  @Test func weightedSharesFollowTheWeightBeforeAndAfter() {
    let simulation = Simulation(
      scenario: Self.scenario(
        strategy: .weighted,
        events: [
          TimedEvent(time: 30, action: .setWeight(balancer: "lb", server: "canary", weight: 4))
        ]))
    simulation.run(until: 30)
    let before = Self.arrivals(simulation)
    simulation.runToEnd()
    let total = Self.arrivals(simulation)
    let after = zip(total, before).map { $0 - $1 }
    let beforeSum = Double(before.reduce(0, +))
    let afterSum = Double(after.reduce(0, +))
    // Smooth WRR is exact up to one cycle: 1/17 of the requests, then 4/20.
    #expect(abs(Double(before[4]) / beforeSum - 1.0 / 17) < 0.001)
    #expect(abs(Double(after[4]) / afterSum - 0.2) < 0.001)
    #expect(abs(Double(after[0]) / afterSum - 0.2) < 0.001)
    let events = simulation.result().events.filter { $0.kind == .weight }
    #expect(events.map(\.fact) == [.weightChanged(server: "canary", from: 1, to: 4)])
    #expect(events.map(\.component) == ["lb"])
    #expect(events.map(\.time) == [30])
  }

  @Test func leastConnectionsLeansOnTheNewWeight() {
    // nginx least_conn compares connections / weight; ties (often 0 connections at this
    // load) rotate, so weight 1 against 4 gives the canary about 15 % rather than 1/17, and
    // weight 1000 makes it win every comparison with a busy server: about 41 %.
    let simulation = Simulation(scenario: Self.scenario(strategy: .leastConnections))
    simulation.run(until: 30)
    let before = Self.arrivals(simulation)
    simulation.apply(.setWeight(balancer: "lb", server: "canary", weight: 1000))
    simulation.runToEnd()
    let after = zip(Self.arrivals(simulation), before).map { $0 - $1 }
    let share = { (counts: [Int]) in Double(counts[4]) / Double(counts.reduce(0, +)) }
    #expect(abs(share(before) - 0.149) < 0.01, "\(share(before))")
    #expect(abs(share(after) - 0.415) < 0.01, "\(share(after))")
  }

  @Test func unknownTargetsAreNarratedAndIgnored() {
    let simulation = Simulation(scenario: Self.scenario(strategy: .weighted))
    simulation.run(until: 1)
    simulation.apply(.setWeight(balancer: "nope", server: "canary", weight: 2))
    simulation.apply(.setWeight(balancer: "lb", server: "ghost", weight: 2))
    let ignored = simulation.result().events.filter { $0.kind == .ignored }
    #expect(ignored.map(\.component) == ["nope", "lb"])
    #expect(
      ignored.map(\.fact) == [
        .ignored(.noSuchComponent(.setWeight)), .ignored(.notBehindBalancer(server: "ghost")),
      ])
  }
}
