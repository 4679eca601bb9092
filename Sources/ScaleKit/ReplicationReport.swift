import ScaleModel

/// The text summary of a replicated run: key metrics with confidence intervals, then each
/// `expect` with its interval and three-way verdict.
public enum ReplicationReport {
  public static func render(_ fileName: String, results: [RunResult], verdicts: [Verdict]) -> String
  {
    var text =
      "\(fileName): \(results.count) replications (seeds derived from the script's seed)\n\n"
    let metrics: [(String, (RunResult) -> Double, Bool)] = [
      ("throughput", { $0.throughput }, false),
      ("p50", { $0.latency.p50 }, true),
      ("p99", { $0.latency.p99 }, true),
      ("errors", { $0.errorRate }, false),
    ]
    for (name, value, isTime) in metrics {
      let e = Replications.estimate(results.map(value), level: 0.95)
      let shown =
        isTime
        ? "\(Sweep.number(rounded(e.mean * 1000)))ms ± \(Sweep.number(rounded(e.halfWidth * 1000)))ms"
        : name == "errors"
          ? "\(Sweep.number(rounded(e.mean * 100)))% ± \(Sweep.number(rounded(e.halfWidth * 100)))%"
          : "\(Sweep.number(rounded(e.mean))) rps ± \(Sweep.number(rounded(e.halfWidth)))"
      text += "  \(name.padding(12)) \(shown)  (95% CI)\n"
    }
    text += "\n"
    for verdict in verdicts {
      let mark: String
      switch verdict.outcome {
      case .pass: mark = "pass"
      case .fail: mark = "FAIL"
      case .inconclusive: mark = "INCONCLUSIVE"
      }
      let level = Int(((verdict.expectation.confidence ?? 0.95) * 100).rounded())
      let interval =
        verdict.interval.map {
          " \(level)% CI [\(Sweep.number(rounded($0.lowerBound))), \(Sweep.number(rounded($0.upperBound)))]"
        } ?? ""
      text += "  \(mark.padding(12)) expect \(verdict.expectation.text)\(interval)\n"
    }
    let passed = verdicts.filter { $0.outcome == .pass }.count
    let failed = verdicts.filter { $0.outcome == .fail }.count
    let unsure = verdicts.count - passed - failed
    text +=
      "\n\(verdicts.count) expectations: \(passed) passed, \(failed) failed, \(unsure) inconclusive\n"
    return text
  }

  static func rounded(_ x: Double) -> Double {
    guard x.isFinite else { return x }
    return (x * 1000).rounded() / 1000
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
