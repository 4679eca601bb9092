/// One read from wherever the REPL's lines come from.
public enum REPLInput: Sendable, Equatable {
  case line(String)
  /// Ctrl-C while typing.
  case interrupted
  /// Ctrl-D or the end of piped input.
  case end
}

/// A source of lines: the line editor on a terminal, plain standard input otherwise.
public protocol LineSource {
  /// Reads the next line, showing `prompt` if the source shows prompts.
  mutating func read(prompt: String) -> REPLInput
}

/// Lines from standard input with no prompt, no editing and no history: for pipes and tests.
public struct PlainLineSource: LineSource {
  public init() {}
  public mutating func read(prompt: String) -> REPLInput {
    guard let line = readLine(strippingNewline: true) else { return .end }
    return .line(line)
  }
}
