import ScaleLanguage

/// The open documents: their text by URI, each one's parse cached for its version, and which
/// need their diagnostics published (changed, or closed and to be cleared).
struct DocumentStore {
  private var documents: [String: TextDocument] = [:]
  private var parsed: [String: ParsedDocument] = [:]
  /// Documents whose diagnostics are out of date, in the order they changed.
  private var stale: [String] = []
  /// Documents closed since the last publish: their diagnostics are cleared.
  private var closed: [String] = []

  subscript(uri: String) -> TextDocument? { documents[uri] }

  /// Opens or replaces a document.
  mutating func update(_ document: TextDocument) {
    documents[document.uri] = document
    if !stale.contains(document.uri) { stale.append(document.uri) }
    closed.removeAll { $0 == document.uri }
  }

  mutating func close(_ uri: String) {
    documents[uri] = nil
    parsed[uri] = nil
    stale.removeAll { $0 == uri }
    if !closed.contains(uri) { closed.append(uri) }
  }

  /// Whether some document's diagnostics are out of date.
  var hasPending: Bool { !stale.isEmpty || !closed.isEmpty }

  /// The documents whose diagnostics are out of date and those closed since the last call;
  /// both lists are emptied.
  mutating func takeStale() -> (changed: [TextDocument], closed: [String]) {
    defer {
      stale.removeAll()
      closed.removeAll()
    }
    return (stale.compactMap { documents[$0] }, closed)
  }

  /// The syntax tree and component index of a document, parsed once per version.
  mutating func parse(_ document: TextDocument) -> ParsedDocument {
    if let cached = parsed[document.uri], cached.document.version == document.version,
      cached.document.source.bytes.count == document.source.bytes.count
    {
      return cached
    }
    let result = ParsedDocument(document)
    parsed[document.uri] = result
    return result
  }
}

/// A document with its syntax tree and component index.
struct ParsedDocument {
  let document: TextDocument
  let tree: SyntaxTree
  let index: ComponentIndex

  init(_ document: TextDocument) {
    self.document = document
    self.tree = Parser.parse(document.text)
    self.index = ComponentIndex(tree)
  }

  /// The statement (top-level or inside a block) whose range holds `offset`, by binary
  /// search over the top-level statements, with whether it is inside a block.
  func statement(atOffset offset: Int) -> (statement: Statement, inBlock: Bool)? {
    let statements = tree.statements
    var low = 0
    var high = statements.count
    while low < high {
      let mid = (low + high) / 2
      if statements[mid].range.start.offset <= offset { low = mid + 1 } else { high = mid }
    }
    guard low > 0 else { return nil }
    let candidate = statements[low - 1]
    guard offset <= candidate.range.end.offset else { return nil }
    for inner in candidate.block ?? []
    where inner.range.start.offset <= offset && offset <= inner.range.end.offset {
      return (inner, true)
    }
    return (candidate, false)
  }
}
