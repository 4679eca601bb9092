import Foundation
import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

/// Malformed and extreme inputs, built here rather than committed: each must end with
/// diagnostics (or none, where the input is valid) and never crash, hang or recurse deeply.

@Test func everyTruncationOfAValidFile() throws {
  let source =
    try #require(Golden.read("parser", "shop", "scale"))
    + "balancer lb weighted {  # b\n  web-1 weight 3\n  web-2\n}\n"
  let bytes = Array(source.utf8)
  for length in 0...bytes.count {
    Invariants.check(String(decoding: bytes[0..<length], as: UTF8.self), "truncated at \(length)")
  }
}

@Test func unknownCharactersEverywhere() {
  for character in [
    "@", "=", ";", "\"", "'", "!", "$", "^", "&", "*", "(", ")", "[", "]", "|", "\\", "/", "?", "~",
    "`", "é", "☕", "\u{0}", "\u{7F}", "\u{202E}", "\u{FEFF}",
  ] {
    let source = "server\(character)web cpu \(character)4\n\(character)\n"
    let tree = Parser.parse(source)
    #expect(!tree.diagnostics.isEmpty, "\(character.unicodeScalars.first?.value ?? 0)")
    #expect(tree.diagnostics.allSatisfy { $0.id == "E0001" || $0.id == "E0100" })
    Invariants.check(source, "character")
  }
}

@Test func binaryGarbage() {
  var random = SplitMix64(seed: 99)
  for round in 0..<20 {
    let bytes = (0..<(1 + random.below(20_000))).map { _ in UInt8(truncatingIfNeeded: random.next())
    }
    let source = String(decoding: bytes, as: UTF8.self)
    let tree = Parser.parse(source)
    #expect(!tree.diagnostics.isEmpty)
    Invariants.check(source, "garbage \(round)")
  }
}

@Test func aMegabyteOfGarbageIsCappedAtTheLimit() {
  var random = SplitMix64(seed: 5)
  let bytes = (0..<1_000_000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
  let tree = Parser.parse(String(decoding: bytes, as: UTF8.self))
  #expect(tree.diagnostics.count == DiagnosticCollector.limit + 1)
  #expect(tree.diagnostics.last?.id == "N0001")
}

@Test func aTenMegabyteLine() {
  let name = String(repeating: "a", count: 10_000_000)
  let tree = Parser.parse("server \(name) cpu 5m\n")
  #expect(tree.diagnostics.map(\.id) == ["E0003"])
  #expect(tree.statements.first?.words.first?.identifier?.utf8.count == 10_000_000)
  let comment = Parser.parse("seed 1  #" + String(repeating: "x", count: 10_000_000))
  #expect(comment.diagnostics.isEmpty)
  #expect(comment.statements.first?.trailingComment?.utf8.count == 10_000_000)
}

@Test func aTenMegabyteLineOfBadCharactersIsOneDiagnostic() {
  let tree = Parser.parse("seed " + String(repeating: "@", count: 10_000_000) + " 1")
  #expect(tree.diagnostics.map(\.id) == ["E0001"])
  #expect(tree.diagnostics.first?.range.end.column == 10_000_006)
  #expect(tree.diagnostics.first?.message == "unexpected characters `@@@@@@@@@@@@@@@@…`")
}

@Test func aHundredThousandNestedBraces() {
  let open = String(repeating: "{", count: 100_000)
  // In source order: the first `{` is misplaced and never closed, the second is on its line
  // and nested; the rest are skipped with the nested block.
  #expect(Parser.parse(open).diagnostics.map(\.id) == ["E0107", "E0101", "E0104", "E0103"])
  let lines = String(repeating: "x {\n", count: 100_000)
  #expect(Parser.parse(lines).diagnostics.map(\.id) == ["E0101", "E0103"])
  let balanced =
    "balancer lb " + open + "\n" + String(repeating: "}", count: 100_000) + "\nseed 1\n"
  let tree = Parser.parse(balanced)
  #expect(tree.diagnostics.map(\.id) == ["E0104", "E0103"])
  #expect(tree.statements.map(\.keyword) == ["balancer", "seed"])
  let closers = String(repeating: "}\n", count: 100_000)
  #expect(Parser.parse(closers).diagnostics.count == DiagnosticCollector.limit + 1)
}

@Test func hugeNumbers() {
  let digits = String(repeating: "9", count: 400)
  let tree = Parser.parse(
    "traffic \(digits) rps\ncache ttl 1e400\nx 1.\(digits)\ny \(digits).5G 0.\(digits)\n")
  #expect(tree.diagnostics.map(\.id) == ["E0004", "E0002", "E0004"])
  #expect(tree.statements.map(\.keyword) == ["traffic", "cache", "x", "y"])
  #expect(tree.statements[2].words.count == 1)
}

@Test func emptyOnlyCommentsAndOnlyBlankLines() {
  #expect(Parser.parse("") == SyntaxTree(items: [], diagnostics: []))
  #expect(Parser.parse("# a\n#b").items.count == 2)
  #expect(Parser.parse("\n\n\r\n  \t\n").items == [.blankLine])
}

@Test func aTenMegabyteFile() {
  let statement = "server web-1 cpu 4 ram 16GB  # c\n"
  let count = 10_000_000 / statement.utf8.count
  let source = String(repeating: statement, count: count)
  let clock = ContinuousClock()
  var tree = SyntaxTree(items: [], diagnostics: [])
  let elapsed = clock.measure { tree = Parser.parse(source) }
  #expect(tree.diagnostics.isEmpty)
  #expect(tree.statements.count == count)
  #expect(tree.statements.last?.range.start.line == count)
  // Informal measurement only (no assertion on time).
  print("parsed \(source.utf8.count) bytes, \(count) statements in \(elapsed)")
}
