import ScaleModel
import Testing

@testable import ScaleEngine
@testable import ScaleREPL

@Test(arguments: [
  (0.0, "0.0%"), (0.1234, "12.3%"), (1, "100.0%"), (-0.5, "0.0%"), (Double.nan, "-"),
])
func formatsPercentages(fraction: Double, text: String) {
  #expect(StatusText.percent(fraction) == text)
}

/// Issue 10 item 18: times in the REPL use the reports' one duration formatter (`42.8s`,
/// `152ms`, `1h00m`), not raw seconds with three decimals (`t = 42.762s`).
@Test func statusTimesUseTheReportsDurations() throws {
  let snapshot = SimulationSnapshot(
    time: 42.762, duration: 3600, rate: 100, components: [], recentEvents: [], servers: 1,
    offered: 0, completed: 0, errors: ErrorCounts(), inFlight: 0, eventsProcessed: 0)
  let text = StatusText.render(snapshot)
  #expect(text.hasPrefix("t = 42.8s of 1h00m  ·"), "\(text)")
}

@Test(arguments: [(3000.0, "3000"), (1234.56, "1234.6"), (0, "0"), (Double.nan, "-")])
func formatsNumbers(value: Double, text: String) {
  #expect(StatusText.number(value) == text)
}

@Test func padsColumns() {
  #expect(StatusText.pad("web", 5) == "web  ")
  #expect(StatusText.pad("web-123", 5) == "web-123")
}
