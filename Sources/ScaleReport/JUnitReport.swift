import ScaleModel

/// JUnit XML for CI: a `<testsuites>` root with totals, one `<testsuite>` per script and
/// one `<testcase>` per `expect`. A failed expectation carries
/// `<failure message="measured 250.1ms, bound 200ms" type="expectation">`; an inconclusive
/// one (the confidence interval straddles the bound) is `<skipped message=…>`, since it
/// neither passed nor failed. An interrupted run adds a `<system-out>` note to its suite.
public enum JUnitReport {
  /// The document, ending in a newline.
  public static func render(results: [(fileName: String, result: RunResult)]) -> String {
    var tests = 0
    var failures = 0
    var skipped = 0
    var time = 0.0
    var suites: [String] = []
    for (fileName, result) in results {
      let t = result.verdicts.count
      let f = result.verdicts.filter { $0.outcome == .fail }.count
      let s = result.verdicts.filter { $0.outcome == .inconclusive }.count
      tests += t
      failures += f
      skipped += s
      time += result.duration.isFinite ? result.duration : 0
      let file = XMLText.escape(fileName)
      var lines = [
        "  <testsuite name=\"\(file)\" tests=\"\(t)\" failures=\"\(f)\" errors=\"0\""
          + " skipped=\"\(s)\" time=\"\(seconds(result.duration))\">"
      ]
      for verdict in result.verdicts {
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
      if result.interrupted {
        lines.append(
          "    <system-out>run interrupted after \(seconds(result.duration)) s simulated"
            + "</system-out>")
      }
      lines.append("  </testsuite>")
      suites.append(lines.joined(separator: "\n"))
    }
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out +=
      "<testsuites name=\"scale\" tests=\"\(tests)\" failures=\"\(failures)\" errors=\"0\""
      + " skipped=\"\(skipped)\" time=\"\(seconds(time))\">\n"
    for suite in suites { out += suite + "\n" }
    out += "</testsuites>\n"
    return out
  }

  /// Seconds with at most three decimals, no trailing zeros (`600`, `12.5`).
  static func seconds(_ x: Double) -> String {
    guard x.isFinite, x > 0 else { return "0" }
    return Format.trimZeros(Format.fixed(x, decimals: 3))
  }
}
