import ScaleLanguage

/// `textDocument/completion`: the words the REPL's Tab offers (``StatementCompletion``, the
/// same vocabulary), plus units after a number, for the word before the cursor.
extension LanguageServer {
  /// Characters that end a word, as in the REPL.
  static let wordBreaks: Set<Character> = [" ", "\t", ","]

  func completion(_ params: JSONValue?) throws -> JSONValue {
    let (parsed, offset) = try documentAndOffset(params)
    let document = parsed.document
    let cursor = document.position(ofOffset: offset)
    let lineStart = document.offset(of: Position(line: cursor.line, character: 0))
    let line = String(
      decoding: document.source.bytes[min(lineStart, offset)..<offset], as: UTF8.self)
    guard !line.contains("#") else { return [] }  // inside a comment
    var previous: [String] = []
    var word = ""
    for character in line {
      if Self.wordBreaks.contains(character) {
        if !word.isEmpty { previous.append(word) }
        word = ""
      } else {
        word.append(character)
      }
    }
    if previous.first == "}" || previous.first == "{" { previous.removeFirst() }
    let vocabulary = CompletionVocabulary.language(componentNames: parsed.index.componentNames)
    let labels: [String]
    if let first = word.first, first.isNumber {
      labels = Self.unitCompletions(word)
    } else {
      let afterComma =
        line.dropLast(word.count).last(where: { $0 != " " && $0 != "\t" }) == ","
      labels = StatementCompletion.candidates(
        previous: previous, word: word, afterComma: afterComma,
        insideBlock: Self.isInsideBlock(document, line: cursor.line), vocabulary: vocabulary)
    }
    let wordStart = Position(line: cursor.line, character: cursor.character - word.utf16.count)
    let replaced: JSONValue = ["start": wordStart.json, "end": cursor.json]
    let components = Set(vocabulary.componentNames)
    let items = labels.map { label -> JSONValue in
      var item: [String: JSONValue] = [
        "label": .string(label),
        "kind": .int(Self.completionKind(label, vocabulary: vocabulary, components: components)),
        "textEdit": ["range": replaced, "newText": .string(label)],
      ]
      let doc =
        KeywordDocs.statement(label) ?? KeywordDocs.value(label)
        ?? previous.first.flatMap { KeywordDocs.attribute(label, of: $0) }
      if let doc { item["detail"] = .string(doc.summary) }
      return .object(item)
    }
    return ["isIncomplete": false, "items": .array(items)]
  }

  /// `200m` → `200min`, `200ms`; every unit (and `k`, `M`) after the number's digits.
  static func unitCompletions(_ word: String) -> [String] {
    let digits = String(word.prefix { $0.isNumber || $0 == "." || $0 == "_" })
    let suffixes = ScaleLanguage.Unit.allCases.map(\.rawValue) + ["k", "M"]
    return suffixes.map { digits + $0 }.filter { $0.hasPrefix(word) && $0 != word }.sorted()
  }

  /// Whether `line` (0-based) is inside an open `{ … }`: the nearest brace on the lines above
  /// (comments left out) is an opening one. Looks back at most 10 000 lines (a block is a
  /// balancer's backends; one that long is not being completed by hand).
  static func isInsideBlock(_ document: TextDocument, line: Int) -> Bool {
    var current = line - 1
    while current >= 0, current >= line - 10_000 {
      if let text = document.source.line(current + 1) {
        let code = text.prefix { $0 != "#" }
        if let brace = code.last(where: { $0 == "{" || $0 == "}" }) { return brace == "{" }
      }
      current -= 1
    }
    return false
  }

  /// LSP CompletionItemKind: Keyword 14, Variable 6 (components), EnumMember 20 (values and
  /// metrics), Unit 11, Property 10 (attributes).
  static func completionKind(
    _ label: String, vocabulary: CompletionVocabulary, components: Set<String>
  ) -> Int {
    if components.contains(label) { return 6 }
    if vocabulary.keywords.contains(label) || vocabulary.eventActions.contains(label) { return 14 }
    if vocabulary.metrics.contains(label)
      || vocabulary.valueChoices.values.contains(where: { $0.contains(label) })
    {
      return 20
    }
    if let first = label.first, first.isNumber { return 11 }
    return 10
  }
}
