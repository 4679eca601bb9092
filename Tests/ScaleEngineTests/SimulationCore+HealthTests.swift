import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct HealthCheckTests {
  static func scenario(failover: Bool, fall: Int = 3, rise: Int = 2) -> Scenario {
    Scenario(
      seed: 1, duration: 60,
      servers: (1...3).map { ServerSpec(name: "web-\($0)") },
      balancers: [
        BalancerSpec(
          name: "lb", strategy: .roundRobin,
          healthCheck: HealthCheckSpec(interval: 5, timeout: 1, fall: fall, rise: rise),
          failover: failover)
      ],
      traffic: TrafficSpec(rate: 600),
      events: [TimedEvent(time: 10, action: .fail(component: "web-2", duration: 30))])
  }

  @Test func failedServerIsMarkedDownAfterFallChecksAndUpAfterRise() throws {
    let r = Engine.run(Self.scenario(failover: true))
    // web-2 is backend 1 of 3: checked at 5/3 + 5k s. It fails at 10, so checks at
    // 11.67, 16.67 and 21.67 fail (fall 3 → down at 21.67); it recovers at 40, checks at
    // 41.67 and 46.67 pass (rise 2 → up at 46.67).
    let down = try #require(r.events.first { $0.kind == .markedDown })
    #expect(down.component == "web-2")
    #expect(abs(down.time - (5.0 / 3 + 20)) < 1e-9)
    #expect(down.fact == .markedDown(checks: 3, slowerThan: nil))
    let up = try #require(r.events.first { $0.kind == .markedUp })
    #expect(abs(up.time - (5.0 / 3 + 45)) < 1e-9)
    #expect(up.fact == .markedUp(checks: 2))
    #expect(r.events.map(\.kind) == [.fail, .markedDown, .recover, .markedUp])
    // With failover every refused request went to another server.
    #expect(r.errors.total == 0)
    let web2 = try #require(r.component("web-2"))
    #expect(abs(web2.downTime - (46.0 + 2.0 / 3 - 10)) < 1e-6)
    #expect(web2.healthy)
  }

  @Test func withoutFailoverTrafficFailsUntilTheChecksNotice() throws {
    let r = Engine.run(Self.scenario(failover: false))
    let web2 = try #require(r.component("web-2"))
    // Round robin sends a third of 600 rps to web-2 from 10 s until it is marked down.
    let expected = 200 * (5.0 / 3 + 20 - 10)
    #expect(abs(Double(web2.errors.unavailable) - expected) < 0.1 * expected)
    #expect(r.errors.unavailable == web2.errors.unavailable)
  }

  @Test func overloadedServerFailsChecksByTimeout() throws {
    // One slow server (1 s per request, 200 connections) gets 10 rps: its queue grows and a
    // check's answer soon takes longer than the 1 s timeout.
    let s = Scenario(
      seed: 1, duration: 60,
      servers: [
        ServerSpec(name: "slow", service: .constant(1), maxConnections: 200),
        ServerSpec(name: "fast"),
      ],
      balancers: [
        BalancerSpec(
          name: "lb", strategy: .roundRobin,
          healthCheck: HealthCheckSpec(interval: 2, timeout: 1, fall: 2, rise: 2))
      ],
      traffic: TrafficSpec(rate: 20))
    let r = Engine.run(s)
    let down = try #require(r.events.first { $0.kind == .markedDown })
    #expect(down.component == "slow")
    if case .markedDown(2, let slowerThan) = down.fact {
      #expect(slowerThan != nil)
    } else {
      Issue.record("marked down: \(down.fact)")
    }
  }
}
