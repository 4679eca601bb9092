import Testing

@testable import ScaleEngine

@Suite struct TimeAverageTests {
  @Test func integratesPiecewiseConstantValues() {
    var a = TimeAverage(start: 0)
    a.set(2, at: 1)  // 0 on [0,1)
    a.set(5, at: 3)  // 2 on [1,3)
    a.advance(to: 4)  // 5 on [3,4)
    #expect(a.area == 9)
    a.restart(at: 4)
    a.advance(to: 6)
    #expect(a.area == 10)
  }

  @Test func ignoresTimeGoingBackwards() {
    var a = TimeAverage(start: 5, value: 1)
    a.advance(to: 4)
    #expect(a.area == 0)
  }
}
