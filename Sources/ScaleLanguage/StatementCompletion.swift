/// Completion of the words of a statement, from the words before the cursor: statement
/// keywords, attributes of the statement being written, component names where a name is
/// expected, an attribute's enumerated values, event actions. Shared by the REPL's Tab
/// completion and the language server (which add meta-commands and paths, or units).
public enum StatementCompletion {
  /// Candidates for `word` (possibly empty) after the statement words `previous`, sorted and
  /// without duplicates. `afterComma`: the last non-blank character before `word` is `,`
  /// (a list of names continues). `insideBlock`: the line is inside an open `{ … }` (a
  /// balancer's backends, so server names).
  public static func candidates(
    previous: [String], word: String, afterComma: Bool, insideBlock: Bool,
    vocabulary: CompletionVocabulary
  ) -> [String] {
    func matching(_ words: [String]) -> [String] {
      Array(Set(words.filter { $0.hasPrefix(word) })).sorted()
    }
    if insideBlock {
      return previous.isEmpty ? matching(vocabulary.componentNames + ["}"]) : matching(["weight"])
    }
    guard let first = previous.first else {
      return matching(vocabulary.keywords + vocabulary.eventActions)
    }
    var tokens = previous[...]
    if first == "at" {
      // `at TIME ACTION …`
      if tokens.count == 1 { return [] }
      if tokens.count == 2 { return matching(vocabulary.eventActions) }
      tokens = tokens.dropFirst(2)
      return matching(actionWords(Array(tokens), vocabulary: vocabulary))
    }
    if vocabulary.eventActions.contains(first) && !vocabulary.keywords.contains(first) {
      return matching(actionWords(Array(tokens), vocabulary: vocabulary))
    }
    // A comma continues a list of names (`to web-1, web-2`, `{ catalog, products }`); a
    // route's `:`, `->` and `{` are followed by a step.
    if afterComma || startsStep(after: previous.last) {
      return matching(vocabulary.componentNames)
    }
    return matching(statementWords(Array(tokens), vocabulary: vocabulary))
  }

  /// After an event action (`fail web-2`, `add server web-4 cpu 4 to lb`).
  static func actionWords(_ tokens: [String], vocabulary: CompletionVocabulary) -> [String] {
    guard let word = tokens.first, let action = EventActionKeyword(rawValue: word) else {
      return []
    }
    let count = tokens.count
    switch action {
    case .fail, .recover:
      // `fail web-2 for 30s`, `fail zone a for 1min`.
      if count == 1 {
        return vocabulary.componentNames + (vocabulary.zoneNames.isEmpty ? [] : ["zone"])
      }
      if count == 2 && tokens[1] == "zone" { return vocabulary.zoneNames }
      return action == .fail ? ["for"] : []
    case .remove: return count == 1 ? vocabulary.componentNames : []
    case .scaleUp:
      return count == 1
        ? vocabulary.componentNames : StatementSchema.scaleUpAttributes.map(\.name)
    case .set:
      // `set CACHE nodes N` or `set BALANCER SERVER weight N`.
      if count == 1 { return vocabulary.componentNames }
      if count == 2 { return StatementSchema.setAttributes.map(\.name) + vocabulary.componentNames }
      return count == 3 && tokens[2] != "nodes" ? StatementSchema.backendAttributes.map(\.name) : []
    case .add:
      if count == 1 { return ["server"] }
      if count == 2 { return [] }  // the new server's name
      if tokens.last == "to" || tokens.last == "pool" { return vocabulary.componentNames }
      return unused(StatementSchema.addServerAttributes.map(\.name), in: tokens)
    case .ramp, .spike: return ["traffic", "to", "over", "for", "rps"]
    case .traffic: return ["rps"]
    }
  }

  /// After a statement keyword.
  static func statementWords(_ tokens: [String], vocabulary: CompletionVocabulary) -> [String] {
    guard let keyword = tokens.first, let last = tokens.last else { return [] }
    let attributes = vocabulary.attributes[keyword, default: []]
    if vocabulary.referencingAttributes.contains(last) { return vocabulary.componentNames }
    if let choices = vocabulary.valueChoices[last], tokens.count > 1 { return choices }
    if keyword == StatementKeyword.expect.rawValue {
      if tokens.count == 1 {
        return vocabulary.metrics + vocabulary.componentNames
          + (vocabulary.routeNames.isEmpty ? [] : ["route"])
      }
      // `expect route NAME METRIC …`.
      if tokens.count == 2 && last == "route" { return vocabulary.routeNames }
      if tokens.count == 3 && tokens[1] == "route" { return vocabulary.metrics }
      if tokens.count == 2 && vocabulary.componentNames.contains(last) { return vocabulary.metrics }
      return []
    }
    // `link FROM -> TO latency …`.
    if keyword == StatementKeyword.link.rawValue && tokens.count == 2 { return ["->"] }
    if tokens.count == 1 && vocabulary.namingKeywords.contains(keyword) { return [] }
    if tokens.count == 1 && vocabulary.referencingKeywords.contains(keyword) {
      return vocabulary.componentNames + attributes
    }
    // After an attribute that takes a value, the value comes next: nothing to offer.
    if tokens.count > 1 && attributes.contains(last) && !vocabulary.flags.contains(last) {
      return []
    }
    return unused(attributes, in: tokens)
  }

  /// Whether a route step comes after `token` (`route NAME …:`, `->`, `{`).
  static func startsStep(after token: String?) -> Bool {
    guard let token else { return false }
    return token == "->" || token == "{" || token.hasSuffix(":")
  }

  /// `words` minus those already in the statement.
  static func unused(_ words: [String], in tokens: [String]) -> [String] {
    let used = Set(tokens)
    return words.filter { !used.contains($0) }
  }
}
