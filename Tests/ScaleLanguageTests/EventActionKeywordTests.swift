import Testing

@testable import ScaleLanguage

/// The event actions are one vocabulary: the enum, the schema, completion and the docs agree.
@Suite struct EventActionKeywordTests {
  /// Every action follows `at TIME` in some checked example statement of docs/language.md.
  @Test func languageDocShowsEveryAction() {
    let shown = Set(
      LanguageDoc.statements.flatMap { $0.split(separator: "\n") }.compactMap { line in
        let words = line.split(separator: " ")
        return words.count > 2 && words[0] == "at" ? words[2] : nil
      })
    let missing = EventActionKeyword.allCases.filter { !shown.contains(Substring($0.rawValue)) }
    #expect(missing.isEmpty, "docs/language.md shows no `at … \(missing.map(\.rawValue))`")
  }

  @Test func theSchemaAndCompletionReadTheEnum() {
    let words = EventActionKeyword.allCases.map(\.rawValue)
    #expect(StatementSchema.eventActions == words)
    #expect(StatementSchema.spec(.at).positionalWords == words)
    #expect(CompletionVocabulary.language(componentNames: []).eventActions == words)
    #expect(
      words == ["ramp", "traffic", "spike", "fail", "recover", "add", "remove", "scale-up", "set"])
  }

  /// Every action but `traffic` (told by the `traffic` statement's docs) has its own docs.
  @Test func everyActionHasDocs() {
    for action in EventActionKeyword.allCases where action != .traffic {
      #expect(KeywordDocs.value(action.rawValue)?.summary.isEmpty == false, "\(action)")
    }
  }
}
