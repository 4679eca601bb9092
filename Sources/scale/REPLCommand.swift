import ArgumentParser
import Foundation
import LineEditor
import ScaleKit
import ScaleREPL

/// `scale repl [FILE]`: the interactive REPL. On a terminal it edits lines with libedit
/// (history, Tab completion, Ctrl-C, Ctrl-D); when stdin or stdout is not a terminal it reads
/// plain lines with no prompt and writes no history, so it can be piped and tested.
struct REPLCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "repl",
    abstract: "Build a topology statement by statement and simulate it step by step.",
    discussion: """
      Type statements of the language; the topology grows as you type. Meta-commands start \
      with `.`: `.help` lists them (`.show`, `.graph`, `.status`, `.step 10s`, `.run`, \
      `.reset`, `.clear`, `.undo`, `.save FILE`, `.load FILE`, `.quit`). See docs/repl.md.
      """)

  @Argument(help: "A script to load first.")
  var file: String?

  @Option(
    help: ArgumentHelp(
      "The history file.",
      discussion:
        "Default: $SCALE_HISTORY, else $XDG_STATE_HOME/scale/history, else ~/.local/state/scale/history.",
      valueName: "file"))
  var history: String?

  @Option(help: "Use this seed instead of the script's.")
  var seed: UInt64?

  func run() throws {
    let interactive = LineEditor.isInteractive
    let environment = ProcessInfo.processInfo.environment
    let width = environment["COLUMNS"].flatMap { Int($0) }.map { min(max($0, 40), 1000) } ?? 100
    let color =
      interactive && isatty(STDERR_FILENO) != 0 && (environment["NO_COLOR"] ?? "").isEmpty
    let session = Session(seedOverride: seed, color: color, width: width)
    let repl = REPLSession(session: session, interruptRequested: { Interrupt.isPending })
    if let file {
      let reply = repl.perform(.load(path: file))
      REPLCommand.write(reply.output, isError: false)
      REPLCommand.write(reply.errors, isError: true)
    }
    if interactive {
      runInteractive(repl, environment: environment)
    } else {
      var source = PlainLineSource()
      REPLLoop.run(repl, source: &source, write: REPLCommand.write)
    }
  }

  func runInteractive(_ repl: REPLSession, environment: [String: String]) {
    let editor = LineEditor(
      programName: "scale", wordBreakCharacters: Completer.wordBreakCharacters,
      historyLimit: HistoryStore.defaultLimit)
    let box = CompletionBox(repl: repl)
    editor.setCompletionProvider { line in box.repl.completions(lineBeforeCursor: line) }
    var store = HistoryStore.resolvePath(option: history, environment: environment).map {
      HistoryStore(path: $0)
    }
    for line in store?.load() ?? [] { editor.addHistory(line) }
    REPLCommand.write("scale repl · `.help` lists the commands · Ctrl-D leaves\n", isError: false)
    var source = EditorLineSource(editor: editor)
    // Ctrl-C during a step: the terminal echoed `^C` where the cursor was; write over it.
    let write: (String, Bool) -> Void = { text, isError in
      REPLCommand.write(text.hasPrefix("interrupted\n") ? "\r" + text : text, isError: isError)
    }
    // History is saved after every line (a closed terminal kills the process without a
    // chance to save at exit); a failure is reported once.
    var warned = false
    func saveHistory() {
      do {
        try store?.save()
      } catch {
        guard !warned else { return }
        warned = true
        let path = store?.path ?? ""
        REPLCommand.write(
          "warning: cannot save history to `\(path)`: \(error.localizedDescription)\n",
          isError: true)
      }
    }
    REPLLoop.run(repl, source: &source, write: write) { line in
      editor.addHistory(line)
      store?.record(line)
      saveHistory()
    }
    if source.reachedEnd { REPLCommand.write("\n", isError: false) }
    saveHistory()
    Interrupt.restoreDefault()
  }

  static func write(_ text: String, isError: Bool) {
    guard !text.isEmpty else { return }
    if isError { Terminal.err(text) } else { Terminal.out(text) }
  }
}

/// The REPL for the completion callback. libedit calls it synchronously inside `readline`,
/// on the thread that runs the loop, so it is never used concurrently.
private final class CompletionBox: @unchecked Sendable {
  let repl: REPLSession
  init(repl: REPLSession) { self.repl = repl }
}

/// Lines from libedit.
private struct EditorLineSource: LineSource {
  let editor: LineEditor
  var reachedEnd = false
  mutating func read(prompt: String) -> REPLInput {
    switch editor.readLine(prompt: prompt) {
    case .line(let line): return .line(line)
    case .interrupted: return .interrupted
    case .endOfInput:
      reachedEnd = true
      return .end
    }
  }
}
