import Testing

@testable import ScaleModel

@Test(arguments: [
  (0.0, "0s"), (0.00085, "850µs"), (0.0000125, "12.5µs"), (0.0123, "12.3ms"), (0.2, "200ms"),
  (1.25, "1.25s"), (125.0, "2m05s"), (59.4, "59.4s"), (119.7, "2m00s"), (3725.0, "1h02m05s"),
  (7200.0, "2h00m"), (183_600.0, "2d03h"), (0.0000005, "500ns"), (0.0009996, "1ms"),
  (-0.5, "-500ms"), (Double.infinity, "inf"), (Double.nan, "nan"),
])
func durationFormatting(seconds: Double, text: String) {
  #expect(Format.duration(seconds) == text)
}

@Test func durationWithFourDigits() {
  #expect(Format.duration(0.1432, digits: 4) == "143.2ms")
  #expect(Format.duration(0.2501, digits: 4) == "250.1ms")
}

@Test(arguments: [
  (0.0052, "0.52%"), (0.001, "0.1%"), (0.853, "85.3%"), (1.0, "100%"), (0.0, "0%"),
  (0.0000001, "<0.001%"), (0.00001, "0.001%"), (0.9996, "100.0%"), (0.5, "50%"),
])
func percentFormatting(share: Double, text: String) {
  #expect(Format.percent(share) == text)
}

@Test(arguments: [
  (850.0, "850 rps"), (1200.0, "1.2k rps"), (1234.0, "1.23k rps"), (12.5, "12.5 rps"),
  (999.7, "1k rps"), (3_450_000.0, "3.45M rps"), (0.0, "0 rps"),
])
func rateFormatting(rate: Double, text: String) {
  #expect(Format.rate(rate) == text)
}

@Test func fixedAndCounts() {
  #expect(Format.fixed(1.5, decimals: 2) == "1.50")
  #expect(Format.fixed(-0.0001, decimals: 2) == "0.00")
  #expect(Format.fixed(-2.25, decimals: 1) == "-2.3")
  #expect(Format.fixed(1e300, decimals: 2) == "1e+300")
  #expect(Format.count(1_234_567) == "1,234,567")
  #expect(Format.count(0) == "0")
  #expect(Format.count(-1000) == "-1,000")
  #expect(Format.count(Int.min) == "-9,223,372,036,854,775,808")
  #expect(Format.significant(9.996, digits: 3) == "10")
  #expect(Format.significant(0.012345, digits: 3) == "0.0123")
}

@Test(arguments: [(300.0, "5:00"), (5.0, "0:05"), (3725.0, "1:02:05"), (300.5, "5:00.5")])
func clockFormatting(seconds: Double, text: String) {
  #expect(Format.clock(seconds) == text)
}

@Test func machineNumbersAreShortestRoundTrip() {
  #expect(Format.machine(0.1) == "0.1")
  #expect(Format.machine(600) == "600.0")
  #expect(Format.machine(.nan) == nil)
}
