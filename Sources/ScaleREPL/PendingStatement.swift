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

  /// `{` minus `}` outside comments. Braces after a `:` or `->` on their line are a route's
  /// fan-out group (`lb -> { a, b }`), which never spans lines: they do not count.
  public static func braceBalance(_ text: String) -> Int {
    var balance = 0
    var inComment = false
    var inPath = false
    var previous: Character = " "
    for character in text {
      switch character {
      case "\n":
        inComment = false
        inPath = false
      case "#": inComment = true
      case ":" where !inComment: inPath = true
      case ">" where !inComment && previous == "-": inPath = true
      case "{" where !inComment && !inPath: balance += 1
      case "}" where !inComment && !inPath: balance -= 1
      default: break
      }
      previous = character
    }
    return balance
  }
}
