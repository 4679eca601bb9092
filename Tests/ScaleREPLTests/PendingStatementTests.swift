import Testing

@testable import ScaleREPL

@Test func aSingleLineCompletesAtOnce() {
  var pending = PendingStatement()
  #expect(pending.add("server web-1 cpu 4") == "server web-1 cpu 4")
  #expect(!pending.isOpen)
}

@Test func aBlockStaysOpenUntilItsBraceCloses() {
  var pending = PendingStatement()
  #expect(pending.add("balancer lb weighted {") == nil)
  #expect(pending.isOpen)
  #expect(pending.add("  web-1 weight 3") == nil)
  #expect(pending.add("}") == "balancer lb weighted {\n  web-1 weight 3\n}")
  #expect(!pending.isOpen)
}

@Test func bracesInCommentsDoNotCount() {
  #expect(PendingStatement.braceBalance("server a # {") == 0)
  #expect(PendingStatement.braceBalance("balancer lb { # }\n web-1") == 1)
}

@Test func aStrayClosingBraceCompletes() {
  var pending = PendingStatement()
  #expect(pending.add("}") == "}")
}

@Test func cancelDropsTheOpenStatement() {
  var pending = PendingStatement()
  _ = pending.add("balancer lb {")
  pending.cancel()
  #expect(!pending.isOpen)
  #expect(pending.add("seed 1") == "seed 1")
}

@Test func aRouteGroupIsNotABlock() {
  // A fan-out group closes on its line; an unclosed one is the parser's error, not more input.
  #expect(PendingStatement.braceBalance("route s: lb -> { a, b }") == 0)
  #expect(PendingStatement.braceBalance("route s: lb -> { a, b") == 0)
  #expect(PendingStatement.braceBalance("route s: lb -> { a }\nbalancer lb {") == 1)
  var pending = PendingStatement()
  #expect(pending.add("route s: lb->{ a, b") == "route s: lb->{ a, b")
}
