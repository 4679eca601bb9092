// The one file that touches libedit's readline-compatible globals (`rl_*`), which Swift 6
// treats as shared mutable state: hence `@preconcurrency`. Everything runs on the thread that
// calls `readLine`; the completion callback runs inside it.
@preconcurrency import CLibEdit
import Foundation

/// Line editing, history and tab completion over libedit's readline-compatible API.
///
/// Use it only when both stdin and stdout are terminals (`LineEditor.isInteractive`); for
/// piped input read plain lines instead. One instance per process: libedit's readline
/// emulation and the completion hook are global.
public final class LineEditor {
  /// Whether stdin and stdout are both terminals.
  public static var isInteractive: Bool {
    isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0
  }

  /// Sets up libedit: the locale (else non-ASCII input is dropped), the program name used
  /// in `~/.editrc`, the characters that separate words for completion, the in-memory
  /// history size, and the Ctrl-C handler.
  public init(programName: String, wordBreakCharacters: String, historyLimit: Int) {
    scale_set_locale_ctype()
    rl_readline_name = UnsafePointer(strdup(programName))
    // Our own character reader (see shim.h): it waits with SIGINT unblocked, so no Ctrl-C is
    // lost between two reads. libedit installs it at initialisation.
    rl_getc_function = scale_getc
    _ = rl_initialize()
    // libedit keeps these pointers: give them copies that live as long as the process.
    let breaks = strdup(wordBreakCharacters)
    rl_basic_word_break_characters = UnsafePointer(breaks)
    rl_completer_word_break_characters = breaks
    rl_attempted_completion_function = lineEditorComplete
    stifle_history(Int32(clamping: max(1, historyLimit)))
    Interrupt.install()
  }

  /// The function asked for candidates when Tab is pressed (nil: no completion).
  public func setCompletionProvider(_ provider: CompletionProvider?) {
    CompletionRegistry.set(provider)
  }

  /// Shows `prompt` and reads one edited line.
  public func readLine(prompt: String) -> LineInput {
    _ = Interrupt.take()
    scale_block_sigint(1)
    let raw = readline(prompt)
    scale_block_sigint(0)  // a Ctrl-C still pending is delivered here
    let interrupted = Interrupt.take()
    guard let raw else {
      if interrupted {
        // The cursor is still on the abandoned line.
        fputs("\n", stdout)
        fflush(stdout)
        return .interrupted
      }
      return .endOfInput
    }
    defer { free(raw) }
    if interrupted { return .interrupted }
    return .line(String(cString: raw))
  }

  /// Adds a line to the in-memory history (Up arrow recalls it). Blank lines are skipped.
  public func addHistory(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace) else { return }
    _ = add_history(line)
  }
}

/// libedit's `rl_attempted_completion_function`: a plain C function (no captured context),
/// so it asks the process-wide `CompletionRegistry`. It returns a `malloc`ed, NULL-terminated
/// array of `strdup`ed strings, libedit's layout: [common prefix, match 1, …, match n, NULL]
/// (libedit frees them).
private func lineEditorComplete(
  _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
  rl_attempted_completion_over = 1
  var line = ""
  if let buffer = rl_line_buffer {
    line = String(cString: buffer)
  }
  // `end` counts characters (libedit edits wide characters), not bytes.
  let cursor = max(0, Int(end))
  let scalars = line.unicodeScalars
  if cursor < scalars.count {
    var view = String.UnicodeScalarView()
    view.append(contentsOf: scalars.prefix(cursor))
    line = String(view)
  }
  let candidates = CompletionRegistry.candidates(for: line)
  guard let first = candidates.first else { return nil }
  var prefix = first
  for candidate in candidates.dropFirst() {
    prefix = String(prefix.commonPrefix(with: candidate))
  }
  let slots = candidates.count + 2
  let bytes = slots.multipliedReportingOverflow(
    by: MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)
  guard !bytes.overflow, let memory = malloc(bytes.partialValue) else { return nil }
  let array = memory.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: slots)
  array[0] = strdup(prefix)
  for (index, candidate) in candidates.enumerated() {
    array[index + 1] = strdup(candidate)
  }
  array[slots - 1] = nil
  // A single match gets a space after it, unless it is a directory (keep completing inside).
  rl_completion_append_character = candidates.count == 1 && !first.hasSuffix("/") ? 32 : 0
  return array
}
