extension Format {
  /// How a duration is written for people. One formatter for every module; the styles are
  /// the house styles the outputs already use, each in its own place (a report's figure is
  /// not a sentence's setting), so no output changed when they were brought together here.
  /// Machine formats (JUnit's `time=`, a time written back into a script) are not styles:
  /// their syntax is prescribed elsewhere.
  public enum DurationStyle: Sendable, Equatable, Hashable {
    /// `850µs`, `12.3ms`, `1.25s`, `2m05s`, `1h02m05s`, `2d03h`: figures in reports, with
    /// `digits` significant digits below a minute.
    case compact(digits: Int)
    /// `250 ms`, `30 s`, `2 min`: the run events' narration (up to three decimals).
    case spoken
    /// `60 s`, `0.5 s`: a setting in seconds in the run events' narration (breaker waits,
    /// slow-call durations, autoscaler warm-ups, database outages).
    case seconds
    /// `30 ms`, `5 s`: a default in the keyword docs (hover, completion).
    case secondsOrMilliseconds
    /// `250ms`, `90s`, `10min`, `2h`: as a script writes it, for the checker's messages.
    case script
    /// `12.3ms`: milliseconds with one decimal, for aligned table columns (sweeps).
    case millisecondsOneDecimal
  }

  /// A duration in seconds with a unit chosen by size: `850µs`, `12.3ms`, `1.25s`,
  /// `2m05s`, `1h02m05s`, `2d03h`. Below one minute `digits` significant digits are shown.
  public static func duration(_ seconds: Double, digits: Int = 3) -> String {
    duration(seconds, .compact(digits: digits))
  }

  /// `seconds` written in `style`.
  public static func duration(_ seconds: Double, _ style: DurationStyle) -> String {
    switch style {
    case .compact(let digits): return compact(seconds, digits: digits)
    case .spoken:
      if seconds >= 60 && (seconds / 60) == (seconds / 60).rounded() {
        return upToThreeDecimals(seconds / 60) + " min"
      }
      if seconds < 1 && seconds > 0 { return upToThreeDecimals(seconds * 1000) + " ms" }
      return upToThreeDecimals(seconds) + " s"
    case .seconds:
      return shortest(seconds) + " s"
    case .secondsOrMilliseconds:
      return seconds < 1 ? shortest(seconds * 1000) + " ms" : shortest(seconds) + " s"
    case .script:
      if seconds >= 3600, (seconds / 3600).rounded() == seconds / 3600 {
        return shortest(seconds / 3600) + "h"
      }
      if seconds >= 60, (seconds / 60).rounded() == seconds / 60 {
        return shortest(seconds / 60) + "min"
      }
      if seconds < 1 { return shortest((seconds * 1e6).rounded() / 1000) + "ms" }
      return shortest(seconds) + "s"
    case .millisecondsOneDecimal:
      return fixed(seconds * 1000, decimals: 1) + "ms"
    }
  }

  static func compact(_ seconds: Double, digits: Int) -> String {
    guard seconds.isFinite else { return seconds.isNaN ? "nan" : (seconds < 0 ? "-inf" : "inf") }
    if seconds < 0 { return "-" + compact(-seconds, digits: digits) }
    if seconds == 0 { return "0s" }
    if seconds < 1e-6 { return significant(seconds * 1e9, digits: digits) + "ns" }
    if seconds < 1e-3 {
      let text = significant(seconds * 1e6, digits: digits)
      return text == "1000" ? "1ms" : text + "µs"
    }
    if seconds < 1 {
      let text = significant(seconds * 1e3, digits: digits)
      return text == "1000" ? "1s" : text + "ms"
    }
    if seconds < 59.5 { return significant(seconds, digits: digits) + "s" }
    guard seconds < exactLimit else { return seconds.description + "s" }
    let total = Int64(seconds.rounded())
    if total < 3600 { return "\(total / 60)m" + twoDigits(total % 60) + "s" }
    if total < 86_400 {
      let rest = total % 3600
      let tail = rest % 60 == 0 ? "m" : "m" + twoDigits(rest % 60) + "s"
      return "\(total / 3600)h" + twoDigits(rest / 60) + tail
    }
    return "\(total / 86_400)d" + twoDigits((total % 86_400) / 3600) + "h"
  }

  /// A whole number without a fraction, else Swift's shortest round-trip text (`0.5`).
  public static func shortest(_ x: Double) -> String {
    x == x.rounded() && Swift.abs(x) < exactLimit ? String(Int64(x)) : x.description
  }

  /// A whole number without a fraction, else at most three decimals without trailing zeros
  /// (`1.5`, `0.333`): the engine's numbers in sentences (rates, sizes, durations).
  public static func upToThreeDecimals(_ x: Double) -> String {
    if x.isFinite && x == x.rounded() && Swift.abs(x) < 9e18 { return String(Int64(x)) }
    return trimZeros(fixed(x, decimals: 3))
  }
}
