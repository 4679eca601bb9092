import ScaleModel
import ScaleReport

/// The text summary of a replicated run: key metrics with confidence intervals, then each
/// `expect` with its interval and three-way verdict. Numbers are in the report's units
/// (`Format`, `MetricUnit`), intervals with enough digits to tell their ends and the bound
/// apart.
public enum ReplicationReport {
  /// The replications of one script, with estimates and verdicts.
  public static func summary(
    _ fileName: String, results: [RunResult], verdicts: [Verdict], interrupted: Bool = false
  ) -> ReplicatedRun {
    let metrics: [(String, MetricUnit, (RunResult) -> Double)] = [
      ("throughput", .requestsPerSecond, { $0.throughput }),
      ("p50", .seconds, { $0.latency.p50 }),
      ("p99", .seconds, { $0.latency.p99 }),
      ("errorRate", .ratio, { $0.errorRate }),
    ]
    let estimates = metrics.map { name, unit, value in
      let e = Replications.estimate(results.map(value), level: 0.95)
      return ReplicatedRun.Estimate(name: name, unit: unit, mean: e.mean, halfWidth: e.halfWidth)
    }
    return ReplicatedRun(
      fileName: fileName, results: results, estimates: estimates, verdicts: verdicts,
      interrupted: interrupted)
  }

  public static func render(_ fileName: String, results: [RunResult], verdicts: [Verdict]) -> String
  {
    render(summary(fileName, results: results, verdicts: verdicts))
  }

  public static func render(_ run: ReplicatedRun) -> String {
    var text =
      "\(run.fileName): \(run.results.count) replications (seeds derived from the script's seed)\n\n"
    for e in run.estimates {
      let name = e.name == "errorRate" ? "errors" : e.name
      let shown = e.unit.format(e.mean) + " ± " + e.unit.format(e.halfWidth)
      text += "  \(name.padding(12)) \(shown)  (95% CI)\n"
    }
    text += "\n"
    for verdict in run.verdicts {
      let mark: String
      switch verdict.outcome {
      case .pass: mark = "pass"
      case .fail: mark = "FAIL"
      case .inconclusive: mark = "INCONCLUSIVE"
      }
      let level = Int(((verdict.expectation.confidence ?? 0.95) * 100).rounded())
      let interval =
        verdict.interval.map {
          let (low, high) = VerdictText.bounds($0, of: verdict.expectation)
          return " \(level)% CI [\(low), \(high)]"
        } ?? ""
      text += "  \(mark.padding(12)) expect \(verdict.expectation.text)\(interval)\n"
    }
    text += "\n" + VerdictText.tally(run.verdicts) + "\n"
    return text
  }
}

extension String {
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
