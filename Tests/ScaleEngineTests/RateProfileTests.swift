import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct RateProfileTests {
  @Test func rampIsLinearThenFlat() {
    var p = RateProfile(traffic: TrafficSpec(rate: 100))
    p.base = .ramp(from: 100, to: 300, start: 10, end: 20)
    #expect(p.rate(at: 5) == 100)
    #expect(p.rate(at: 15) == 200)
    #expect(p.rate(at: 25) == 300)
    let e = p.envelope(at: 12)
    #expect(e.bound == 300 && e.end == 20 && !e.exact)
  }

  @Test func spikeOverridesUntilItsEnd() {
    var p = RateProfile(traffic: TrafficSpec(rate: 100))
    p.spikeRate = 1000
    p.spikeEnd = 30
    #expect(p.rate(at: 29.9) == 1000)
    #expect(p.rate(at: 30) == 100)
    #expect(p.envelope(at: 10).end == 30)
  }

  @Test func cycleIsLowestAtZeroAndHighestAtHalfPeriod() {
    let p = RateProfile(
      traffic: TrafficSpec(rate: 0, cycle: Cycle(low: 500, high: 3000, period: 100)))
    #expect(abs(p.rate(at: 0) - 500) < 1e-9)
    #expect(abs(p.rate(at: 50) - 3000) < 1e-9)
    #expect(abs(p.rate(at: 25) - 1750) < 1e-9)
    #expect(p.envelope(at: 10).bound == 3000)
  }
}
