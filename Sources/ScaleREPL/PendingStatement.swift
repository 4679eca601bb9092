/// Multi-line input: a statement stays open while a `{` block is unclosed (the language's
/// only multi-line construct, see docs/language.md). Braces inside `#` comments don't count.
public struct PendingStatement: Sendable, Equatable {
  /// The lines typed so far for an open statement (empty when none is open).
  public private(set) var lines: [String] = []

  public init() {}

  /// Whether a statement is open (the prompt shows the continuation `...> `).
  public var isOpen: Bool { !lines.isEmpty }

  /// Adds a typed line. Returns the complete statement text (its lines joined by `\n`) once
  /// every `{` is closed, or nil while it stays open. A line that closes more than it opens
  /// completes at once, so the parser can report the stray `}`.
  public mutating func add(_ line: String) -> String? {
    lines.append(line)
    let text = lines.joined(separator: "\n")
    if PendingStatement.braceBalance(text) > 0 { return nil }
    lines = []
    return text
  }

  /// Drops an open statement (Ctrl-C).
  public mutating func cancel() { lines = [] }

  /// `{` minus `}` outside comments.
  public static func braceBalance(_ text: String) -> Int {
    var balance = 0
    var inComment = false
    for character in text {
      switch character {
      case "\n": inComment = false
      case "#": inComment = true
      case "{" where !inComment: balance += 1
      case "}" where !inComment: balance -= 1
      default: break
      }
    }
    return balance
  }
}
