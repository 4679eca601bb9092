import Testing

@testable import ScaleDiagnostics

/// A range on one line, columns 1-based and end-exclusive; offsets computed from `source`.
private func span(_ source: SourceText, line: Int, from start: Int, to end: Int) -> SourceRange {
  let base = source.lineStarts[line - 1]
  return SourceRange(
    start: SourceLocation(line: line, column: start, offset: base + start - 1),
    end: SourceLocation(line: line, column: end, offset: base + end - 1))
}

private func error(_ range: SourceRange, help: String? = nil) -> Diagnostic {
  Diagnostic(
    id: "E0003", severity: .error, message: "`m` is not a unit", range: range, help: help)
}

@Test func rendersHeaderGutterCaretsAndHelp() {
  let source = SourceText("seed 1\nserver web-1 cpu 5m\n")
  let text = DiagnosticRenderer.render(
    error(span(source, line: 2, from: 18, to: 20), help: "write `min`"), fileName: "shop.scale",
    source: source, color: false)
  #expect(
    text == """
      shop.scale:2:18: error[E0003]: `m` is not a unit
        2 | server web-1 cpu 5m
          |                  ^^
          = help: write `min`

      """)
}

@Test func gutterWidensWithTheLineNumber() {
  let source = SourceText(String(repeating: "\n", count: 99) + "abc\n")
  let text = DiagnosticRenderer.render(
    error(span(source, line: 100, from: 2, to: 3)), fileName: "f", source: source, color: false)
  #expect(
    text == """
      f:100:2: error[E0003]: `m` is not a unit
        100 | abc
            |  ^

      """)
}

@Test func tabsAreExpandedSoCaretsAlign() {
  let source = SourceText("\tserver\tx 5m")
  let text = DiagnosticRenderer.render(
    error(span(source, line: 1, from: 11, to: 13)), fileName: "f", source: source, color: false)
  #expect(
    text == """
      f:1:11: error[E0003]: `m` is not a unit
        1 |     server    x 5m
          |                 ^^

      """)
}

@Test func multiByteCharactersTakeOneColumn() {
  let source = SourceText("# café\nx é 5m")
  let text = DiagnosticRenderer.render(
    error(span(source, line: 2, from: 6, to: 8)), fileName: "f", source: source, color: false)
  #expect(text.contains("  2 | x é 5m\n    |     ^^\n"))
}

@Test func emptySpanShowsOneCaretEvenAtTheEndOfTheLine() {
  let source = SourceText("server {")
  let text = DiagnosticRenderer.render(
    error(span(source, line: 1, from: 9, to: 9)), fileName: "f", source: source, color: false)
  #expect(text.hasSuffix("  1 | server {\n    |         ^\n"))
}

@Test func multiLineSpanUnderlinesTheFirstLineToItsEnd() {
  let source = SourceText("lb {\n  web-1\n")
  let range = SourceRange(
    start: SourceLocation(line: 1, column: 4, offset: 3),
    end: SourceLocation(line: 2, column: 8, offset: 12))
  let text = DiagnosticRenderer.render(error(range), fileName: "f", source: source, color: false)
  #expect(text.hasSuffix("  1 | lb {\n    |    ^\n"))
}

@Test func controlCharactersAreNeverPrintedRaw() {
  let source = SourceText("a \u{1B}[31m b")
  let text = DiagnosticRenderer.render(
    error(span(source, line: 1, from: 3, to: 4)), fileName: "f", source: source, color: false)
  #expect(!text.contains("\u{1B}"))
  #expect(text.contains("  1 | a \u{FFFD}[31m b\n    |   ^\n"))
}

@Test func aVeryLongLineIsCutAroundTheSpan() {
  let long = String(repeating: "a", count: 10_000_000)
  let source = SourceText("server " + long + " 5m tail")
  let column = 7 + long.utf8.count + 2
  let text = DiagnosticRenderer.render(
    error(span(source, line: 1, from: column, to: column + 2)), fileName: "f", source: source,
    color: false)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  #expect(lines.count == 4)
  let excerpt = lines[1].dropFirst("  1 | ".count)
  #expect(excerpt.hasPrefix("…"))
  #expect(excerpt.hasSuffix("a 5m tail"))
  #expect(excerpt.count <= DiagnosticRenderer.maximumExcerptWidth)
  let caret = lines[2].dropFirst("    | ".count)
  let excerptColumns = Array(excerpt)
  let caretStart = caret.count - 2
  #expect(caret.hasSuffix("^^"))
  #expect(String(excerptColumns[caretStart..<caretStart + 2]) == "5m")
}

@Test func aLongLineCutOnTheRightOnly() {
  let source = SourceText("5m " + String(repeating: "b", count: 500))
  let text = DiagnosticRenderer.render(
    error(span(source, line: 1, from: 1, to: 3)), fileName: "f", source: source, color: false)
  let lines = text.split(separator: "\n")
  #expect(lines[1].hasPrefix("  1 | 5m bbb"))
  #expect(lines[1].hasSuffix("b…"))
  #expect(lines[1].count == "  1 | ".count + DiagnosticRenderer.maximumExcerptWidth - 1)
  #expect(lines[2] == "    | ^^")
}

@Test func colourOnlyWhenAsked() {
  let source = SourceText("x 5m")
  let diagnostic = error(span(source, line: 1, from: 3, to: 5), help: "h")
  let plain = DiagnosticRenderer.render(diagnostic, fileName: "f", source: source, color: false)
  let coloured = DiagnosticRenderer.render(diagnostic, fileName: "f", source: source, color: true)
  #expect(!plain.contains("\u{1B}"))
  #expect(coloured.contains("\u{1B}[1;31merror[E0003]\u{1B}[0m"))
  #expect(coloured.contains("\u{1B}[1;31m^^\u{1B}[0m"))
  let stripped = coloured.replacing(/\x{1B}\[[0-9;]*m/, with: "")
  #expect(stripped == plain)
}

@Test func warningsAndNotesNameTheirSeverity() {
  let source = SourceText("x")
  var diagnostic = error(span(source, line: 1, from: 1, to: 2))
  diagnostic.severity = .warning
  diagnostic.id = "W0001"
  #expect(
    DiagnosticRenderer.render(diagnostic, fileName: "f", source: source, color: false)
      .hasPrefix("f:1:1: warning[W0001]: "))
}

@Test func aLineOutsideTheSourceRendersOnlyTheHeader() {
  let source = SourceText("x")
  let diagnostic = error(
    SourceRange(
      start: SourceLocation(line: 9, column: 1, offset: 50),
      end: SourceLocation(line: 9, column: 2, offset: 51)), help: "h")
  #expect(
    DiagnosticRenderer.render(diagnostic, fileName: "f", source: source, color: false)
      == "f:9:1: error[E0003]: `m` is not a unit\n    = help: h\n")
}

@Test(arguments: [
  (0, 0, "no errors"), (1, 0, "1 error"), (2, 0, "2 errors"), (0, 1, "1 warning"),
  (0, 3, "3 warnings"), (2, 1, "2 errors, 1 warning"), (1, 2, "1 error, 2 warnings"),
])
func summaries(errors: Int, warnings: Int, expected: String) {
  #expect(DiagnosticRenderer.summary(errors: errors, warnings: warnings) == expected)
}

@Test func jsonHasStableKeysAndEscapes() {
  let source = SourceText("x 5m")
  let first = Diagnostic(
    id: "E0001", severity: .error, message: "bad \"quote\" \\ \n\u{1}",
    range: span(source, line: 1, from: 3, to: 5), help: nil)
  let second = Diagnostic(
    id: "W0002", severity: .warning, message: "é", range: span(source, line: 1, from: 1, to: 2),
    help: "try `x`")
  let json = DiagnosticRenderer.renderJSON([("a.scale", first), ("dir/b\"c.scale", second)])
  #expect(
    json == """
      [
        {"file":"a.scale","line":1,"column":3,"endLine":1,"endColumn":5,"severity":"error","id":"E0001","message":"bad \\"quote\\" \\\\ \\n\\u0001","help":null},
        {"file":"dir/b\\"c.scale","line":1,"column":1,"endLine":1,"endColumn":2,"severity":"warning","id":"W0002","message":"é","help":"try `x`"}
      ]

      """)
  #expect(DiagnosticRenderer.renderJSON([]) == "[]\n")
}

@Test func severalDiagnosticsAreSeparatedByABlankLine() {
  let source = SourceText("a\nb")
  let text = DiagnosticRenderer.render(
    [error(span(source, line: 1, from: 1, to: 2)), error(span(source, line: 2, from: 1, to: 2))],
    fileName: "f", source: source, color: false)
  #expect(
    text == """
      f:1:1: error[E0003]: `m` is not a unit
        1 | a
          | ^

      f:2:1: error[E0003]: `m` is not a unit
        2 | b
          | ^

      """)
}
