import ScaleDiagnostics

/// The syntax tree. It is deliberately generic: a statement is a keyword followed by
/// words; what each statement accepts is the checker's knowledge (StatementSchema), so the
/// parser, the formatter and completion stay small and agree on every keyword.

/// A unit written after a number.
public enum Unit: String, Sendable, Equatable, Hashable, CaseIterable {
  case microseconds = "us"
  case milliseconds = "ms"
  case seconds = "s"
  case minutes = "min"
  case hours = "h"
  case days = "d"
  case percent = "%"
  case megabytes = "MB"
  case gigabytes = "GB"
  case terabytes = "TB"
}

/// A number as written: its value after any `k`/`M`/`G` multiplier, and its unit.
public struct NumberLiteral: Sendable, Equatable, Hashable {
  public var value: Double
  public var unit: Unit?
  /// The source spelling (`100k`, `1_000`, `0.5ms`), kept for the formatter.
  public var text: String
  public init(value: Double, unit: Unit?, text: String) {
    self.value = value
    self.unit = unit
    self.text = text
  }
}

/// One word of a statement after its keyword.
public enum WordKind: Sendable, Equatable, Hashable {
  /// A name or a keyword-like word (`web-1`, `cpu`, `eventual`, `rps`, `to`).
  case identifier(String)
  case number(NumberLiteral)
  /// `low..high`; either side a number (with units).
  case range(NumberLiteral, NumberLiteral)
  /// `<`, `<=`, `>`, `>=`.
  case comparison(String)
  /// `,` in lists (`to web-1, web-2`).
  case comma
  /// `:` before a route's steps.
  case colon
  /// `->` between a route's steps and a link's ends.
  case arrow
  /// `{` opening a route's fan-out group (`{ catalog, products }`), on the statement's line.
  case leftBrace
  /// `}` closing a fan-out group.
  case rightBrace
}

public struct Word: Sendable, Equatable, Hashable {
  public var kind: WordKind
  public var range: SourceRange
  public init(kind: WordKind, range: SourceRange) {
    self.kind = kind
    self.range = range
  }
  public var identifier: String? {
    if case .identifier(let name) = kind { return name }
    return nil
  }
}

/// `keyword word word … [{ statements }] [# comment]`.
public struct Statement: Sendable, Equatable, Hashable {
  public var keyword: String
  public var keywordRange: SourceRange
  public var words: [Word]
  /// The statements inside `{ … }`, if the statement has a block.
  public var block: [Statement]?
  /// The comment at the end of the statement's (first) line, without `#`.
  public var trailingComment: String?
  /// Whole statement, keyword to last word (or closing brace).
  public var range: SourceRange
  /// The block's lines as the formatter keeps them (statements, own-line comments, blank
  /// lines), when the statement has a block; `block` holds the same statements.
  public var blockItems: [Item]?
  /// The comment after the closing `}` of a multi-line block, without `#`.
  public var closingComment: String?
  public init(
    keyword: String, keywordRange: SourceRange, words: [Word], block: [Statement]? = nil,
    trailingComment: String? = nil, range: SourceRange, blockItems: [Item]? = nil,
    closingComment: String? = nil
  ) {
    self.keyword = keyword
    self.keywordRange = keywordRange
    self.words = words
    self.block = block
    self.trailingComment = trailingComment
    self.range = range
    self.blockItems = blockItems
    self.closingComment = closingComment
  }
}

/// A line of the file as the formatter must keep it.
public enum Item: Sendable, Equatable, Hashable {
  case statement(Statement)
  /// A comment on a line of its own, without `#`.
  case comment(String, SourceRange)
  /// One or more blank lines (the formatter keeps at most one).
  case blankLine
}

/// A parsed file: its items in order and what the parser had to say.
public struct SyntaxTree: Sendable, Equatable {
  public var items: [Item]
  public var diagnostics: [Diagnostic]
  public init(items: [Item], diagnostics: [Diagnostic]) {
    self.items = items
    self.diagnostics = diagnostics
  }
  public var statements: [Statement] {
    items.compactMap {
      if case .statement(let statement) = $0 { return statement }
      return nil
    }
  }
}
