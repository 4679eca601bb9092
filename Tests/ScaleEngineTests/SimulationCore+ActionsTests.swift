import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct EventActionTests {
  static func base(events: [TimedEvent], rate: Double = 1000, duration: Double = 60) -> Scenario {
    Scenario(
      seed: 2, duration: duration,
      servers: (1...2).map { ServerSpec(name: "web-\($0)", cores: 2) },
      balancers: [BalancerSpec(name: "lb", strategy: .roundRobin)],
      traffic: TrafficSpec(rate: rate), events: events)
  }

  static func offered(_ r: RunResult, from: Double, to: Double) -> Double {
    let xs = r.intervals.filter { $0.start >= from && $0.end <= to }
    return Double(xs.reduce(0) { $0 + $1.offered }) / (to - from)
  }

  @Test func stepRampAndSpikeChangeTheOfferedRate() {
    let r = Engine.run(
      Self.base(
        events: [
          TimedEvent(time: 10, action: .setRate(rps: 2000)),
          TimedEvent(time: 20, action: .ramp(rps: 4000, duration: 10)),
          TimedEvent(time: 40, action: .spike(rps: 8000, duration: 5)),
        ], duration: 60))
    #expect(close(Self.offered(r, from: 0, to: 10), 1000, within: 0.05))
    #expect(close(Self.offered(r, from: 10, to: 20), 2000, within: 0.04))
    #expect(close(Self.offered(r, from: 20, to: 30), 3000, within: 0.04))
    #expect(close(Self.offered(r, from: 30, to: 40), 4000, within: 0.03))
    #expect(close(Self.offered(r, from: 40, to: 45), 8000, within: 0.03))
    #expect(close(Self.offered(r, from: 45, to: 60), 4000, within: 0.03))
    #expect(
      r.events.map(\.fact) == [
        .trafficSet(rps: 2000), .trafficRamps(from: 2000, to: 4000, over: 10),
        .trafficSpikes(to: 8000, seconds: 5), .spikeOver(rps: 4000),
      ])
  }

  @Test func dailyCycleAveragesItsMidpoint() {
    var s = Self.base(events: [], duration: 100)
    s.traffic = TrafficSpec(rate: 0, cycle: Cycle(low: 500, high: 1500, period: 50))
    let r = Engine.run(s)
    #expect(close(Double(r.offered) / 100, 1000, within: 0.02))
    #expect(Self.offered(r, from: 0, to: 5) < Self.offered(r, from: 20, to: 30))
  }

  @Test func addAndRemoveServers() throws {
    let r = Engine.run(
      Self.base(events: [
        TimedEvent(
          time: 10, action: .addServer(ServerSpec(name: "web-3", cores: 2), balancer: "lb")),
        TimedEvent(time: 30, action: .removeServer(name: "web-1")),
      ]))
    let web3 = try #require(r.component("web-3"))
    let web1 = try #require(r.component("web-1"))
    // web-3 gets a third of 1000 rps for 20 s, then half for 30 s.
    #expect(close(Double(web3.arrivals), 1000.0 / 3 * 20 + 500 * 30, within: 0.03))
    #expect(close(Double(web1.arrivals), 500 * 10 + 1000.0 / 3 * 20, within: 0.03))
    #expect(r.events.map(\.kind) == [.addServer, .removeServer])
    #expect(r.errors.total == 0)
  }

  @Test func scaleUpWithDowntimeDropsHeldRequestsAndComesBackBigger() throws {
    let sim = Simulation(
      scenario: Self.base(events: [
        TimedEvent(
          time: 10,
          action: .scaleUp(component: "web-1", cores: 8, ramGB: 64, storageGB: nil, downtime: 5))
      ]))
    sim.run(until: 12)
    let during = try #require(sim.snapshot().components.first { $0.name == "web-1" })
    #expect(during.failed && during.cores == 2)
    sim.runToEnd()
    let r = sim.result()
    let web1 = try #require(r.component("web-1"))
    #expect(web1.cores == 8)
    #expect(abs(web1.downTime - 5) < 1e-9)
    #expect(r.events.map(\.kind) == [.scaleUp, .scaleUpDone])
    #expect(r.events.last?.fact == .backAfterScaleUp(station: .server, cores: 8))
    #expect(r.errors.total == 0)  // failover to web-2 while it was down
  }

  @Test func failWithDurationRecoversByItself() throws {
    let r = Engine.run(
      Self.base(events: [TimedEvent(time: 5, action: .fail(component: "web-2", duration: 10))]))
    #expect(r.events.map(\.kind) == [.fail, .recover])
    #expect(abs((r.events.last?.time ?? 0) - 15) < 1e-9)
    #expect(abs((try #require(r.component("web-2"))).downTime - 10) < 1e-9)
  }

  @Test func applyBetweenStepsAndUnknownNames() throws {
    let sim = Simulation(scenario: Self.base(events: []))
    sim.run(until: 5)
    sim.apply(.fail(component: "web-1", duration: nil))
    sim.apply(.fail(component: "nope", duration: nil))
    sim.run(until: 10)
    let snap = sim.snapshot()
    #expect(snap.time == 10)
    #expect(snap.components.first { $0.name == "web-1" }?.failed == true)
    #expect(snap.recentEvents.map(\.kind) == [.fail, .ignored])
    #expect(snap.recentEvents.last?.fact == .ignored(.noSuchComponent(.fail)))
    #expect(snap.recentEvents.last?.component == "nope")
  }
}

@Suite struct LastServerTests {
  @Test func removingTheOnlyServerMakesRequestsUnavailable() {
    let r = Engine.run(
      Scenario(
        seed: 1, duration: 10, servers: [ServerSpec(name: "solo")],
        traffic: TrafficSpec(rate: 100, arrivals: .constant),
        events: [TimedEvent(time: 5, action: .removeServer(name: "solo"))]))
    #expect(r.completed >= 498 && r.completed <= 500)
    #expect(r.errors.unavailable >= 498 && r.errors.unavailable <= 500)
  }

  @Test func addingASecondServerWithoutABalancerSpreadsRoundRobin() throws {
    let r = Engine.run(
      Scenario(
        seed: 1, duration: 10, servers: [ServerSpec(name: "a")],
        traffic: TrafficSpec(rate: 100, arrivals: .constant),
        events: [TimedEvent(time: 5, action: .addServer(ServerSpec(name: "b"), balancer: nil))]))
    let a = try #require(r.component("a"))
    let b = try #require(r.component("b"))
    #expect(abs(b.arrivals - 250) <= 1)
    #expect(abs(a.arrivals - 750) <= 1)
    #expect(r.components.count == 2)  // the implicit balancer is not reported
  }
}
