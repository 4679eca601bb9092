import Testing

@testable import ScaleDiagnostics

@Test func linesWithoutTheirEndings() {
  let text = SourceText("one\r\ntwo\n\nfour")
  #expect(text.lineCount == 4)
  #expect(text.line(1) == "one")
  #expect(text.line(2) == "two")
  #expect(text.line(3) == "")
  #expect(text.line(4) == "four")
  #expect(text.line(5) == nil)
  #expect(text.line(0) == nil)
}

@Test func aFinalNewlineStartsNoLine() {
  let text = SourceText("a\nb\n")
  #expect(text.lineCount == 2)
  #expect(text.line(3) == "")
  #expect(SourceText("").lineCount == 1)
  #expect(SourceText("").line(1) == "")
}

@Test func offsetsMapToLineAndColumn() {
  let text = SourceText("ab\ncdé\nf")
  #expect(text.location(ofOffset: 0) == SourceLocation(line: 1, column: 1, offset: 0))
  #expect(text.location(ofOffset: 2) == SourceLocation(line: 1, column: 3, offset: 2))
  #expect(text.location(ofOffset: 3) == SourceLocation(line: 2, column: 1, offset: 3))
  #expect(text.location(ofOffset: 7) == SourceLocation(line: 2, column: 5, offset: 7))
  #expect(text.location(ofOffset: 8) == SourceLocation(line: 3, column: 1, offset: 8))
  #expect(text.location(ofOffset: 99) == SourceLocation(line: 3, column: 2, offset: 9))
  #expect(text.location(ofOffset: -5) == SourceLocation(line: 1, column: 1, offset: 0))
}
