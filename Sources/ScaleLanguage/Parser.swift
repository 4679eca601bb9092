import ScaleDiagnostics

/// Parses source text into a ``SyntaxTree``: one statement per line, a keyword followed by
/// words, and at most one level of `{ … }` block. Once a statement has a `:` or `->` word (a
/// route's path), `{ … }` on its line is a fan-out group: its braces are words, not a block.
///
/// The parser never gives up: it recovers at the next line (or the block's `}`), so every
/// error of a file is reported. It reads tokens one at a time from the ``Lexer`` and never
/// recurses, so neither a 10 MB line nor 100 000 nested `{` can exhaust memory or the stack.
/// Which keywords and attributes exist is the checker's business; any identifier starts a
/// statement here.
public enum Parser {
  /// The syntax tree of `source` with every lexical and syntax diagnostic, in source order.
  public static func parse(_ source: String) -> SyntaxTree {
    var state = ParserState(source)
    return state.parseFile()
  }
}

/// A block being read: its opening brace and what was read inside so far.
private struct OpenBlock {
  var brace: SourceRange
  var items: [Item] = []
  var closingComment: String?
  var close: SourceRange?
}

private struct ParserState {
  var lexer: Lexer
  var current: Token
  var collector = DiagnosticCollector()

  init(_ source: String) {
    lexer = Lexer(source)
    current = lexer.next()
  }

  mutating func advance() {
    current = lexer.next()
  }

  mutating func report(_ id: String, _ message: String, at range: SourceRange, help: String?) {
    collector.append(
      Diagnostic(id: id, severity: .error, message: message, range: range, help: help))
  }

  // MARK: - File

  mutating func parseFile() -> SyntaxTree {
    var items: [Item] = []
    while current.kind != .endOfFile {
      let before = current.range.start.offset
      let beforeKind = current.kind
      switch current.kind {
      case .newline:
        Self.appendBlankLine(&items)
        advance()
      case .comment(let text):
        items.append(.comment(text, current.range))
        advance()
        skipNewline()
      case .identifier(let keyword):
        items.append(.statement(parseStatement(keyword, inBlock: false)))
      case .leftBrace:
        report(
          "E0107", "`{` must end the line of the statement it belongs to", at: current.range,
          help: "move `{` to the end of the line above")
        let block = parseBlock()
        attach(block, toLastOf: &items)
      case .rightBrace:
        report(
          "E0102", "unexpected `}` with no open block", at: current.range,
          help: "remove it, or open the block with `{` at the end of a statement's line")
        advance()
        skipNewline()
      case .invalid:
        // Already reported by the lexer; the rest of the line cannot be a statement.
        skipLine(inBlock: false)
      case .number, .range, .comparison, .comma, .colon, .arrow:
        reportMissingKeyword()
        skipLine(inBlock: false)
      case .endOfFile:
        break
      }
      guardProgress(before: before, kind: beforeKind)
    }
    return SyntaxTree(
      items: items, diagnostics: DiagnosticCollector.merge([lexer.collector, collector]))
  }

  /// Every loop iteration must consume something; if one ever did not, consume a token and
  /// say so rather than spin.
  mutating func guardProgress(before offset: Int, kind: TokenKind) {
    if current.range.start.offset == offset, current.kind == kind, kind != .endOfFile {
      report(
        "E0199", "the parser could not make sense of \(current.description)", at: current.range,
        help: nil)
      advance()
    }
  }

  static func appendBlankLine(_ items: inout [Item]) {
    if let last = items.last, last == .blankLine { return }
    items.append(.blankLine)
  }

  mutating func skipNewline() {
    if current.kind == .newline { advance() }
  }

  mutating func reportMissingKeyword() {
    report(
      "E0100", "expected a statement keyword, found \(current.description)", at: current.range,
      help: "a statement starts with a keyword such as `server`, `traffic` or `expect`")
  }

  /// A block whose `{` began a line: it belongs to the statement just above, if that one has
  /// no block yet (the error is reported; the tree stays useful).
  mutating func attach(_ block: OpenBlock, toLastOf items: inout [Item]) {
    guard case .statement(var statement) = items.last, statement.block == nil else { return }
    Self.complete(&statement, with: block)
    items[items.count - 1] = .statement(statement)
  }

  static func complete(_ statement: inout Statement, with block: OpenBlock) {
    statement.blockItems = block.items
    statement.block = block.items.compactMap {
      if case .statement(let inner) = $0 { return inner }
      return nil
    }
    statement.closingComment = block.closingComment
    let end = block.close ?? block.brace
    statement.range = SourceRange(start: statement.range.start, end: end.end)
  }

  // MARK: - Statements

  /// `keyword word … [{ …block… }] [# comment]` and the newline after it, from the keyword
  /// (the current token). Inside a block, a `}` ends the statement without being consumed.
  mutating func parseStatement(_ keyword: String, inBlock: Bool) -> Statement {
    var statement = Statement(
      keyword: keyword, keywordRange: current.range, words: [], range: current.range)
    advance()
    // After a `:` or `->` the statement is a path (a route): there `{` opens a fan-out
    // group of the same line (`{ catalog, products }`) instead of a block, and `}` closes it.
    var inPath = false
    var openGroups = 0
    while true {
      let before = current.range.start.offset
      let beforeKind = current.kind
      switch current.kind {
      case .leftBrace where inPath, .rightBrace where openGroups > 0:
        openGroups += current.kind == .leftBrace ? 1 : -1
        appendWord(to: &statement)
      case .identifier, .number, .range, .comparison, .comma, .colon, .arrow:
        if current.kind == .colon || current.kind == .arrow { inPath = true }
        appendWord(to: &statement)
      case .invalid:
        advance()
      case .comment(let text):
        statement.trailingComment = text
        advance()
        skipNewline()
        return statement
      case .newline:
        advance()
        return statement
      case .endOfFile:
        return statement
      case .leftBrace:
        if inBlock {
          reportNestedBlock()
          skipNestedBlock()
        } else {
          let block = parseBlock(trailingComment: &statement.trailingComment)
          Self.complete(&statement, with: block)
          return statement
        }
      case .rightBrace:
        if inBlock {
          report(
            "E0105", "`}` must be on a line of its own", at: current.range,
            help: "start a new line before `}`")
          return statement
        }
        report(
          "E0102", "unexpected `}` with no open block", at: current.range,
          help: "remove it, or open the block with `{` at the end of a statement's line")
        advance()
      }
      guardProgress(before: before, kind: beforeKind)
    }
  }

  /// The current token as the statement's next word.
  mutating func appendWord(to statement: inout Statement) {
    if let kind = current.wordKind {
      statement.words.append(Word(kind: kind, range: current.range))
      statement.range = statement.range.union(current.range)
    }
    advance()
  }

  mutating func reportNestedBlock() {
    report(
      "E0103", "blocks do not nest", at: current.range,
      help: "a block holds plain statements, one per line; close the outer block first")
  }

  // MARK: - Blocks

  mutating func parseBlock() -> OpenBlock {
    var ignored: String? = nil
    return parseBlock(trailingComment: &ignored)
  }

  /// From `{` to its `}` (both consumed) and the rest of the closing line. A comment right
  /// after `{` (or after an empty inline `{ }`) is the statement's trailing comment.
  mutating func parseBlock(trailingComment: inout String?) -> OpenBlock {
    var block = OpenBlock(brace: current.range)
    advance()
    // The rest of the `{` line.
    switch current.kind {
    case .rightBrace:
      block.close = current.range
      advance()
      finishClosingLine(&block, inline: true, trailingComment: &trailingComment)
      return block
    case .comment(let text):
      if trailingComment == nil { trailingComment = text }
      advance()
      skipNewline()
    case .newline:
      advance()
    case .endOfFile:
      break
    default:
      report(
        "E0104", "a block's statements start on the line after `{`", at: current.range,
        help: "start a new line after `{`")
    }
    while true {
      let before = current.range.start.offset
      let beforeKind = current.kind
      switch current.kind {
      case .endOfFile:
        report(
          "E0101", "this `{` is never closed", at: block.brace,
          help: "close the block with `}` on a line of its own")
        return block
      case .newline:
        if !block.items.isEmpty { Self.appendBlankLine(&block.items) }
        advance()
      case .comment(let text):
        block.items.append(.comment(text, current.range))
        advance()
        skipNewline()
      case .rightBrace:
        if let last = block.items.last, last == .blankLine { block.items.removeLast() }
        block.close = current.range
        advance()
        finishClosingLine(&block, inline: false, trailingComment: &trailingComment)
        return block
      case .identifier(let keyword):
        block.items.append(.statement(parseStatement(keyword, inBlock: true)))
      case .leftBrace:
        reportNestedBlock()
        skipNestedBlock()
      case .invalid:
        skipLine(inBlock: true)
      case .number, .range, .comparison, .comma, .colon, .arrow:
        reportMissingKeyword()
        skipLine(inBlock: true)
      }
      guardProgress(before: before, kind: beforeKind)
    }
  }

  /// After a block's `}`: a comment, the end of the line, or an error.
  mutating func finishClosingLine(
    _ block: inout OpenBlock, inline: Bool, trailingComment: inout String?
  ) {
    switch current.kind {
    case .comment(let text):
      if inline {
        if trailingComment == nil { trailingComment = text }
      } else {
        block.closingComment = text
      }
      advance()
      skipNewline()
    case .newline:
      advance()
    case .endOfFile:
      break
    default:
      // Leave the token: the caller reads it as the start of the next line.
      report(
        "E0106", "expected the end of the line after `}`, found \(current.description)",
        at: current.range,
        help: "start a new line after `}`")
    }
  }

  /// Skips from a nested `{` to its matching `}` (or the end), counting depth instead of
  /// recursing.
  mutating func skipNestedBlock() {
    var depth = 0
    while current.kind != .endOfFile {
      if current.kind == .leftBrace {
        depth += 1
      } else if current.kind == .rightBrace {
        depth -= 1
        if depth <= 0 {
          advance()
          return
        }
      }
      advance()
    }
  }

  /// Recovery: skips the rest of a line (and its newline). In a block it stops before `}` so
  /// the block can close; a `{` on the skipped line is skipped with its block.
  mutating func skipLine(inBlock: Bool) {
    while true {
      switch current.kind {
      case .endOfFile:
        return
      case .newline:
        advance()
        return
      case .rightBrace where inBlock:
        return
      case .leftBrace:
        if inBlock {
          skipNestedBlock()
        } else {
          _ = parseBlock()
        }
        return
      default:
        advance()
      }
    }
  }
}
