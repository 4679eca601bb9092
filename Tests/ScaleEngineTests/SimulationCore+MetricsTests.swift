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
    #expect(r.events.first?.detail == "web scales up to 2 cores with no downtime")
  }
}
