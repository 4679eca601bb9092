import ScaleDiagnostics

/// What a token is. Words (`identifier`, `number`, `range`, `comparison`, `comma`, `colon`,
/// `arrow`) become ``Word``s of a ``Statement``; the others shape lines and blocks (a brace
/// after a statement's `:` or `->` is a word too: a route's fan-out group, see ``Parser``).
public enum TokenKind: Sendable, Equatable, Hashable {
  /// A name or keyword: letter first, then letters, digits, `-`, `_` (and `.` before a digit).
  case identifier(String)
  /// A number with its optional multiplier and unit (`100k`, `250ms`, `90%`).
  case number(NumberLiteral)
  /// `low..high`, both sides numbers.
  case range(NumberLiteral, NumberLiteral)
  /// `<`, `<=`, `>` or `>=`.
  case comparison(String)
  /// `,`.
  case comma
  /// `:` (`route browse 70% read: lb -> web`).
  case colon
  /// `->` (a route's next step, a link's direction).
  case arrow
  /// `{`.
  case leftBrace
  /// `}`.
  case rightBrace
  /// `# …` to the end of the line; the text after `#`, trailing white space removed.
  case comment(String)
  /// The end of a line (`\n`; a `\r` before it is white space).
  case newline
  /// A malformed word the lexer already reported (`5m`, `1e400`, `a..b`); the parser drops it.
  case invalid
  /// The end of the source (a zero-width token).
  case endOfFile
}

/// One token and where it is.
public struct Token: Sendable, Equatable, Hashable {
  public var kind: TokenKind
  public var range: SourceRange
  public init(kind: TokenKind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }

  /// The ``WordKind`` this token contributes to a statement, if it is a word.
  public var wordKind: WordKind? {
    switch kind {
    case .identifier(let name): return .identifier(name)
    case .number(let literal): return .number(literal)
    case .range(let low, let high): return .range(low, high)
    case .comparison(let op): return .comparison(op)
    case .comma: return .comma
    case .colon: return .colon
    case .arrow: return .arrow
    case .leftBrace: return .leftBrace
    case .rightBrace: return .rightBrace
    case .comment, .newline, .invalid, .endOfFile: return nil
    }
  }

  /// How the token is named in a diagnostic (`a number`, `` `{` ``).
  var description: String {
    switch kind {
    case .identifier(let name): return "`\(name)`"
    case .number(let literal): return "the number `\(literal.text)`"
    case .range(let low, let high): return "the range `\(low.text)..\(high.text)`"
    case .comparison(let op): return "`\(op)`"
    case .comma: return "`,`"
    case .colon: return "`:`"
    case .arrow: return "`->`"
    case .leftBrace: return "`{`"
    case .rightBrace: return "`}`"
    case .comment: return "a comment"
    case .newline: return "the end of the line"
    case .invalid: return "a malformed word"
    case .endOfFile: return "the end of the file"
    }
  }
}
