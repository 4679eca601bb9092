import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct MetricsTests {
  @Test func warmupIsLeftOut() throws {
    // Constant arrivals every 10 ms, constant 5 ms service: 500 requests after the 5 s warm-up.
    let s = Scenario(
      seed: 1, duration: 10, warmup: 5,
      servers: [ServerSpec(name: "web", service: .constant(0.005))],
      traffic: TrafficSpec(rate: 100, arrivals: .constant))
    let r = Engine.run(s)
    #expect(r.warmup == 5 && r.measuredDuration == 5)
    #expect(r.offered == 500 || r.offered == 499)
    #expect(abs(r.latency.mean - 0.005) < 1e-9)
    let web = try #require(r.component("web"))
    #expect(abs(web.utilisation - 0.5) < 0.002)
    #expect(abs(web.arrivals - 500) <= 1)
    #expect(web.meanQueueLength == 0)
    // The time series still covers the warm-up.
    #expect(r.intervals.reduce(0) { $0 + $1.offered } >= 999)
  }

  @Test func utilisationFollowsCoresThroughAScaleUp() throws {
    // 1 core busy half the time for 10 s, then 2 cores at the same load for 10 s:
    // busy core-seconds 10, available 10 + 20 = 30.
    let s = Scenario(
      seed: 1, duration: 20,
      servers: [ServerSpec(name: "web", service: .constant(0.005))],
      traffic: TrafficSpec(rate: 100, arrivals: .constant),
      events: [
        TimedEvent(
          time: 10,
          action: .scaleUp(component: "web", cores: 2, ramGB: nil, storageGB: nil, downtime: 0))
      ])
    let r = Engine.run(s)
    let web = try #require(r.component("web"))
    #expect(abs(web.utilisation - 10.0 / 30) < 0.002)
    #expect(web.cores == 2)
    #expect(
      r.events.first?.fact == .scaledUp(.init(station: .server, cores: 2, downtime: nil)))
  }

  /// A server that joins halfway: its L is over the whole measured window (zero before it
  /// existed), its utilisation over its own core-seconds, and the balancer's utilisation sums
  /// core-seconds (docs/engine.md, "One window for every figure").
  @Test func aLateServerIsAveragedOverTheWindow() throws {
    // 100 rps, constant 5 ms, 1 core each. 0–10 s: web-1 alone (50 % busy). 10–20 s: round
    // robin over two, 25 % each. web-2: 2.5 busy-s in its 10 s life, over a 20 s window.
    let s = Scenario(
      seed: 1, duration: 20,
      servers: [ServerSpec(name: "web-1", service: .constant(0.005))],
      balancers: [BalancerSpec(name: "lb")],
      traffic: TrafficSpec(rate: 100, arrivals: .constant),
      events: [
        TimedEvent(
          time: 10,
          action: .addServer(ServerSpec(name: "web-2", service: .constant(0.005)), balancer: "lb"))
      ])
    let r = Engine.run(s)
    let web1 = try #require(r.component("web-1"))
    let web2 = try #require(r.component("web-2"))
    let lb = try #require(r.component("lb"))
    #expect(abs(web2.utilisation - 0.25) < 0.002)
    #expect(abs(web2.meanInSystem - 0.125) < 0.002)
    #expect(abs(web1.utilisation - 0.375) < 0.002)
    #expect(abs(web1.meanInSystem - 0.375) < 0.002)
    // Busy 10 core-seconds of 10 + 2 × 10 provisioned; L of the pool = the sum.
    #expect(abs(lb.utilisation - 10.0 / 30) < 0.002)
    #expect(abs(lb.meanInSystem - 0.5) < 0.002)
    // Little's law per server with λ = completed / window.
    for c in [web1, web2] {
      let lw = Double(c.completed) / r.measuredDuration * c.latency.mean
      #expect(abs(c.meanInSystem - lw) < 0.001)
    }
  }

  /// A server removed halfway leaves once drained: its utilisation is over its own life, its
  /// L over the whole window.
  @Test func aRemovedServerStopsProvisioningOnceDrained() throws {
    // 100 rps, constant 5 ms, round robin over two 1-core servers (25 % each) until web-2 is
    // removed at 10 s; then web-1 alone (50 %). web-2: 2.5 busy-s in a 10 s life.
    let s = Scenario(
      seed: 1, duration: 20,
      servers: [
        ServerSpec(name: "web-1", service: .constant(0.005)),
        ServerSpec(name: "web-2", service: .constant(0.005)),
      ],
      balancers: [BalancerSpec(name: "lb")],
      traffic: TrafficSpec(rate: 100, arrivals: .constant),
      events: [TimedEvent(time: 10, action: .removeServer(name: "web-2"))])
    let r = Engine.run(s)
    let web2 = try #require(r.component("web-2"))
    let lb = try #require(r.component("lb"))
    #expect(abs(web2.utilisation - 0.25) < 0.002)
    #expect(abs(web2.meanInSystem - 0.125) < 0.002)
    // Busy 10 core-seconds of 2 × 10 + 10 provisioned; at the end only web-1's core is left.
    #expect(abs(lb.utilisation - 10.0 / 30) < 0.002)
    #expect(lb.cores == 1)
  }
}
