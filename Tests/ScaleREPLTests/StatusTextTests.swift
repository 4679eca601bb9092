import Testing

@testable import ScaleREPL

@Test(arguments: [
  (0.0, "0.0%"), (0.1234, "12.3%"), (1, "100.0%"), (-0.5, "0.0%"), (Double.nan, "-"),
])
func formatsPercentages(fraction: Double, text: String) {
  #expect(StatusText.percent(fraction) == text)
}

@Test(arguments: [
  (0.0, "0s"), (10, "10s"), (0.152, "0.152s"), (2.5, "2.5s"), (3600, "3600s"),
  (Double.infinity, "-"),
])
func formatsSeconds(value: Double, text: String) {
  #expect(StatusText.seconds(value) == text)
}

@Test(arguments: [(3000.0, "3000"), (1234.56, "1234.6"), (0, "0"), (Double.nan, "-")])
func formatsNumbers(value: Double, text: String) {
  #expect(StatusText.number(value) == text)
}

@Test func padsColumns() {
  #expect(StatusText.pad("web", 5) == "web  ")
  #expect(StatusText.pad("web-123", 5) == "web-123")
}
