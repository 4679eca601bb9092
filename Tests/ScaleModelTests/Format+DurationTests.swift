import ScaleModel
import Testing

/// One duration formatter, in the styles the outputs use. Each table is what the style's
/// former formatter printed for these values (engine `formatSeconds`, `CircuitBreaker.seconds`,
/// `KeywordDocs.time`, `Lowering.describe`, `Sweep.millis`), so the move changed no output.
@Suite struct FormatDurationTests {
  @Test(arguments: [
    (30.0, "30 s"), (0.25, "250 ms"), (120.0, "2 min"), (90.0, "90 s"), (1.5, "1.5 s"),
    (0.0005, "0.5 ms"), (0.0, "0 s"), (1.0 / 3.0, "333.333 ms"), (7.0 / 3.0, "2.333 s"),
  ])
  func spoken(seconds: Double, text: String) {
    #expect(Format.duration(seconds, .spoken) == text)
  }

  @Test(arguments: [
    (60.0, "60 s"), (0.5, "0.5 s"), (120.0, "120 s"), (Double.infinity, "inf s"),
    (Double.nan, "nan s"),
  ])
  func seconds(seconds: Double, text: String) {
    #expect(Format.duration(seconds, .seconds) == text)
  }

  @Test(arguments: [(0.5, "500 ms"), (5.0, "5 s"), (60.0, "60 s"), (0.002, "2 ms")])
  func secondsOrMilliseconds(seconds: Double, text: String) {
    #expect(Format.duration(seconds, .secondsOrMilliseconds) == text)
  }

  @Test(arguments: [
    (90.0, "90s"), (600.0, "10min"), (7200.0, "2h"), (0.25, "250ms"), (5400.0, "90min"),
    (1.5, "1.5s"),
  ])
  func script(seconds: Double, text: String) {
    #expect(Format.duration(seconds, .script) == text)
  }

  @Test func millisecondsOneDecimal() {
    #expect(Format.duration(0.01234, .millisecondsOneDecimal) == "12.3ms")
    #expect(Format.duration(0.2, .millisecondsOneDecimal) == "200.0ms")
  }

  @Test func compactIsTheDefault() {
    #expect(Format.duration(0.0123) == Format.duration(0.0123, .compact(digits: 3)))
    #expect(Format.duration(125) == "2m05s")
  }

  @Test func theEnginesNumbers() {
    #expect(Format.upToThreeDecimals(2000) == "2000")
    #expect(Format.upToThreeDecimals(1.5) == "1.5")
    #expect(Format.upToThreeDecimals(1.0 / 3.0) == "0.333")
    #expect(Format.upToThreeDecimals(1e16) == "10000000000000000")
    #expect(Format.upToThreeDecimals(.nan) == "nan")
    #expect(Format.shortest(0.5) == "0.5")
    #expect(Format.shortest(-0.0) == "0")
  }
}
