import Foundation
import ScaleKit
import ScaleModel
import Testing

/// Invariants every run must satisfy, over the robustness generator's scripts (issue 10):
/// run in-process through `Runner` (no binary), on small scripts, so they take seconds in a
/// debug build. A figure that breaks one of these is wrong whatever the scenario.
@Suite struct PropertyTests {
  static let batches = 0..<6
  static let scriptsPerBatch = 10

  /// Runs the generated scripts of one batch that check clean.
  static func results(batch: Int) -> [(seed: UInt64, script: String, result: RunResult)] {
    var out: [(UInt64, String, RunResult)] = []
    for index in 0..<scriptsPerBatch {
      let seed = UInt64(batch * scriptsPerBatch + index + 1)
      var generator = ScriptGenerator(seed: seed)
      let script = generator.script()
      let outcome = Runner.run(source: script, fileName: "generated-\(seed).scale")
      if let result = outcome.result { out.append((seed, script, result)) }
    }
    return out
  }

  @Test(arguments: batches)
  func invariantsHoldOnGeneratedScripts(batch: Int) {
    let runs = Self.results(batch: batch)
    #expect(runs.count >= Self.scriptsPerBatch / 2, "only \(runs.count) scripts ran")
    for (seed, script, r) in runs {
      for problem in Self.violations(r) {
        Issue.record("generated script #\(seed): \(problem)\n\(script)")
      }
    }
  }

  /// Every invariant broken by `r`, as sentences (empty when it is sound).
  static func violations(_ r: RunResult) -> [String] {
    var problems: [String] = []
    // Conservation: each offered request completed, failed, or is still in flight.
    if r.offered != r.completed + r.errors.total + r.inFlight {
      problems.append(
        "offered \(r.offered) ≠ completed \(r.completed) + errors \(r.errors.total) + in flight "
          + "\(r.inFlight)")
    }
    for c in r.components {
      if !(c.utilisation >= 0 && c.utilisation <= 1 + 1e-9) {
        problems.append("\(c.name) utilisation \(c.utilisation)")
      }
      let figures = [
        c.utilisation, c.meanQueueLength, c.meanInSystem, c.downTime, c.hitRate,
      ]
      if figures.contains(where: { !$0.isFinite }) || !finite(c.latency) {
        problems.append("\(c.name) has a figure that is not finite")
      }
      if let detail = littlesLaw(c, window: r.measuredDuration) { problems.append(detail) }
    }
    for i in r.intervals {
      for (name, u) in i.utilisation where !(u >= 0 && u <= 1 + 1e-9) {
        problems.append("interval at \(i.start) s: \(name) utilisation \(u)")
      }
      if i.queueLength.values.contains(where: { !$0.isFinite || $0 < 0 }) || !finite(i.latency) {
        problems.append("interval at \(i.start) s has a figure that is not finite")
      }
    }
    if !finite(r.latency) || !r.throughput.isFinite || !r.errorRate.isFinite {
      problems.append("a run figure is not finite")
    }
    for v in r.verdicts where v.measured.map({ !$0.isFinite }) ?? false {
      problems.append("verdict \(v.expectation.metric.name) measured a non-finite value")
    }
    return problems
  }

  static func finite(_ l: LatencySummary) -> Bool {
    [l.mean, l.p50, l.p90, l.p95, l.p99, l.p999, l.max].allSatisfy { $0.isFinite && $0 >= 0 }
  }

  /// Stations that hold requests (see Tests/ScaleKitTests/LittlesLawTests.swift for why the
  /// others are skipped).
  static let stations: Set<ComponentKind> = [.server, .database, .replica, .shard, .queue]

  /// L = λW on a station, λ = completed / window, within what a finite run allows: requests
  /// present at either edge of the window (at most max queue + cores, each off by at most the
  /// longest time in system) and requests that entered but left without completing (lost
  /// when the station failed, or timed out: in L, not in W), each present at most the
  /// longest time in system or the window. Returns nil when it holds.
  ///
  /// Little's law is a long-run identity: it is checked where the window holds many
  /// turnovers (at least 100 completions, the longest time in system at most 1 % of the
  /// window). Otherwise (the generator's 1 ms runs of 2 ms services, or 2 requests a server
  /// over 1000 servers) the requests still present at the end, whose time so far nothing
  /// smaller than the window bounds, dominate L.
  static func littlesLaw(_ c: ComponentStats, window: Double) -> String? {
    guard stations.contains(c.kind), window > 0, c.completed >= 100,
      c.latency.max <= window / 100
    else { return nil }
    let lambda = Double(c.completed) / window
    let lw = lambda * c.latency.mean
    let l = c.meanInSystem
    let longest = Swift.min(c.latency.max, window)
    let edges = 2 * Double(c.maxQueueLength + c.cores) * longest / window
    let unfinished = Double(c.errors.unavailable + c.errors.timedOut)
    let allowed = 0.05 * Swift.max(l, lw) + edges + unfinished * longest / window + 1e-3
    guard abs(l - lw) > allowed else { return nil }
    return "\(c.name) (\(c.kind.rawValue)): L = \(l), λW = \(lw), allowed \(allowed)"
  }
}
