import Foundation
import Testing

@testable import ScaleLanguage

/// Every statement docs/language.md shows in a code block checks without error: alone, or,
/// when it refers to components it does not declare, on top of a small topology.
enum LanguageDoc {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/language.md")

  /// Statements from fenced code blocks (a balancer block kept whole; a code block with
  /// routes is one script: its routes' shares add up over the block).
  static var statements: [String] {
    guard let text = try? String(contentsOf: path, encoding: .utf8) else { return [] }
    var result: [String] = []
    var inCode = false
    var open: [String]?
    var blockStart = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("```") {
        inCode.toggle()
        if inCode {
          blockStart = result.count
        } else if result[blockStart...].contains(where: { $0.hasPrefix("route ") }) {
          let script = result[blockStart...].joined(separator: "\n")
          result.removeSubrange(blockStart...)
          result.append(script)
        }
        continue
      }
      guard inCode else { continue }
      let code = line.split(separator: "#", maxSplits: 1).first.map(String.init) ?? ""
      let trimmed = code.trimmingCharacters(in: .whitespaces)
      if trimmed.isEmpty { continue }
      if var block = open {
        block.append(trimmed)
        if trimmed == "}" {
          result.append(block.joined(separator: "\n"))
          open = nil
        } else {
          open = block
        }
      } else if trimmed.hasSuffix("{") {
        open = [trimmed]
      } else {
        result.append(trimmed)
      }
    }
    return result
  }

  /// A topology for `statement` to refer to, without the names it declares itself.
  static func topology(for statement: String) -> String {
    var lines = [
      "server web-1 cpu 4", "server web-2 cpu 4", "server db-1 cpu 4",
      "database orders replicas 2", "database users", "shard users 2", "cache sessions nodes 3",
      "queue q", "traffic 100 rps for 10min", "server orders-api count 2 zone a",
    ]
    if !statement.hasPrefix("balancer") { lines.append("balancer lb") }
    if !statement.contains("add server web-4") { lines.append("server web-4") }
    return lines.joined(separator: "\n")
  }
  static let referenceErrors: Set<String> = ["E0212", "E0217", "E0220"]
}

@Test func languageDocHasExamples() {
  #expect(LanguageDoc.statements.count > 40)
  #expect(LanguageDoc.statements.contains("balancer lb weighted {\nweb-1 weight 3\nweb-2\n}"))
  #expect(
    LanguageDoc.statements.contains {
      $0.hasPrefix("server web count 4") && $0.contains("route search")
    })
}

@Test(arguments: LanguageDoc.statements)
func languageDocExampleChecks(statement: String) {
  let alone = Frontend.compile(statement)
  let errors = Set(alone.diagnostics.filter { $0.severity == .error }.map(\.id))
  if errors.isEmpty { return }
  #expect(
    errors.isSubset(of: LanguageDoc.referenceErrors), "\(CheckHarness.render(alone.diagnostics))")
  let placed = Frontend.compile(LanguageDoc.topology(for: statement) + "\n" + statement)
  #expect(!placed.hasErrors, "\(statement): \(CheckHarness.render(placed.diagnostics))")
}
