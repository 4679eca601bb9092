import ScaleDiagnostics

/// Prints a syntax tree in the canonical layout (`scale fmt`). The layout, also described in
/// docs/formatting.md:
///
/// - one statement per line, words separated by one space, no space before `,` or `:` and one
///   after (`route browse 70% read: lb -> web -> { catalog, products }`);
/// - a block's `{` ends its statement's line, its statements are indented two spaces and `}`
///   stands alone; an empty block is `{ }`;
/// - comments on their own line stay where they are, re-indented to their statement's level;
///   a comment after a statement follows it after two spaces (`cpu 4  # note`);
///   the text after `#` is kept byte for byte (trailing white space removed);
/// - at most one blank line in a row, none at the start of the file or of a block, none before
///   a block's `}`; the file ends with exactly one newline (an empty file stays empty);
/// - numbers keep their spelling (`1_000`, `100k`, `0.5ms`), except that a rate written against
///   its number (`2000rps`) gets its space (`2000 rps`); case is kept.
///
/// Formatting is idempotent: formatting the output again changes nothing.
public enum Formatter {
  /// Indentation of a block's statements.
  public static let indentation = "  "
  /// What separates a statement from its trailing comment.
  public static let commentSeparator = "  "

  /// The canonical text of `tree`: ends with `"\n"` unless the tree is empty.
  public static func format(_ tree: SyntaxTree) -> String {
    var lines: [String] = []
    emit(tree.items, indent: "", into: &lines)
    return lines.map { $0 + "\n" }.joined()
  }

  /// Formats source text. When it has errors, formatting would lose or invent text, so the
  /// original comes back unchanged with the diagnostics (warnings do not stop formatting).
  public static func format(source: String) -> (text: String, diagnostics: [Diagnostic]) {
    let tree = Parser.parse(source)
    if tree.diagnostics.contains(where: { $0.severity == .error }) {
      return (source, tree.diagnostics)
    }
    return (format(tree), tree.diagnostics)
  }

  /// One statement's first line without indentation, block or comment: `keyword word, word`.
  public static func text(of statement: Statement) -> String {
    var line = statement.keyword
    for word in statement.words {
      // `,` and `:` stick to the word before; every other word follows one space.
      if word.kind == .comma || word.kind == .colon {
        line += text(of: word)
      } else {
        line += " " + text(of: word)
      }
    }
    return line
  }

  /// A word as the formatter prints it.
  public static func text(of word: Word) -> String {
    switch word.kind {
    case .identifier(let name): return name
    case .number(let literal): return literal.text
    case .range(let low, let high): return low.text + ".." + high.text
    case .comparison(let op): return op
    case .comma: return ","
    case .colon: return ":"
    case .arrow: return "->"
    case .leftBrace: return "{"
    case .rightBrace: return "}"
    }
  }

  private static func emit(_ items: [Item], indent: String, into lines: inout [String]) {
    var blankPending = false
    var emitted = false
    for item in items {
      switch item {
      case .blankLine:
        blankPending = emitted
      case .comment(let text, _):
        if blankPending { lines.append("") }
        blankPending = false
        lines.append(indent + "#" + text)
        emitted = true
      case .statement(let statement):
        if blankPending { lines.append("") }
        blankPending = false
        emit(statement, indent: indent, into: &lines)
        emitted = true
      }
    }
  }

  private static func emit(_ statement: Statement, indent: String, into lines: inout [String]) {
    var line = indent + text(of: statement)
    let blockItems = statement.blockItems ?? statement.block?.map(Item.statement)
    let inner = blockItems?.filter { $0 != .blankLine } ?? []
    let inline = blockItems != nil && inner.isEmpty && statement.closingComment == nil
    if blockItems != nil { line += inline ? " { }" : " {" }
    if let comment = statement.trailingComment { line += commentSeparator + "#" + comment }
    lines.append(line)
    guard let blockItems, !inline else { return }
    emit(blockItems, indent: indent + indentation, into: &lines)
    var close = indent + "}"
    if let comment = statement.closingComment { close += commentSeparator + "#" + comment }
    lines.append(close)
  }
}
