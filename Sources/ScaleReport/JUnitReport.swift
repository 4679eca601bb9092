import ScaleModel

/// JUnit XML for CI: a `<testsuites>` root with totals, one `<testsuite>` per script and
/// one `<testcase>` per `expect`. A failed expectation carries
/// `<failure message="measured 250.1ms, bound 200ms" type="expectation">`; an inconclusive
/// one (the confidence interval straddles the bound) is `<skipped message=…>`, since it
/// neither passed nor failed. An interrupted run adds a `<system-out>` note to its suite.
/// A script that could not be checked is a suite with one `<testcase name="check">` holding
/// an `<error type="invalid-script">` with its diagnostics, so it cannot vanish from CI.
public enum JUnitReport {
  /// One `<testsuite>`: a script's verdicts, or the diagnostics that kept it from running.
  public struct Suite: Sendable {
    public var name: String
    public var verdicts: [Verdict]
    /// Simulated seconds.
    public var time: Double
    /// Text for `<system-out>` (an interrupted run).
    public var note: String?
    /// The rendered diagnostics of a script that is invalid (no verdicts then).
    public var error: (message: String, diagnostics: String)?

    public init(
      name: String, verdicts: [Verdict], time: Double, note: String? = nil,
      error: (message: String, diagnostics: String)? = nil
    ) {
      self.name = name
      self.verdicts = verdicts
      self.time = time
      self.note = note
      self.error = error
    }

    /// The suite of one run.
    public init(fileName: String, result: RunResult) {
      self.init(
        name: fileName, verdicts: result.verdicts, time: result.duration,
        note: result.interrupted
          ? "run interrupted after \(JUnitReport.seconds(result.duration)) s simulated" : nil)
    }

    /// The suite of a script that has errors: `message` says how many, `diagnostics` are
    /// the rendered diagnostics (as `scale check` prints them, without colour).
    public static func invalid(fileName: String, message: String, diagnostics: String) -> Suite {
      Suite(
        name: fileName, verdicts: [], time: 0, error: (message: message, diagnostics: diagnostics)
      )
    }
  }

  /// The document, ending in a newline.
  public static func render(results: [(fileName: String, result: RunResult)]) -> String {
    render(suites: results.map { Suite(fileName: $0.fileName, result: $0.result) })
  }

  /// The document for suites in order, ending in a newline.
  public static func render(suites: [Suite]) -> String {
    var tests = 0
    var failures = 0
    var errors = 0
    var skipped = 0
    var time = 0.0
    var rendered: [String] = []
    for suite in suites {
      let e = suite.error == nil ? 0 : 1
      let t = suite.verdicts.count + e
      let f = suite.verdicts.filter { $0.outcome == .fail }.count
      let s = suite.verdicts.filter { $0.outcome == .inconclusive }.count
      tests += t
      failures += f
      errors += e
      skipped += s
      time += suite.time.isFinite ? suite.time : 0
      let file = XMLText.escape(suite.name)
      var lines = [
        "  <testsuite name=\"\(file)\" tests=\"\(t)\" failures=\"\(f)\" errors=\"\(e)\""
          + " skipped=\"\(s)\" time=\"\(seconds(suite.time))\">"
      ]
      if let error = suite.error {
        lines.append("    <testcase name=\"check\" classname=\"\(file)\" time=\"0\">")
        lines.append(
          "      <error message=\"\(XMLText.escape(error.message))\" type=\"invalid-script\">"
            + XMLText.escapeText(error.diagnostics) + "</error>")
        lines.append("    </testcase>")
      }
      for verdict in suite.verdicts {
        let name = XMLText.escape(VerdictText.statement(verdict.expectation))
        let open = "    <testcase name=\"\(name)\" classname=\"\(file)\" time=\"0\""
        switch verdict.outcome {
        case .pass:
          lines.append(open + "/>")
        case .fail:
          let message = XMLText.escape(VerdictText.failureMessage(verdict))
          lines.append(open + ">")
          lines.append("      <failure message=\"\(message)\" type=\"expectation\"/>")
          lines.append("    </testcase>")
        case .inconclusive:
          let message = XMLText.escape(
            "inconclusive: " + VerdictText.measurement(verdict) + ", bound "
              + MetricUnit(verdict.expectation.metric).format(verdict.expectation.bound))
          lines.append(open + ">")
          lines.append("      <skipped message=\"\(message)\"/>")
          lines.append("    </testcase>")
        }
      }
      if let note = suite.note {
        lines.append("    <system-out>\(XMLText.escapeText(note))</system-out>")
      }
      lines.append("  </testsuite>")
      rendered.append(lines.joined(separator: "\n"))
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"scale\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"\(errors)\""
      + " skipped=\"\(skipped)\" time=\"\(seconds(time))\">\n"
    for suite in rendered { out += suite + "\n" }
    out += "</testsuites>\n"
    return out
  }

  /// Seconds with at most three decimals, no trailing zeros (`600`, `12.5`): a machine
  /// format, not a human one (`Format.duration`), because JUnit's schema prescribes `time`
  /// as a plain decimal number of seconds.
  static func seconds(_ x: Double) -> String {
    guard x.isFinite, x > 0 else { return "0" }
    return Format.trimZeros(Format.fixed(x, decimals: 3))
  }
}
