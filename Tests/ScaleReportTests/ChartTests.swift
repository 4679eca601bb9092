import Testing

@testable import ScaleReport

@Test func sparklineScalesToMaximum() {
  #expect(Chart.sparkline([0, 1, 2, 3, 4, 5, 6, 7], width: 20, merge: .mean) == "▁▂▃▄▅▆▇█")
  #expect(Chart.sparkline([0, 0, 0], width: 20, merge: .mean) == "▁▁▁")
  #expect(Chart.sparkline([], width: 20, merge: .mean) == "")
}

@Test func resamplingKeepsWidthAndMerges() {
  let values = (0..<100).map(Double.init)
  let means = Chart.resample(values, width: 10, merge: .mean)
  #expect(means.count == 10)
  #expect(means.first == 4.5)
  #expect(Chart.resample(values, width: 10, merge: .maximum).last == 99)
  #expect(Chart.sparkline(values, width: 7, merge: .maximum).count == 7)
}

@Test func heatRowUsesFixedScale() {
  #expect(Chart.heat([0, 0.1, 0.3, 0.6, 0.8, 1.5], width: 10) == " ░▒▓██")
}
