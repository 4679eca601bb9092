import ScaleDiagnostics
import ScaleModel

/// The language front end in one call: parse, check, lower.
public enum Frontend {
  /// Parses and checks `source`. Diagnostics are sorted by position; at the same position
  /// the parser's come first. `scenario` is nil when any diagnostic is an error.
  ///
  /// A REPL re-compiles the whole accumulated source after each line (cost is linear in its
  /// length) and shows `CheckResult.diagnostics(onLine:)` for the line just typed.
  public static func compile(_ source: String, seedOverride: UInt64? = nil) -> CheckResult {
    let tree = Parser.parse(source)
    let checked = Checker.check(tree, seedOverride: seedOverride)
    let ordered =
      tree.diagnostics.map { ($0, 0) } + checked.diagnostics.map { ($0, 1) }
    var diagnostics = ordered.enumerated()
      .sorted { lhs, rhs in
        let a = lhs.element.0.range.start.offset
        let b = rhs.element.0.range.start.offset
        if a != b { return a < b }
        if lhs.element.1 != rhs.element.1 { return lhs.element.1 < rhs.element.1 }
        return lhs.offset < rhs.offset
      }
      .map(\.element.0)
    let failed = diagnostics.contains { $0.severity == .error }
    // The checker's diagnostics count towards the same limit as the parser's
    // (docs/diagnostics.md: at most 1000 per file, then one note N0001).
    let counted = diagnostics.filter { $0.id != DiagnosticCollector.limitNoteID }
    if counted.count > DiagnosticCollector.limit {
      diagnostics = Array(counted.prefix(DiagnosticCollector.limit))
      if let last = diagnostics.last {
        diagnostics.append(DiagnosticCollector.limitNote(after: last.range))
      }
    }
    return CheckResult(scenario: failed ? nil : checked.scenario, diagnostics: diagnostics)
  }
}
