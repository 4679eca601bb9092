import Testing

@testable import ScaleDiagnostics

private func excerpt(_ line: String, from start: Int, to end: Int, endLine: Int = 1) -> Excerpt {
  let bytes = Array(line.utf8)
  return Excerpt(
    line: bytes[...],
    range: SourceRange(
      start: SourceLocation(line: 1, column: start, offset: start - 1),
      end: SourceLocation(line: endLine, column: end, offset: end - 1)))
}

@Test func aShortLineIsShownWhole() {
  let shown = excerpt("server web cpu 5m", from: 16, to: 18)
  #expect(shown.text == "server web cpu 5m")
  #expect(shown.caretColumn == 15)
  #expect(shown.caretWidth == 2)
}

@Test func wideAndCombiningCharacters() {
  // `☕` takes two columns, `e` + U+0301 one.
  let shown = excerpt("☕ e\u{301} x", from: 9, to: 10)
  #expect(shown.caretColumn == 5)
  #expect(shown.caretWidth == 1)
  let wide = excerpt("a 漢字 b", from: 3, to: 9)
  #expect(wide.caretColumn == 2)
  #expect(wide.caretWidth == 4)
}

@Test func aRangeBeyondTheLineIsClamped() {
  let shown = excerpt("abc", from: 10, to: 20)
  #expect(shown.caretColumn == 3)
  #expect(shown.caretWidth == 1)
  let backwards = excerpt("abc", from: 3, to: 1)
  #expect(backwards.caretColumn == 2)
  #expect(backwards.caretWidth == 1)
}

@Test func aRangeEndingOnALaterLineRunsToTheEndOfTheFirst() {
  let shown = excerpt("balancer lb {", from: 13, to: 2, endLine: 5)
  #expect(shown.caretColumn == 12)
  #expect(shown.caretWidth == 1)
  let longer = excerpt("abc def", from: 5, to: 1, endLine: 2)
  #expect(longer.caretColumn == 4)
  #expect(longer.caretWidth == 3)
}

@Test func aLongSpanOnALongLineIsCutAtTheWindow() {
  let line = String(repeating: "x", count: 1000)
  let shown = excerpt(line, from: 500, to: 1000)
  #expect(shown.text.hasPrefix("…"))
  #expect(shown.text.hasSuffix("…"))
  #expect(shown.text.count <= DiagnosticRenderer.maximumExcerptWidth)
  #expect(shown.caretColumn == 1 + DiagnosticRenderer.leftContext)
  #expect(shown.caretColumn + shown.caretWidth <= shown.text.count)
}

@Test func aLineCutInTheMiddleOfAMultiByteCharacterStaysValid() {
  let line = String(repeating: "é", count: 2000) + " 5m"
  let column = 4000 + 2
  let shown = excerpt(line, from: column, to: column + 2)
  #expect(!shown.text.contains("\u{FFFD}"))
  #expect(shown.text.hasSuffix("é 5m"))
  let characters = Array(shown.text)
  #expect(String(characters[shown.caretColumn..<(shown.caretColumn + 2)]) == "5m")
}
