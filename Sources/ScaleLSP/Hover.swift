import ScaleLanguage

/// `textDocument/hover`: a keyword's or attribute's documentation, default and the real
/// system it follows (from ``KeywordDocs``, the table the REPL's help reads), or where a
/// component is declared.
extension LanguageServer {
  func hover(_ params: JSONValue?) throws -> JSONValue {
    let (parsed, offset) = try documentAndOffset(params)
    guard let (statement, inBlock) = parsed.statement(atOffset: offset) else { return .null }
    let document = parsed.document
    var text: String?
    var range = statement.keywordRange
    if statement.keywordRange.contains(offset) {
      text =
        inBlock
        ? componentText(statement.keyword, parsed)
        : KeywordDocs.statement(statement.keyword).map {
          Self.markdown(statement.keyword, $0, usage: KeywordDocs.usage(statement.keyword))
        }
    } else if let word = statement.words.first(where: { $0.range.contains(offset) }),
      let name = word.identifier
    {
      range = word.range
      let keyword = inBlock ? StatementKeyword.balancer.rawValue : statement.keyword
      if let (component, componentRange) = parsed.index.name(atOffset: offset) {
        text = componentText(component, parsed)
        range = componentRange
      } else if StatementSchema.attributes(of: keyword).contains(name)
        || StatementKeyword(rawValue: statement.keyword) == .at,
        let doc = KeywordDocs.attribute(name, of: keyword)
      {
        text = Self.markdown(name, doc, usage: KeywordDocs.example(name, of: keyword))
      } else if let doc = KeywordDocs.value(name) ?? KeywordDocs.attribute(name, of: keyword) {
        text = Self.markdown(name, doc, usage: nil)
      }
    }
    guard let text else { return .null }
    return [
      "contents": ["kind": "markdown", "value": .string(text)], "range": document.range(range),
    ]
  }

  func componentText(_ name: String, _ parsed: ParsedDocument) -> String? {
    guard let declaration = parsed.index.declaration(of: name) else { return nil }
    let line = declaration.statementRange.start.line
    var text = "`\(name)`: \(declaration.keyword) declared on line \(line)"
    if declaration.name != name { text += " (a member of the pool `\(declaration.name)`)" }
    if let source = parsed.document.source.line(line) {
      text += "\n\n```scale\n\(source.prefix(200))\n```"
    }
    return text
  }

  static func markdown(_ word: String, _ doc: KeywordDoc, usage: String?) -> String {
    var text = "**\(word)**: \(doc.summary)"
    if let value = doc.defaultValue { text += "\n\nDefault: \(value)." }
    if let follows = doc.follows { text += "\n\nFollows: \(follows)." }
    if let usage { text += "\n\n```scale\n\(usage)\n```" }
    return text
  }
}
