import ScaleDiagnostics

/// Collects diagnostics up to a limit, so a file of binary garbage cannot make the front end
/// hold millions of them. What is left out is counted and announced once (``limitNote``).
struct DiagnosticCollector {
  /// The most diagnostics the lexer and the parser report for one source, together.
  static let limit = 1000
  /// The id of the note that says diagnostics were left out.
  static let limitNoteID = "N0001"

  private(set) var diagnostics: [Diagnostic] = []
  private(set) var suppressed = 0

  mutating func append(_ diagnostic: Diagnostic) {
    if diagnostics.count < Self.limit {
      diagnostics.append(diagnostic)
    } else {
      suppressed &+= 1
    }
  }

  /// Merges lexer and parser diagnostics in source order (stable for equal starts), keeps the
  /// first ``limit`` and adds a note when any were left out.
  static func merge(_ lists: [DiagnosticCollector]) -> [Diagnostic] {
    var all: [(index: Int, diagnostic: Diagnostic)] = []
    var suppressed = 0
    for list in lists {
      for diagnostic in list.diagnostics {
        all.append((all.count, diagnostic))
      }
      suppressed &+= list.suppressed
    }
    all.sort {
      if $0.diagnostic.range.start.offset != $1.diagnostic.range.start.offset {
        return $0.diagnostic.range.start.offset < $1.diagnostic.range.start.offset
      }
      return $0.index < $1.index
    }
    var result = all.map(\.diagnostic)
    if result.count > limit {
      suppressed &+= result.count - limit
      result.removeLast(result.count - limit)
    }
    if suppressed > 0, let last = result.last {
      result.append(limitNote(after: last.range))
    }
    return result
  }

  static func limitNote(after range: SourceRange) -> Diagnostic {
    Diagnostic(
      id: limitNoteID, severity: .note,
      message: "too many errors; only the first \(limit) are shown",
      range: SourceRange(start: range.end, end: range.end),
      help: "fix these and check again")
  }
}
