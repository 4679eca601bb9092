import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

private func diagnostic(_ id: String, at offset: Int) -> Diagnostic {
  let location = SourceLocation(line: 1, column: offset + 1, offset: offset)
  return Diagnostic(
    id: id, severity: .error, message: id, range: SourceRange(start: location, end: location))
}

@Test func mergeSortsBySourcePositionAndKeepsTiesInOrder() {
  var lexer = DiagnosticCollector()
  lexer.append(diagnostic("L1", at: 5))
  lexer.append(diagnostic("L2", at: 9))
  var parser = DiagnosticCollector()
  parser.append(diagnostic("P1", at: 1))
  parser.append(diagnostic("P2", at: 5))
  #expect(DiagnosticCollector.merge([lexer, parser]).map(\.id) == ["P1", "L1", "P2", "L2"])
}

@Test func mergeKeepsTheLimitAndAddsOneNote() {
  var lexer = DiagnosticCollector()
  var parser = DiagnosticCollector()
  for offset in 0..<(DiagnosticCollector.limit + 10) {
    lexer.append(diagnostic("L", at: offset * 2))
    parser.append(diagnostic("P", at: offset * 2 + 1))
  }
  #expect(lexer.suppressed == 10)
  let merged = DiagnosticCollector.merge([lexer, parser])
  #expect(merged.count == DiagnosticCollector.limit + 1)
  #expect(merged.last?.id == "N0001")
  #expect(merged.last?.message == "too many errors; only the first 1000 are shown")
  #expect(merged.dropLast().map(\.range.start.offset) == Array(0..<DiagnosticCollector.limit))
}

@Test func noNoteWhenNothingWasLeftOut() {
  var collector = DiagnosticCollector()
  collector.append(diagnostic("A", at: 0))
  #expect(DiagnosticCollector.merge([collector]).map(\.id) == ["A"])
  #expect(DiagnosticCollector.merge([]).isEmpty)
}

/// Issue 10 item 21: the checker's diagnostics are capped too (one 100 KB line of repeated
/// declarations gave 14 000 errors, 4.6 MB of output).
@Test func checkerDiagnosticsAreCappedAtTheLimit() {
  let source = String(repeating: "server a cpu 2 ", count: 7000) + "\n"
  let result = Frontend.compile(source)
  #expect(result.diagnostics.count == DiagnosticCollector.limit + 1)
  #expect(result.diagnostics.last?.id == DiagnosticCollector.limitNoteID)
  #expect(result.diagnostics.filter { $0.id == DiagnosticCollector.limitNoteID }.count == 1)
  #expect(result.scenario == nil)
}
