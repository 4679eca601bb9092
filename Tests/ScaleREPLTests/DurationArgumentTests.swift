import Testing

@testable import ScaleREPL

@Test(arguments: [
  ("10s", 10.0), ("500ms", 0.5), ("2min", 120), ("1h", 3600), ("1d", 86_400), ("250us", 0.000_25),
  ("1.5s", 1.5), ("3", 3),
])
func parsesDurations(text: String, seconds: Double) {
  #expect(DurationArgument.seconds(text) == seconds)
}

@Test(arguments: [
  "", "s", "10m", "0s", "-5s", ".5s", "5.s", "1e3s", "nan", "inf", "99999999999d", "1,5s",
])
func rejectsBadDurations(text: String) {
  #expect(DurationArgument.seconds(text) == nil)
}
