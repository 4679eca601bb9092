import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

private func ids(_ source: String) -> [String] {
  Parser.parse(source).diagnostics.map(\.id)
}

@Test func parsesTheCardExample() {
  let tree = Parser.parse("server web-1 cpu 4\n")
  #expect(tree.diagnostics.isEmpty)
  #expect(
    tree.dump()
      == "statement server @1:1-1:19 words [ident web-1 @1:8-1:13, ident cpu @1:14-1:17, number 4 =4 @1:18-1:19]\n"
  )
}

@Test func everyCardLineParsesWithoutDiagnostics() {
  let card =
    "server web-1 cpu 4\nbalancer weighted\ncache ttl 60 nodes 3\nshard 4\nautoscale 30..70\n"
  let tree = Parser.parse(card)
  #expect(tree.diagnostics.isEmpty)
  #expect(tree.statements.map(\.keyword) == ["server", "balancer", "cache", "shard", "autoscale"])
  #expect(
    tree.statements[4].words.map(\.kind) == [
      .range(
        NumberLiteral(value: 30, unit: nil, text: "30"),
        NumberLiteral(value: 70, unit: nil, text: "70"))
    ])
}

@Test func commentsAndBlankLines() {
  let tree = Parser.parse("# head\n\n\n\nseed 1  # the seed\n  # own line\n")
  #expect(tree.diagnostics.isEmpty)
  #expect(tree.items.count == 4)
  #expect(tree.items[0] == .comment(" head", tree.items[0].range))
  #expect(tree.items[1] == .blankLine)
  #expect(tree.statements.first?.trailingComment == " the seed")
  if case .comment(let text, let range) = tree.items[3] {
    #expect(text == " own line")
    #expect(range.description == "6:3-6:13")
  } else {
    Issue.record("expected a comment, got \(tree.items[3])")
  }
}

@Test func aBlockKeepsItsStatementsAndComments() throws {
  let tree = Parser.parse(
    "balancer lb weighted {  # b\n  web-1 weight 3\n\n  # c\n  web-2\n}  # end\nseed 1\n")
  #expect(tree.diagnostics.isEmpty)
  let balancer = try #require(tree.statements.first)
  #expect(balancer.range.description == "1:1-6:2")
  #expect(balancer.trailingComment == " b")
  #expect(balancer.closingComment == " end")
  #expect(balancer.block?.map(\.keyword) == ["web-1", "web-2"])
  #expect(balancer.block?.first?.words.count == 2)
  #expect(balancer.blockItems?.count == 4)
  #expect(balancer.blockItems?[1] == .blankLine)
  #expect(tree.statements.map(\.keyword) == ["balancer", "seed"])
}

@Test func anEmptyInlineBlock() throws {
  let tree = Parser.parse("balancer lb { }  # none\n")
  #expect(tree.diagnostics.isEmpty)
  let balancer = try #require(tree.statements.first)
  #expect(balancer.block == [])
  #expect(balancer.trailingComment == " none")
  #expect(balancer.range.description == "1:1-1:16")
}

@Test func everyErrorOfAFileIsReported() {
  let source = "server a cpu 5m\n4 servers\nserver b cpu 4 ram 1e400\n}\n< 3\nseed 1\n"
  let tree = Parser.parse(source)
  #expect(tree.diagnostics.map(\.id) == ["E0003", "E0100", "E0002", "E0102", "E0100"])
  #expect(tree.diagnostics.map(\.range.start.line) == [1, 2, 3, 4, 5])
  // Recovery keeps the good statements and the good words.
  #expect(tree.statements.map(\.keyword) == ["server", "server", "seed"])
  #expect(tree.statements[1].words.count == 4)
}

@Test func aStatementMustStartWithAKeyword() {
  let tree = Parser.parse("4 servers\n, x\n30..70\n")
  #expect(
    tree.diagnostics.map(\.message) == [
      "expected a statement keyword, found the number `4`",
      "expected a statement keyword, found `,`",
      "expected a statement keyword, found the range `30..70`",
    ])
  #expect(tree.items.isEmpty)
}

@Test func anUnclosedBlockPointsAtItsBrace() throws {
  let tree = Parser.parse("seed 1\nbalancer lb {\n  web-1\n  web-2\n")
  let diagnostic = try #require(tree.diagnostics.first)
  #expect(tree.diagnostics.count == 1)
  #expect(diagnostic.id == "E0101")
  #expect(diagnostic.range.description == "2:13-2:14")
  #expect(tree.statements.last?.block?.map(\.keyword) == ["web-1", "web-2"])
}

@Test func aStrayClosingBrace() {
  let tree = Parser.parse("}\nseed 1 }\n")
  #expect(tree.diagnostics.map(\.id) == ["E0102", "E0102"])
  #expect(tree.statements.map(\.keyword) == ["seed"])
  #expect(tree.items.count == 1)
}

@Test func blocksDoNotNest() {
  let tree = Parser.parse("balancer a {\n  web-1 {\n    deep {\n    }\n  }\n  web-2\n}\nseed 1\n")
  #expect(tree.diagnostics.map(\.id) == ["E0103"])
  #expect(tree.diagnostics.first?.range.description == "2:9-2:10")
  #expect(tree.statements.map(\.keyword) == ["balancer", "seed"])
  #expect(tree.statements.first?.block?.map(\.keyword) == ["web-1", "web-2"])
}

@Test func aBraceOnItsOwnLineBelongsToTheStatementAbove() {
  let tree = Parser.parse("balancer lb\n{\n  web-1\n}\n")
  #expect(tree.diagnostics.map(\.id) == ["E0107"])
  #expect(tree.statements.count == 1)
  #expect(tree.statements.first?.block?.map(\.keyword) == ["web-1"])
}

@Test func blockLayoutErrors() {
  #expect(ids("balancer lb { web-1\n}\n") == ["E0104"])
  #expect(ids("balancer lb {\n  web-1 }\n") == ["E0105"])
  #expect(ids("balancer lb {\n}  web-1\n") == ["E0106"])
  #expect(
    Parser.parse("balancer lb { } web-1\n").statements.map(\.keyword) == ["balancer", "web-1"])
}

@Test func theLastLineNeedsNoNewline() {
  let tree = Parser.parse("seed 1\nserver a cpu 2")
  #expect(tree.diagnostics.isEmpty)
  #expect(tree.statements.last?.range.description == "2:1-2:15")
}

@Test func crlfLineEndings() {
  let tree = Parser.parse("seed 1\r\nbalancer lb {\r\n  web-1\r\n}\r\n# c\r\n")
  #expect(tree.diagnostics.isEmpty)
  #expect(tree.statements.map(\.keyword) == ["seed", "balancer"])
  #expect(tree.items.last == .comment(" c", tree.items.last?.range ?? Normalized.zero))
}

@Test func diagnosticsAreInSourceOrder() {
  let tree = Parser.parse("balancer a {\n  x 5m\n  4\n")
  #expect(tree.diagnostics.map(\.id) == ["E0101", "E0003", "E0100"])
  let offsets = tree.diagnostics.map(\.range.start.offset)
  #expect(offsets == offsets.sorted())
}

extension Item {
  /// The item's range, for comments (tests only need that one).
  var range: SourceRange {
    switch self {
    case .comment(_, let range): return range
    case .statement(let statement): return statement.range
    case .blankLine: return Normalized.zero
    }
  }
}

@Test func aBraceAfterAColonOrArrowIsAFanOutGroupNotABlock() throws {
  let tree = Parser.parse("route s: lb -> { a, b }  # note\nserver x {\n  y\n}\n")
  #expect(tree.diagnostics.isEmpty)
  let route = try #require(tree.statements.first)
  #expect(route.block == nil)
  #expect(route.trailingComment == " note")
  #expect(
    route.words.map(\.kind) == [
      .identifier("s"), .colon, .identifier("lb"), .arrow, .leftBrace, .identifier("a"), .comma,
      .identifier("b"), .rightBrace,
    ])
  // Statements without a path keep their blocks.
  #expect(tree.statements[1].block?.map(\.keyword) == ["y"])
}

@Test func routeGroupsKeepTheParsersRecovery() {
  // An unclosed group ends with its line; a `}` with no group open is still E0102; inside a
  // block, a group's `}` does not close the block.
  #expect(ids("route s: lb -> { a\nserver x\n") == [])
  #expect(ids("route s: lb -> }\n") == ["E0102"])
  #expect(ids("balancer lb {\n  x: { a }\n}\n") == [])
  #expect(ids(": lb\n-> x\n") == ["E0100", "E0100"])
}
