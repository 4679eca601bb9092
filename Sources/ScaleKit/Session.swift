import Foundation
import ScaleDiagnostics
import ScaleEngine
import ScaleLanguage
import ScaleModel
import ScaleReport

/// The stateful session a REPL drives: the script typed so far, re-checked as a whole after
/// each statement (checking is linear and cheap), and a live simulation for step mode.
///
/// - A statement that checks cleanly is appended; one with an error is dropped and only the
///   diagnostics on its own lines are shown. Diagnostics are rendered against the session's
///   source with file name `<repl>` and the line numbers the statement has in the session
///   (`.show` prints the same script). A loaded file's diagnostics use its own name and lines.
/// - Event actions typed without `at` (`fail web-2`, `traffic 3000 rps` once running) mean
///   "now": they are kept in the script as `at NOW …` and, when a simulation is live, applied
///   to it at once.
/// - Other statements typed while a simulation is live change the script but not the running
///   simulation (it is marked stale); `.reset` restarts it from the new script.
public final class Session {
  /// The file name diagnostics show for typed statements.
  public static let fileName = "<repl>"

  /// One accepted entry of the script: a typed statement (possibly several lines) or a
  /// loaded file's text.
  public struct Entry: Sendable, Equatable {
    public var text: String
    /// Where it came from: `<repl>` or the loaded file's path.
    public var origin: String
  }

  /// The accepted entries, oldest first.
  public private(set) var entries: [Entry] = []
  /// The scenario of the accepted script (an empty script checks to the default scenario).
  public private(set) var scenario: Scenario?
  /// The live simulation of step mode (nil until the first `.step` or `.run`).
  var simulation: Simulation?
  /// The script changed in a way the live simulation does not follow.
  public private(set) var isStale = false
  let seedOverride: UInt64?
  /// ANSI colour in rendered diagnostics and reports.
  public var color: Bool
  /// Terminal width for reports.
  public var width: Int

  public init(seedOverride: UInt64? = nil, color: Bool = false, width: Int = 100) {
    self.seedOverride = seedOverride
    self.color = color
    self.width = width
    self.scenario = Session.compile("", seedOverride: seedOverride).scenario
  }

  /// The script so far, one entry after another, ending with a newline (empty when none).
  public var source: String {
    entries.isEmpty ? "" : entries.map(\.text).joined(separator: "\n") + "\n"
  }

  /// The language's statement keywords, sorted (for completion).
  public static var statementKeywords: [String] { StatementSchema.statementKeywords }

  /// The attribute words a statement accepts (for completion).
  public static func attributes(of keyword: String) -> [String] {
    StatementSchema.attributes(of: keyword)
  }

  /// Component names defined so far, in declaration order (for completion).
  public var componentNames: [String] { scenario?.componentNames ?? [] }

  // MARK: Checking

  static func compile(_ source: String, seedOverride: UInt64?) -> CheckResult {
    Frontend.compile(source, seedOverride: seedOverride)
  }

  /// What happened to a submitted statement.
  public struct Outcome: Sendable, Equatable {
    /// Whether it became part of the script.
    public var accepted: Bool
    /// Rendered diagnostics (errors when rejected; warnings may come with acceptance).
    public var diagnostics: String
    /// A remark for the user (an action applied to the live simulation, a stale simulation).
    public var note: String?
    public init(accepted: Bool, diagnostics: String = "", note: String? = nil) {
      self.accepted = accepted
      self.diagnostics = diagnostics
      self.note = note
    }
  }

  /// Event actions that may be typed without `at` to mean "now": those that are not also a
  /// statement's keyword (`traffic` is, and means "now" only while the simulation runs).
  public static let immediateActions = Set(
    EventActionKeyword.allCases.map(\.rawValue).filter { StatementKeyword(rawValue: $0) == nil })

  /// Adds a typed statement (one or more lines) if the script still checks.
  public func submit(_ text: String) -> Outcome {
    guard !text.allSatisfy(\.isWhitespace) else { return Outcome(accepted: true) }
    let first = text.split(whereSeparator: { $0 == " " || $0 == "\t" }).first.map(String.init)
    var statement = text
    var immediate = false
    if let first,
      Session.immediateActions.contains(first)
        || (first == EventActionKeyword.traffic.rawValue && isRunning)
    {
      statement = "at \(Session.timeText(currentTime)) " + text.drop { $0 == " " || $0 == "\t" }
      immediate = true
    }
    let outcome = append(Entry(text: statement, origin: Session.fileName))
    guard outcome.accepted else { return outcome }
    return afterAccepting(outcome, immediate: immediate)
  }

  /// Appends an entry if the script with it has no error; renders the entry's diagnostics.
  func append(_ entry: Entry) -> Outcome {
    let before = source
    let candidate = before + entry.text + "\n"
    let compiled = Session.compile(candidate, seedOverride: seedOverride)
    let firstLine = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    let lineCount = entry.text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
    let lines = firstLine..<(firstLine + lineCount)
    var own = compiled.diagnostics.filter { lines.contains($0.range.start.line) }
    let failed = compiled.scenario == nil
    if failed && !own.contains(where: { $0.severity == .error }) {
      // The new statement broke an earlier one (e.g. a duplicate name reported at the first
      // declaration): show those errors rather than reject silently.
      own = compiled.diagnostics.filter { $0.severity == .error }
    }
    let rendered = render(own, in: candidate, entryStart: firstLine, entry: entry)
    guard !failed else { return Outcome(accepted: false, diagnostics: rendered) }
    entries.append(entry)
    scenario = compiled.scenario
    return Outcome(accepted: true, diagnostics: rendered)
  }

  /// Diagnostics as text: typed statements against the session (`<repl>:LINE`), a loaded
  /// file against the file itself (its own line numbers).
  func render(_ diagnostics: [Diagnostic], in source: String, entryStart: Int, entry: Entry)
    -> String
  {
    guard !diagnostics.isEmpty else { return "" }
    if entry.origin == Session.fileName {
      return DiagnosticRenderer.render(
        diagnostics, fileName: Session.fileName, source: SourceText(source), color: color)
    }
    let text = SourceText(entry.text + "\n")
    let startOffset = source.utf8.count - entry.text.utf8.count - 1
    let shifted = diagnostics.map { diagnostic -> Diagnostic in
      var moved = diagnostic
      func shift(_ location: SourceLocation) -> SourceLocation {
        guard location.line >= entryStart else { return location }
        return SourceLocation(
          line: location.line - entryStart + 1, column: location.column,
          offset: max(0, location.offset - startOffset))
      }
      moved.range = SourceRange(
        start: shift(diagnostic.range.start), end: shift(diagnostic.range.end))
      return moved
    }
    return DiagnosticRenderer.render(shifted, fileName: entry.origin, source: text, color: color)
  }

  /// `12s`, `2.5s`, `0.0000001s`: a time the lexer reads back (to the nanosecond). A machine
  /// format, not a human one (`Format.duration`): it is written into the script's text, so
  /// the language's syntax prescribes it.
  static func timeText(_ seconds: Double) -> String {
    guard seconds.isFinite else { return "0s" }
    if seconds == seconds.rounded() && abs(seconds) < 1e15 { return "\(Int(seconds))s" }
    var text = String(format: "%.9f", seconds)
    while text.hasSuffix("0") { text.removeLast() }
    if text.hasSuffix(".") { text.removeLast() }
    return text + "s"
  }

  // MARK: Editing the script

  /// Removes the last entry; returns its text (nil when the script is empty).
  @discardableResult
  public func undo() -> String? {
    guard let last = entries.popLast() else { return nil }
    scenario = Session.compile(source, seedOverride: seedOverride).scenario
    markChanged()
    return last.text
  }

  /// Forgets the script and the simulation.
  public func clear() {
    entries = []
    scenario = Session.compile("", seedOverride: seedOverride).scenario
    reset()
  }

  /// The script so far, formatted as `scale fmt` would write it.
  public func formattedSource() -> String {
    Formatter.format(source: source).text
  }

  /// Writes the formatted script to `path` (through a symlink, keeping permissions).
  public func save(to path: String) throws {
    try FileReplacer.replace(path, with: formattedSource())
  }

  /// Appends a file's statements (all or nothing: an error anywhere keeps none).
  public func load(path: String) -> Outcome {
    let file: ScriptFile
    do {
      file = try ScriptFile.load(path: path)
    } catch {
      return Outcome(accepted: false, diagnostics: "error: \(error.description)\n")
    }
    var text = file.source
    while text.hasSuffix("\n") { text.removeLast() }
    guard !text.isEmpty else { return Outcome(accepted: true, note: "`\(path)` is empty") }
    let outcome = append(Entry(text: text, origin: path))
    guard outcome.accepted else { return outcome }
    return afterAccepting(outcome, immediate: false)
  }

  // MARK: Step mode

  /// Whether a simulation has been started (by `.step` or `.run`) and not reset.
  public var isRunning: Bool { simulation != nil }
  /// Simulated seconds so far (0 before the first step).
  public var currentTime: Double { simulation?.now ?? 0 }

  /// After an entry was accepted: apply an immediate action to the live simulation, or note
  /// that the live simulation no longer follows the script.
  func afterAccepting(_ outcome: Outcome, immediate: Bool) -> Outcome {
    guard let simulation else { return outcome }
    var result = outcome
    if immediate && !isStale, let scenario {
      let line =
        source.reduce(0) { $1 == "\n" ? $0 + 1 : $0 } - lineCount(of: entries.last)
        + 1
      // `fail zone a` and `fail POOL` are one event per member, all on the typed line.
      let typed = scenario.events.filter { $0.line == line }
      if !typed.isEmpty {
        for event in typed { simulation.apply(event.action) }
        let text = entries.last?.text ?? ""
        result.note = "applied at \(Session.timeText(simulation.now)): " + Session.withoutAt(text)
        return result
      }
    }
    markChanged()
    result.note = staleNote
    return result
  }

  func lineCount(of entry: Entry?) -> Int {
    guard let entry else { return 0 }
    return entry.text.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
  }

  /// `at 12s fail web-2` → `fail web-2`.
  static func withoutAt(_ text: String) -> String {
    let words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
    guard words.count == 3, words[0] == "at" else { return text }
    return String(words[2])
  }

  var staleNote: String {
    "the simulation at \(Session.timeText(currentTime)) keeps running the script as it was; "
      + "`.reset` restarts it with this change"
  }

  func markChanged() {
    if simulation != nil { isStale = true }
  }

  /// Drops the simulation; the next step starts again at 0 s from the script.
  public func reset() {
    simulation = nil
    isStale = false
  }

  /// What a step did.
  public struct StepReport: Sendable {
    /// The state after the step.
    public var snapshot: SimulationSnapshot
    /// Whether this step started the simulation.
    public var started: Bool
    /// Ctrl-C stopped it before the asked time.
    public var interrupted: Bool
    /// Simulated time reached the scenario's duration.
    public var finished: Bool
  }

  /// Starts the simulation if needed (from the script as it is now).
  func liveSimulation() -> (Simulation, started: Bool)? {
    if let simulation { return (simulation, false) }
    guard let scenario else { return nil }
    let created = Simulation(scenario: scenario)
    simulation = created
    isStale = false
    return (created, true)
  }

  /// Advances simulated time by `seconds` (to the duration at most). `shouldStop` is asked
  /// between events (Ctrl-C). Nil when there is nothing to simulate.
  public func step(seconds: Double, shouldStop: () -> Bool = { false }) -> StepReport? {
    guard let (simulation, started) = liveSimulation() else { return nil }
    var stopped = false
    let target = simulation.now + seconds
    simulation.run(until: target) {
      if shouldStop() { stopped = true }
      return stopped
    }
    return StepReport(
      snapshot: simulation.snapshot(), started: started, interrupted: stopped,
      finished: simulation.isFinished)
  }

  /// The state now, if a simulation is live.
  public func snapshot() -> SimulationSnapshot? { simulation?.snapshot() }

  /// Runs to the end of the duration and renders the report (Ctrl-C stops it early and the
  /// report says so). Nil when there is nothing to simulate.
  public func runToEnd(shouldStop: () -> Bool = { false }) -> String? {
    guard let (simulation, _) = liveSimulation() else { return nil }
    var stopped = false
    simulation.runToEnd {
      if shouldStop() { stopped = true }
      return stopped
    }
    let result = simulation.result(interrupted: stopped)
    return TextReport.render(
      result, scenario: simulation.scenario, fileName: Session.fileName, color: color,
      width: width)
  }

  /// The component graph of the script so far; with a live simulation, annotated with its
  /// utilisation so far.
  public func graph() -> String {
    guard let scenario else { return "" }
    return GraphReport.text(scenario, result: isStale ? nil : simulation?.result())
  }
}
