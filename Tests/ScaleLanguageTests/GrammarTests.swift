import Foundation
import Testing

@testable import ScaleLanguage

/// grammar/ and the code must agree: the words of grammar/scale.ebnf's statement productions
/// are exactly the checker's `StatementSchema.allKeywords`, its units and multipliers are the
/// lexer's, and the TextMate grammar knows every statement keyword.
enum GrammarFiles {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  static func read(_ path: String) throws -> String {
    String(decoding: try Data(contentsOf: root.appendingPathComponent(path)), as: UTF8.self)
  }

  /// The EBNF text between two marker comments, comments removed.
  static func section(_ text: String, from start: String, to end: String) -> String {
    guard let lower = text.range(of: start), let upper = text.range(of: end),
      lower.upperBound <= upper.lowerBound
    else { return "" }
    return String(text[lower.upperBound..<upper.lowerBound]).replacing(
      /\(\*[\s\S]*?\*\)/, with: "")
  }

  /// Every quoted terminal.
  static func terminals(_ text: String) -> [String] {
    text.matches(of: /"([^"]*)"/).map { String($0.output.1) }
  }

  /// Quoted terminals that are words (letter first), as the checker knows them.
  static func words(_ text: String) -> Set<String> {
    Set(terminals(text).filter { $0.first?.isLetter == true })
  }

  static func production(_ name: String, in text: String) -> String {
    guard let regex = try? Regex("(?m)^\(name)\\s*=([^;]*);"),
      let match = text.firstMatch(of: regex)
    else { return "" }
    return String(text[match.range])
  }
}

@Test func statementWordsAgreeWithTheChecker() throws {
  let ebnf = try GrammarFiles.read("grammar/scale.ebnf")
  let grammarWords = GrammarFiles.words(
    GrammarFiles.section(ebnf, from: "(* BEGIN STATEMENTS *)", to: "(* END STATEMENTS *)"))
  #expect(grammarWords.count > 50)
  let schemaWords = StatementSchema.allKeywords
  #expect(
    grammarWords.subtracting(schemaWords).sorted() == [],
    "in grammar/scale.ebnf but not in StatementSchema.allKeywords")
  #expect(
    schemaWords.subtracting(grammarWords).sorted() == [],
    "in StatementSchema.allKeywords but not in grammar/scale.ebnf")
}

@Test func everyStatementKeywordIsAProduction() throws {
  let ebnf = try GrammarFiles.read("grammar/scale.ebnf")
  let statements = GrammarFiles.section(
    ebnf, from: "(* BEGIN STATEMENTS *)", to: "(* END STATEMENTS *)")
  // `statement kind = seed | duration setting | …;` and each of those starts with its keyword.
  let kinds = GrammarFiles.production("statement kind", in: statements)
    .drop { $0 != "=" }.dropFirst().replacing(";", with: "")
    .split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
  let openers = kinds.map {
    GrammarFiles.terminals(GrammarFiles.production($0, in: statements)).first ?? "?\($0)"
  }
  #expect(openers.sorted() == StatementSchema.statementKeywords.sorted())
}

@Test func unitsAndMultipliersAgreeWithTheLexer() throws {
  let ebnf = try GrammarFiles.read("grammar/scale.ebnf")
  let units = Set(
    GrammarFiles.terminals(
      GrammarFiles.production("time unit", in: ebnf)
        + GrammarFiles.production("size unit", in: ebnf)
        + GrammarFiles.production("unit", in: ebnf)))
  #expect(units == Set(Unit.allCases.map(\.rawValue)))
  let multipliers = Set(GrammarFiles.terminals(GrammarFiles.production("multiplier", in: ebnf)))
  #expect(multipliers == Set(Lexer.multipliers.map(\.spelling)))
}

@Test func textMateGrammarKnowsEveryStatementKeyword() throws {
  let text = try GrammarFiles.read("grammar/scale.tmLanguage.json")
  let json = try #require(
    try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
  #expect(json["scopeName"] as? String == "source.scale")
  let repository = try #require(json["repository"] as? [String: Any])
  let keywords = try #require(repository["keywords"] as? [String: Any])
  let match = try #require(keywords["match"] as? String)
  // `^\s*(seed|duration|…)(?!…)`: the first group lists the keywords.
  let open = try #require(match.firstIndex(of: "("))
  let close = try #require(match[open...].firstIndex(of: ")"))
  let listed = match[match.index(after: open)..<close].split(separator: "|").map(String.init)
  #expect(listed.sorted() == StatementSchema.statementKeywords.sorted())
}
