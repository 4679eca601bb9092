import Foundation
import ScaleModel
import Testing

/// The run-event kinds are one vocabulary: the enum, its printed names and the docs agree.
@Suite struct RunEventKindTests {
  /// The first cell of each table row in docs/report-formats.md's "Run events" section.
  static func documentedKinds() throws -> [String] {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("docs/report-formats.md")
    let text = try String(contentsOf: path, encoding: .utf8)
    guard let start = text.range(of: "### Run events\n") else { return [] }
    let rest = text[start.upperBound...]
    let section = rest.range(of: "\n#").map { rest[..<$0.lowerBound] } ?? rest
    return section.split(separator: "\n").compactMap { line in
      guard let match = line.firstMatch(of: /^\| `([a-z-]+)` \|/) else { return nil }
      return String(match.1)
    }
  }

  @Test func theDocsNameEveryKindAndNoOther() throws {
    let documented = try Self.documentedKinds()
    #expect(documented.sorted() == RunEvent.Kind.allCases.map(\.rawValue).sorted())
  }

  /// The printed names are what reports and JSON consumers match on: they never change.
  @Test func printedNamesAreStable() {
    #expect(RunEvent.Kind.markedDown.rawValue == "marked-down")
    #expect(RunEvent.Kind.breakerHalfOpen.rawValue == "breaker-half-open")
    #expect(RunEvent.Kind.scaleUpDone.rawValue == "scale-up-done")
    #expect(RunEvent.Kind(rawValue: "nodes") == .nodes)
    #expect(Set(RunEvent.Kind.allCases.map(\.rawValue)).count == RunEvent.Kind.allCases.count)
  }
}
