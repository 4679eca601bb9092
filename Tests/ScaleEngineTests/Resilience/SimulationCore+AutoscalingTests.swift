import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct SimulationAutoscalingTests {
  func pool(_ n: Int) -> [ServerSpec] {
    (1...n).map {
      ServerSpec(
        name: "web-\($0)", pool: "web", service: .exponential(mean: 0.01), maxConnections: 10_000)
    }
  }

  /// A scripted load on a 2-server pool (100 rps per server): 100 rps (50 %), 180 rps from
  /// 60 s (90 % → one more server, then 60 %), 30 rps from 150 s (10 % → back to 2).
  @Test func thresholdDecisionsOnAScriptedLoad() {
    let scenario = Scenario(
      seed: 9, duration: 250, servers: pool(2), balancers: [BalancerSpec(name: "lb")],
      autoscalers: [
        AutoscalerSpec(group: "web", mode: .threshold(low: 0.3, high: 0.7), minimum: 2, maximum: 6)
      ],
      traffic: TrafficSpec(rate: 100),
      events: [
        TimedEvent(time: 60, action: .setRate(rps: 180)),
        TimedEvent(time: 150, action: .setRate(rps: 30)),
      ])
    let r = Engine.run(scenario)
    let scaling = r.events.filter {
      [.scaleOut, .scaleIn, .scaleUp, .scaleUpDone].contains($0.kind)
    }
    #expect(scaling.map(\.kind) == [.scaleOut, .scaleIn])
    #expect(scaling.map(\.time) == [90, 180])
    // The event names the server that appeared or went; the fact names the group.
    #expect(scaling.map(\.component) == ["web-3", "web-3"])
    guard case .scaledOut(let out) = scaling.first?.fact,
      case .scaledIn(let back) = scaling.last?.fact
    else {
      Issue.record("expected a scale-out and a scale-in fact")
      return
    }
    #expect([out.group, back.group] == ["web", "web"])
    #expect([out.from, out.to, back.from, back.to] == [2, 3, 3, 2])
    #expect(out.behind == "lb" && back.behind == nil)
    #expect([out.count, back.count] == [1, 1])
    if case .aboveHigh(_, let high, false) = out.reason {
      #expect(high == 0.7)
    } else {
      Issue.record("scale-out for \(out.reason)")
    }
    if case .belowLow(_, let low, false) = back.reason {
      #expect(low == 0.3)
    } else {
      Issue.record("scale-in for \(back.reason)")
    }
    #expect(r.component("web-3")?.completed ?? 0 > 0)
    #expect(r.errors.total == 0)
  }

  /// With a warm-up the new server takes traffic only after it; a second check while it warms
  /// does not add another (it counts as capacity on the way).
  @Test func warmupDelaysTheNewServer() {
    let scenario = Scenario(
      seed: 9, duration: 120, servers: pool(2), balancers: [BalancerSpec(name: "lb")],
      autoscalers: [
        AutoscalerSpec(
          group: "web", mode: .threshold(low: 0.1, high: 0.7), minimum: 2, maximum: 3, interval: 30,
          warmup: 45)
      ],
      traffic: TrafficSpec(rate: 170))
    let r = Engine.run(scenario)
    let kinds = r.events.map { "\($0.kind.rawValue)@\(Int($0.time))" }
    #expect(kinds == ["scale-out@30", "ready@75"])
    #expect(r.intervals.last?.servers == 3)
  }

  /// HPA target tracking: 2 servers at 90 % with a 45 % target → ceil(2 × 2) = 4.
  @Test func targetTracking() {
    let scenario = Scenario(
      seed: 3, duration: 50, servers: pool(2), balancers: [BalancerSpec(name: "lb")],
      autoscalers: [
        AutoscalerSpec(group: "web", mode: .target(utilisation: 0.45), minimum: 1, maximum: 8)
      ],
      traffic: TrafficSpec(rate: 180))
    let r = Engine.run(scenario)
    let out = r.events.filter { $0.kind == .scaleOut }
    // One event per new server, each naming it; the fact tells the whole step.
    #expect(out.map(\.component) == ["web-3", "web-4"])
    #expect(out.map(\.time) == [30, 30])
    let steps = out.compactMap { e -> RunEvent.Fact.AutoscaleStep? in
      if case .scaledOut(let step) = e.fact { return step }
      return nil
    }
    #expect(steps.map(\.position) == [1, 2])
    #expect(steps.allSatisfy { $0.from == 2 && $0.to == 4 && $0.count == 2 && $0.behind == "lb" })
  }
}
