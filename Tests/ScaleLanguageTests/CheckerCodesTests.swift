import Foundation
import Testing

@testable import ScaleLanguage

/// Diagnostic ids are stable and documented: every checker id appears in the checker's
/// section of docs/diagnostics.md, and every id that section documents exists.
enum DiagnosticsDoc {
  static let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/diagnostics.md")

  /// Ids in table rows (`| E0200 | …`) of the "Checker errors and warnings" section.
  static func checkerIDs() throws -> [String] {
    let text = try String(contentsOf: path, encoding: .utf8)
    guard let start = text.range(of: "## Checker errors and warnings") else { return [] }
    let rest = text[start.upperBound...]
    let section = rest.range(of: "\n## ").map { rest[..<$0.lowerBound] } ?? rest
    return section.split(separator: "\n").compactMap { line in
      let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
      guard let first = cells.first, first.wholeMatch(of: /[EW]\d{4}/) != nil else { return nil }
      return first
    }
  }
}

@Test func everyCheckerCodeIsDocumented() throws {
  let documented = try DiagnosticsDoc.checkerIDs()
  #expect(documented.sorted() == CheckerCode.allCases.map(\.rawValue).sorted())
}

@Test func checkerCodesAreStable() {
  // Changing an id breaks editors and CI scripts: this list only ever grows.
  #expect(CheckerCode.unknownStatement.rawValue == "E0200")
  #expect(CheckerCode.unknownReference.rawValue == "E0212")
  #expect(CheckerCode.needsTraffic.rawValue == "E0220")
  #expect(CheckerCode.fewBackends.rawValue == "W0200")
  #expect(CheckerCode.asyncWithoutQueue.rawValue == "W0210")
  #expect(Set(CheckerCode.allCases.map(\.rawValue)).count == CheckerCode.allCases.count)
}

@Test(arguments: CheckerCode.allCases)
func severityFollowsTheIDsLetter(code: CheckerCode) {
  #expect(code.severity == (code.rawValue.hasPrefix("E") ? .error : .warning))
}

@Test func everyCodeHasAGoldenExample() throws {
  var seen = Set<String>()
  for name in CheckGolden.names {
    let diag = CheckGolden.directory.appendingPathComponent(name + ".diag")
    let text = (try? String(contentsOf: diag, encoding: .utf8)) ?? ""
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: " ")
      if fields.count > 1 { seen.insert(String(fields[1])) }
    }
  }
  let missing = CheckerCode.allCases.map(\.rawValue).filter { !seen.contains($0) }
  #expect(missing == [])
}
