import Testing

@testable import ScaleLanguage

/// The statement keywords are one vocabulary: the enum, the schema, the keyword docs and the
/// docs agree.
@Suite struct StatementKeywordTests {
  /// Every keyword starts some checked example statement of docs/language.md (a line of one:
  /// a script with routes is one example).
  @Test func languageDocShowsEveryKeyword() {
    let lines = LanguageDoc.statements.flatMap { $0.split(separator: "\n") }
    let shown = Set(lines.compactMap { $0.split(separator: " ").first })
    let missing = StatementKeyword.allCases.filter { !shown.contains(Substring($0.rawValue)) }
    #expect(missing.isEmpty, "docs/language.md shows no `\(missing.map(\.rawValue))` statement")
  }

  /// The schema is keyed by the enum: one spec per keyword, in its order.
  @Test func theSchemaHasOneSpecPerKeyword() {
    #expect(StatementSchema.specs.map(\.keyword) == StatementKeyword.allCases)
    #expect(StatementSchema.statementKeywords == StatementKeyword.allCases.map(\.rawValue).sorted())
    #expect(StatementSchema.spec("health-check")?.keyword == .healthCheck)
    #expect(StatementSchema.spec("nope") == nil)
  }

  /// What completion and the language server derive from the enum.
  @Test func derivedSets() {
    #expect(StatementSchema.referencingKeywords == ["health-check", "shard", "autoscale", "link"])
    #expect(
      StatementSchema.namingKeywords == [
        "server", "database", "queue", "circuit-breaker", "rate-limit", "route",
      ])
    #expect(
      StatementSchema.declaringKeywords == [
        "server": nil, "balancer": "lb", "cache": "cache", "database": "db", "queue": "queue",
        "circuit-breaker": nil, "rate-limit": "rate-limit",
      ])
  }

  /// Every keyword has docs (the switch guarantees it; the REPL's help lists them all).
  @Test func everyKeywordHasASummary() {
    for keyword in StatementKeyword.allCases {
      #expect(KeywordDocs.statement(keyword.rawValue)?.summary.isEmpty == false, "\(keyword)")
    }
  }
}
