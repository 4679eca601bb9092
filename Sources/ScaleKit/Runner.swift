import Dispatch
import Foundation
import ScaleDiagnostics
import ScaleEngine
import ScaleLanguage
import ScaleModel
import Synchronization

/// What checking a script found.
public struct CheckOutcome: Sendable {
  public var file: ScriptFile
  public var diagnostics: [Diagnostic]
  public var scenario: Scenario?
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  public var exitStatus: ExitStatus { hasErrors ? .invalidInput : .success }
}

/// What running a script found: diagnostics, and the run's result when the script was valid.
public struct RunOutcome: Sendable {
  public var file: ScriptFile
  public var diagnostics: [Diagnostic]
  public var scenario: Scenario?
  public var result: RunResult?
  public var exitStatus: ExitStatus {
    if diagnostics.contains(where: { $0.severity == .error }) { return .invalidInput }
    guard let result else { return .invalidInput }
    if result.interrupted { return .interrupted }
    if result.verdicts.contains(where: { $0.outcome == .fail }) { return .expectationFailed }
    if result.verdicts.contains(where: { $0.outcome == .inconclusive }) { return .inconclusive }
    return .success
  }
}

/// What formatting a script found.
public struct FormatOutcome: Sendable {
  public var file: ScriptFile
  public var diagnostics: [Diagnostic]
  /// The canonical text (the original when the script does not parse).
  public var formatted: String
  public var isFormatted: Bool { formatted == file.source }
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// The one `load → check → run` path shared by the CLI, the REPL and the tests.
public enum Runner {
  public static func check(_ file: ScriptFile, seed: UInt64? = nil) -> CheckOutcome {
    let compiled = Frontend.compile(file.source, seedOverride: seed)
    return CheckOutcome(file: file, diagnostics: compiled.diagnostics, scenario: compiled.scenario)
  }

  /// Checks and runs a script. `shouldStop` is polled between events (Ctrl-C);
  /// `progress`, when given, is called with the simulated share done (0…1) about 100 times.
  public static func run(
    _ file: ScriptFile, seed: UInt64? = nil, shouldStop: () -> Bool = { false },
    progress: ((Double) -> Void)? = nil
  ) -> RunOutcome {
    run(check(file, seed: seed), shouldStop: shouldStop, progress: progress)
  }

  /// Checks on a thread of its own, polling `shouldStop` every 50 ms while it works, so a
  /// Ctrl-C during a long check (a 64 MiB script) is answered at once: nil when stopped
  /// (`shouldStop` is asked first, so a stop already requested never starts the wait).
  public static func checkInterruptibly(
    _ file: ScriptFile, seed: UInt64? = nil, shouldStop: @escaping @Sendable () -> Bool
  ) -> CheckOutcome? {
    if shouldStop() { return nil }
    let outcome = CheckBox()
    let done = DispatchSemaphore(value: 0)
    let thread = Thread {
      let checked = check(file, seed: seed)
      outcome.value.withLock { $0 = checked }
      done.signal()
    }
    thread.stackSize = 64 << 20  // the same room as the main thread's stack, and more
    thread.start()
    while done.wait(timeout: .now() + .milliseconds(50)) == .timedOut {
      if shouldStop() { return nil }
    }
    return outcome.value.withLock { $0 }
  }

  /// Runs a script already checked (see ``run(_:seed:shouldStop:progress:)``).
  public static func run(
    _ checked: CheckOutcome, shouldStop: () -> Bool = { false },
    progress: ((Double) -> Void)? = nil
  ) -> RunOutcome {
    let file = checked.file
    guard !checked.hasErrors, let scenario = checked.scenario else {
      return RunOutcome(
        file: file, diagnostics: checked.diagnostics, scenario: checked.scenario, result: nil)
    }
    let result: RunResult
    if let progress {
      let simulation = Simulation(scenario: scenario)
      let steps = 100
      var stopped = false
      for step in 1...steps where !stopped {
        simulation.run(
          until: scenario.duration * Double(step) / Double(steps), shouldStop: shouldStop)
        stopped = shouldStop()
        progress(Double(step) / Double(steps))
      }
      result = simulation.result(interrupted: stopped && !simulation.isFinished)
    } else {
      result = Engine.run(scenario, shouldStop: shouldStop)
    }
    return RunOutcome(
      file: file, diagnostics: checked.diagnostics, scenario: scenario, result: result)
  }

  /// Convenience for tests and embedding: run source text directly.
  public static func run(source: String, fileName: String, seed: UInt64? = nil) -> RunOutcome {
    run(ScriptFile(name: fileName, source: source), seed: seed)
  }

  public static func format(_ file: ScriptFile) -> FormatOutcome {
    let formatted = Formatter.format(source: file.source)
    return FormatOutcome(file: file, diagnostics: formatted.diagnostics, formatted: formatted.text)
  }

  /// Diagnostics rendered for a terminal or a log, one block each, then a summary line.
  public static func render(
    _ diagnostics: [Diagnostic], in file: ScriptFile, color: Bool
  ) -> String {
    guard !diagnostics.isEmpty else { return "" }
    let text = SourceText(file.source)
    var output = ""
    for diagnostic in diagnostics {
      output += DiagnosticRenderer.render(
        diagnostic, fileName: file.name, source: text, color: color)
      if !output.hasSuffix("\n") { output += "\n" }
    }
    return output
  }
}

/// A check's outcome handed from the checking thread to the waiting one.
private final class CheckBox: Sendable {
  let value = Mutex<CheckOutcome?>(nil)
}
