import Foundation
import ScaleEngine
import ScaleKit
import ScaleLanguage
import ScaleModel

/// The REPL's brain, with no terminal: takes a typed line, returns what to print and whether
/// to stop. Statements go to a `Session`; lines starting with `.` are meta-commands.
public final class REPLSession {
  public static let primaryPrompt = "scale> "
  /// Shown while a `{` block is open.
  public static let continuationPrompt = "...> "

  public let session: Session
  public private(set) var pending = PendingStatement()
  /// The state when the last step began, so the status shows utilisation over that step.
  var stepStart: SimulationSnapshot?
  let interruptRequested: () -> Bool
  let listDirectory: DirectoryLister

  /// What to print after a line.
  public struct Reply: Sendable, Equatable {
    /// For standard output.
    public var output: String
    /// For standard error: diagnostics and complaints.
    public var errors: String
    /// `.quit` was typed.
    public var quit: Bool
    public init(output: String = "", errors: String = "", quit: Bool = false) {
      self.output = output
      self.errors = errors
      self.quit = quit
    }
  }

  /// `interruptRequested` is polled during `.step` and `.run` (Ctrl-C).
  public init(
    session: Session = Session(), interruptRequested: @escaping () -> Bool = { false },
    listDirectory: @escaping DirectoryLister = Completer.listFileSystem
  ) {
    self.session = session
    self.interruptRequested = interruptRequested
    self.listDirectory = listDirectory
  }

  /// The prompt for the next line.
  public var prompt: String {
    pending.isOpen ? REPLSession.continuationPrompt : REPLSession.primaryPrompt
  }

  /// Ctrl-C at the prompt: drops a half-entered block.
  public func interrupt() { pending.cancel() }

  /// The end of input: complains if a `{` block was left open (it is not added).
  public func finish() -> Reply {
    guard pending.isOpen else { return Reply() }
    pending.cancel()
    return Reply(errors: "error: the input ended inside a `{` block; it was not added\n")
  }

  /// Handles one typed line.
  public func handle(_ line: String) -> Reply {
    if !pending.isOpen {
      if line.allSatisfy(\.isWhitespace) { return Reply() }
      if MetaCommand.isMetaCommand(line) {
        switch MetaCommand.parse(line) {
        case .success(let command): return perform(command)
        case .failure(let error): return Reply(errors: "error: \(error.description)\n")
        }
      }
    }
    guard let statement = pending.add(line) else { return Reply() }
    return reply(to: session.submit(statement))
  }

  func reply(to outcome: Session.Outcome) -> Reply {
    Reply(output: outcome.note.map { $0 + "\n" } ?? "", errors: outcome.diagnostics)
  }

  /// Runs a meta-command.
  public func perform(_ command: MetaCommand) -> Reply {
    switch command {
    case .help:
      return Reply(output: HelpText.text)
    case .show:
      return Reply(output: session.formattedSource())
    case .graph:
      return Reply(output: session.graph())
    case .status:
      guard let snapshot = session.snapshot() else {
        return Reply(output: "no simulation yet: `.step 10s` starts one\n")
      }
      return Reply(output: StatusText.render(snapshot, since: stepStart) + staleRemark)
    case .step(let seconds):
      if session.isRunning && session.snapshot().map({ $0.time >= $0.duration }) == true {
        return Reply(output: "the run is over; `.reset` starts it again\n")
      }
      let before = session.snapshot()
      guard let report = session.step(seconds: seconds, shouldStop: interruptRequested) else {
        return Reply(errors: "error: nothing to simulate\n")
      }
      stepStart = before
      var text = StatusText.render(report.snapshot, since: before)
      if report.interrupted { text = "interrupted\n" + text }
      if report.finished {
        text += "the run is over (its duration is reached); `.run` shows the report\n"
      }
      return Reply(output: text + staleRemark)
    case .run:
      guard let report = session.runToEnd(shouldStop: interruptRequested) else {
        return Reply(errors: "error: nothing to simulate\n")
      }
      return Reply(output: report)
    case .reset:
      session.reset()
      stepStart = nil
      return Reply(output: "the simulation restarts at 0s with the script as it is\n")
    case .clear:
      session.clear()
      pending.cancel()
      stepStart = nil
      return Reply(output: "the script is empty\n")
    case .undo:
      guard let removed = session.undo() else { return Reply(errors: "nothing to undo\n") }
      return Reply(output: "removed: \(removed.split(separator: "\n").first ?? "")\n" + staleRemark)
    case .save(let typed):
      let path = REPLSession.expandingTilde(typed)
      do {
        try session.save(to: path)
        return Reply(output: "saved to \(path)\n")
      } catch {
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        let reason =
          !folder.isEmpty
            && !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory)
          ? "no such folder `\(folder)`"
          : isDirectory.boolValue || folder.isEmpty
            ? error.localizedDescription : "`\(folder)` is not a folder"
        return Reply(errors: "error: cannot write `\(path)`: \(reason)\n")
      }
    case .load(let typed):
      let path = REPLSession.expandingTilde(typed)
      let outcome = session.load(path: path)
      var reply = reply(to: outcome)
      if outcome.accepted { reply.output = "loaded \(path)\n" + reply.output }
      return reply
    case .quit:
      return Reply(quit: true)
    }
  }

  /// `~/x.scale` → `$HOME/x.scale`.
  static func expandingTilde(_ path: String) -> String {
    path == "~" || path.hasPrefix("~/") ? homeDirectory + path.dropFirst() : path
  }

  var staleRemark: String {
    session.isStale
      ? "note: the script changed since the simulation started; `.reset` restarts it\n" : ""
  }

  // MARK: Completion

  /// The words completion offers now.
  public var vocabulary: CompletionVocabulary {
    var vocabulary = CompletionVocabulary.language(componentNames: session.componentNames)
    vocabulary.routeNames = session.scenario?.routes.map(\.name) ?? []
    vocabulary.zoneNames = Self.zones(of: session.scenario)
    return vocabulary
  }

  /// The zones of a scenario's components, in declaration order by kind.
  static func zones(of scenario: Scenario?) -> [String] {
    guard let scenario else { return [] }
    var zones: [String] = []
    let all =
      scenario.servers.map(\.zone) + scenario.caches.map(\.zone) + scenario.databases.map(\.zone)
    for case let zone? in all where !zones.contains(zone) { zones.append(zone) }
    return zones
  }

  /// Candidates for the word before the cursor.
  public func completions(lineBeforeCursor: String) -> [String] {
    Completer.candidates(
      lineBeforeCursor: lineBeforeCursor, insideBlock: pending.isOpen, vocabulary: vocabulary,
      listDirectory: listDirectory)
  }
}
