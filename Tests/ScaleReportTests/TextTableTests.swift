import Testing

@testable import ScaleReport

@Test func columnsAlignAndNumbersRightAlign() {
  var table = TextTable([.init("name", .left), .init("value")])
  table.add(["a", "1"])
  table.add(["longer", "1,000"])
  #expect(
    table.render(width: 100, color: false) == [
      "  name    value", "  a           1", "  longer  1,000",
    ])
}

@Test func longNamesAreShortenedToFitTheWidth() {
  var table = TextTable([.init("name", .left), .init("value")])
  table.add([String(repeating: "x", count: 80), "1"])
  let lines = table.render(width: 40, color: false)
  #expect(lines.allSatisfy { $0.count <= 40 })
  #expect(lines[1].hasPrefix("  …xxx"))
  #expect(lines[1].hasSuffix("x      1"))
  #expect(TextTable.fitKeepingEnd("orders/shard-1/replica-2", width: 12) == "…1/replica-2")
}

@Test func colourDoesNotChangeLayout() {
  var table = TextTable([.init("name", .left), .init("value")])
  table.add([.init("a"), .init("9", style: .red)])
  let plain = table.render(width: 100, color: false)
  let coloured = table.render(width: 100, color: true)
  #expect(coloured[1] == "  a         \u{1B}[31m9\u{1B}[0m")
  #expect(plain[1] == "  a         9")
}

@Test func wrappingHangs() {
  #expect(
    Wrap.hanging("one two three four", first: "> ", width: 11) == [
      "> one two", "  three", "  four",
    ])
  #expect(Wrap.lines("", width: 5) == [""])
}

/// Issue 10 item 18: a narrow layout never makes two names read the same.
@Test func narrowNamesStayDistinct() {
  let names = ["orders/shard-1/replica-2", "orders/shard-2/replica-2", "orders/shard-1/replica-1"]
  let width = TextTable.distinctWidth(names, atLeast: 8)
  let fitted = names.map { TextTable.fitKeepingEnd($0, width: width) }
  #expect(Set(fitted).count == 3)
  #expect(width < names[0].count)
  #expect(TextTable.distinctWidth(["web-1", "web-2"], atLeast: 8) == 8)
}
