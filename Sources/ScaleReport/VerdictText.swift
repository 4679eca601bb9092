import ScaleModel

/// Text pieces of a verdict shared by every report.
public enum VerdictText {
  /// The statement as written, or rebuilt from its parts when the text is empty.
  public static func statement(_ expectation: Expectation) -> String {
    if !expectation.text.isEmpty { return expectation.text }
    var parts: [String] = []
    if let route = expectation.route { parts += ["route", route] }
    if let component = expectation.component { parts.append(component) }
    parts.append(expectation.metric.name)
    parts.append(expectation.comparison.rawValue)
    parts.append(MetricUnit(expectation.metric).format(expectation.bound))
    if let confidence = expectation.confidence {
      parts.append("with " + Format.percent(confidence) + " confidence")
    }
    return parts.joined(separator: " ")
  }

  /// `measured 143.2ms`, `not measured`, or with replications
  /// `measured 143.2ms (95% CI 131ms … 150ms)`.
  public static func measurement(_ verdict: Verdict) -> String {
    let unit = MetricUnit(verdict.expectation.metric)
    guard let measured = verdict.measured else { return "not measured" }
    var text = "measured " + unit.format(measured)
    if let interval = verdict.interval {
      let level = verdict.expectation.confidence.map { Format.percent($0) + " " } ?? ""
      let (low, high) = bounds(interval, of: verdict.expectation)
      text += " (" + level + "CI " + low + " … " + high + ")"
    }
    return text
  }

  /// A confidence interval's ends in the metric's unit, with the fewest significant digits
  /// (4 to 9) that tell the two ends apart and, when the bound lies inside, tell it from
  /// both: `[6.887ms, 6.912ms]` around `6.9ms`, never `[0.007, 0.007]`.
  public static func bounds(_ interval: ClosedRange<Double>, of expectation: Expectation) -> (
    low: String, high: String
  ) {
    let unit = MetricUnit(expectation.metric)
    var shown = (unit.format(interval.lowerBound), unit.format(interval.upperBound))
    for digits in 4...9 {
      let low = unit.format(interval.lowerBound, digits: digits)
      let high = unit.format(interval.upperBound, digits: digits)
      shown = (low, high)
      let bound = expectation.bound
      let inside = interval.lowerBound < bound && bound < interval.upperBound
      let boundText = unit.format(bound, digits: digits)
      let distinct =
        interval.lowerBound == interval.upperBound
        || (low != high && (!inside || (boundText != low && boundText != high)))
      if distinct { break }
    }
    return shown
  }

  /// `measured 250.1ms, bound 200ms`: the JUnit failure message.
  public static func failureMessage(_ verdict: Verdict) -> String {
    let unit = MetricUnit(verdict.expectation.metric)
    return measurement(verdict) + ", bound " + unit.format(verdict.expectation.bound)
  }

  /// `3 expectations: 2 passed, 1 failed` (`, 1 inconclusive` when there are any;
  /// `no expectations` when there are none).
  public static func tally(_ verdicts: [Verdict]) -> String {
    guard !verdicts.isEmpty else { return "no expectations" }
    let passed = verdicts.filter { $0.outcome == .pass }.count
    let failed = verdicts.filter { $0.outcome == .fail }.count
    let inconclusive = verdicts.count - passed - failed
    let noun = verdicts.count == 1 ? "expectation" : "expectations"
    var text = "\(verdicts.count) \(noun): \(passed) passed, \(failed) failed"
    if inconclusive > 0 { text += ", \(inconclusive) inconclusive" }
    return text
  }
}
