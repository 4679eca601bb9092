import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

/// A tree's items with every range set to zero and no blank lines at the start or the end
/// (of the file or of a block), to compare trees of different layouts.
struct Normalized: Equatable, CustomStringConvertible {
  var items: [Item]
  init(_ tree: SyntaxTree) { items = Self.trim(tree.items).map(Self.strip) }

  static func trim(_ items: [Item]) -> [Item] {
    var slice = items[...]
    while slice.first == .blankLine { slice = slice.dropFirst() }
    while slice.last == .blankLine { slice = slice.dropLast() }
    return Array(slice)
  }

  static let zero = SourceRange(
    start: ScaleDiagnostics.SourceLocation(line: 0, column: 0, offset: 0),
    end: ScaleDiagnostics.SourceLocation(line: 0, column: 0, offset: 0))

  static func strip(_ item: Item) -> Item {
    switch item {
    case .blankLine: return .blankLine
    case .comment(let text, _): return .comment(text, zero)
    case .statement(let statement): return .statement(strip(statement))
    }
  }

  static func strip(_ statement: Statement) -> Statement {
    var result = statement
    result.keywordRange = zero
    result.range = zero
    result.words = statement.words.map { Word(kind: $0.kind, range: zero) }
    result.block = statement.block?.map(strip)
    result.blockItems = statement.blockItems.map { trim($0).map(strip) }
    return result
  }

  var description: String { SyntaxTree(items: items, diagnostics: []).dump() }
}

private func format(_ source: String) -> String {
  let (text, diagnostics) = Formatter.format(source: source)
  #expect(diagnostics.isEmpty)
  return text
}

@Test func wordsAreSeparatedBySingleSpaces() {
  #expect(format("server   web-1\tcpu  4") == "server web-1 cpu 4\n")
  #expect(format("  server web-1 cpu 4   \n") == "server web-1 cpu 4\n")
}

@Test func commasHaveNoSpaceBeforeAndOneAfter() {
  #expect(
    format("balancer lb round-robin to web-1 ,web-2 , web-3")
      == "balancer lb round-robin to web-1, web-2, web-3\n")
}

@Test func comparisonsStandApart() {
  #expect(format("expect p99<200ms") == "expect p99 < 200ms\n")
  #expect(format("expect throughput>=1900rps") == "expect throughput >= 1900 rps\n")
}

@Test func numbersKeepTheirSpelling() {
  #expect(
    format("traffic 1_000rps for 0.5min keys zipf 1.10 over 1M\nautoscale 30..70")
      == "traffic 1_000 rps for 0.5min keys zipf 1.10 over 1M\nautoscale 30..70\n")
  #expect(format("retry backoff 25ms..250ms") == "retry backoff 25ms..250ms\n")
  #expect(format("traffic 500..3000rps") == "traffic 500..3000 rps\n")
}

@Test func caseIsKept() {
  #expect(format("Server WEB cpu 4") == "Server WEB cpu 4\n")
}

@Test func commentsKeepTheirTextAndPlace() {
  #expect(format("   #   indented comment  \n") == "#   indented comment\n")
  #expect(format("seed 42 # the seed") == "seed 42  # the seed\n")
  #expect(format("seed 42#tight") == "seed 42  #tight\n")
  #expect(format("#") == "#\n")
}

@Test func blankLinesCollapseAndNeverLeadOrTrail() {
  #expect(format("\n\n\nseed 1\n\n\n\nduration 1min\n\n\n") == "seed 1\n\nduration 1min\n")
}

@Test func emptyAndBlankFilesFormatToNothing() {
  #expect(format("") == "")
  #expect(format("\n\n  \n") == "")
}

@Test func theFileEndsWithOneNewline() {
  #expect(format("seed 1") == "seed 1\n")
  #expect(format("seed 1\n\n") == "seed 1\n")
}

@Test func crlfBecomesLf() {
  #expect(
    format("seed 1\r\n# c\r\nserver a {\r\n  b\r\n}\r\n") == "seed 1\n# c\nserver a {\n  b\n}\n")
}

@Test func blocksAreIndentedAndClosedAlone() {
  let source = """
    balancer lb weighted {   # backends

        web-1 weight 3
    # heavy one

    \tweb-2


    } # end
    """
  #expect(
    format(source) == """
      balancer lb weighted {  # backends
        web-1 weight 3
        # heavy one

        web-2
      }  # end

      """)
}

@Test func emptyBlocksFormatInline() {
  #expect(format("balancer lb {\n}\n") == "balancer lb { }\n")
  #expect(format("balancer lb {   }  # none\n") == "balancer lb { }  # none\n")
  #expect(format("balancer lb {\n\n}  # none\n") == "balancer lb {\n}  # none\n")
}

@Test func refusesToFormatWhenThereAreErrors() {
  let source = "server web cpu 5m\n   seed   1\n"
  let (text, diagnostics) = Formatter.format(source: source)
  #expect(text == source)
  #expect(diagnostics.map(\.id) == ["E0003"])
}

@Test func formattingATreeDirectly() {
  let zero = Normalized.zero
  let tree = SyntaxTree(
    items: [
      .blankLine,
      .statement(
        Statement(
          keyword: "balancer", keywordRange: zero,
          words: [Word(kind: .identifier("lb"), range: zero)],
          block: [Statement(keyword: "web-1", keywordRange: zero, words: [], range: zero)],
          trailingComment: " x", range: zero)),
      .comment(" end", zero),
    ], diagnostics: [])
  #expect(Formatter.format(tree) == "balancer lb {  # x\n  web-1\n}\n# end\n")
}
