import Foundation
import Testing

@testable import ScaleLanguage

/// docs/diagnostics.md, "Lexical and syntax errors": every id the lexer and parser report is
/// documented, every documented id is reported, and each example below yields its id.
private let examples: [String: String] = [
  "E0001": "server web cpu=4\n",
  "E0002": "cache ttl 5xyz\n",
  "E0003": "cache ttl 5m\n",
  "E0004": "traffic 1\(String(repeating: "0", count: 400)) rps\n",
  "E0005": "autoscale a..b\n",
  "E0006": "read .5\n",
  "E0100": "4 servers\n",
  "E0101": "balancer lb {\n  web-1\n",
  "E0102": "}\n",
  "E0103": "balancer lb {\n  web-1 {\n  }\n}\n",
  "E0104": "balancer lb { web-1\n}\n",
  "E0105": "balancer lb {\n  web-1 }\n",
  "E0106": "balancer lb {\n} web-3\n",
  "E0107": "balancer lb\n{\n  web-1\n}\n",
  "N0001": String(repeating: "@ ", count: 2000),
]

/// Ids in table rows of the section.
private func documentedIDs() throws -> [String] {
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/diagnostics.md")
  let text = try String(contentsOf: path, encoding: .utf8)
  guard let start = text.range(of: "## Lexical and syntax errors") else { return [] }
  let rest = text[start.upperBound...]
  let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
  return section.split(separator: "\n").compactMap { line in
    let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    guard let first = cells.first, first.wholeMatch(of: /[EWN]\d{4}/) != nil else { return nil }
    return first
  }
}

@Test func everySyntaxIDIsDocumented() throws {
  // E0199 is the progress guard's: documented, never expected.
  #expect(try documentedIDs().sorted() == (Array(examples.keys) + ["E0199"]).sorted())
}

@Test(arguments: examples.keys.sorted())
func eachExampleYieldsItsID(_ id: String) throws {
  let source = try #require(examples[id])
  let ids = Parser.parse(source).diagnostics.map(\.id)
  #expect(ids.contains(id), "\(id): got \(ids)")
  if id != "N0001" { #expect(ids.count == 1, "\(id): got \(ids)") }
}

/// Every id in the sources of the lexer and parser appears in the examples (so a new id cannot
/// be added without documenting it).
@Test func theSourcesUseNoOtherIDs() throws {
  let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/ScaleLanguage")
  var used = Set<String>()
  for file in ["Lexer.swift", "Parser.swift", "DiagnosticCollector.swift"] {
    let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
    for match in text.matches(of: /"([EN]0[01]\d\d)"/) { used.insert(String(match.output.1)) }
  }
  #expect(used.sorted() == (Array(examples.keys) + ["E0199"]).sorted())
}
