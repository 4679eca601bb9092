import ScaleModel
import Testing

@testable import ScaleLanguage

@Test func everyStatementAndAttributeIsDocumented() {
  for spec in StatementSchema.specs {
    #expect(
      KeywordDocs.statement(spec.keyword.rawValue) != nil, "`\(spec.keyword)` has no entry")
    for attribute in spec.attributes {
      #expect(
        KeywordDocs.attribute(attribute.name, of: spec.keyword.rawValue) != nil,
        "`\(spec.keyword) \(attribute.name)` has no entry")
    }
  }
}

@Test func documentedDefaultsComeFromTheDefaultsTable() {
  #expect(
    KeywordDocs.attribute("fall", of: "health-check")?.defaultValue == "\(Defaults.healthFall)")
  #expect(KeywordDocs.attribute("ttl", of: "cache")?.defaultValue == "300 s")
  #expect(
    KeywordDocs.attribute("service", of: "database")?.defaultValue == "exponential, mean 2 ms")
  #expect(KeywordDocs.statement("circuit-breaker")?.follows == "resilience4j CircuitBreakerConfig")
}

@Test func languageVocabularyFollowsTheSchema() {
  let vocabulary = CompletionVocabulary.language(componentNames: ["web"])
  #expect(vocabulary.keywords == StatementSchema.statementKeywords)
  #expect(vocabulary.valueChoices["hashing"] == KeyHashing.allCases.map(\.rawValue))
  #expect(vocabulary.referencingAttributes == ["to", "on"])
  #expect(vocabulary.flags.contains("no-failover"))
  #expect(
    StatementCompletion.candidates(
      previous: ["balancer", "lb", "round-robin", "to"], word: "w", afterComma: false,
      insideBlock: false, vocabulary: vocabulary) == ["web"])
}

@Test func everyEventActionIsDocumented() {
  for action in StatementSchema.eventActions where action != "traffic" {
    #expect(KeywordDocs.value(action) != nil, "`\(action)` has no entry")
  }
}

/// `add server NAME …` completes the attributes `add server` reads (not `count`), a pool's
/// name after `pool`, and documents `pool`.
@Test func addServerCompletesPoolAndItsAttributes() {
  let vocabulary = CompletionVocabulary.language(componentNames: ["web", "lb"])
  let words = StatementCompletion.candidates(
    previous: ["at", "5s", "add", "server", "web-4"], word: "", afterComma: false,
    insideBlock: false, vocabulary: vocabulary)
  #expect(words.contains("pool") && words.contains("to") && words.contains("cpu"))
  #expect(!words.contains("count"))
  #expect(
    StatementCompletion.candidates(
      previous: ["at", "5s", "add", "server", "web-4", "pool"], word: "w", afterComma: false,
      insideBlock: false, vocabulary: vocabulary) == ["web"])
  #expect(KeywordDocs.attribute("pool", of: "at") != nil)
}
