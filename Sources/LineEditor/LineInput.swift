/// What one call to `LineEditor.readLine(prompt:)` produced.
public enum LineInput: Sendable, Equatable {
  /// A line the user entered (without its newline).
  case line(String)
  /// Ctrl-C while the line was being typed: the half-typed line is dropped.
  case interrupted
  /// Ctrl-D on an empty line, or the end of input.
  case endOfInput
}
