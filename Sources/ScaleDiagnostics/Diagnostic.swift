public enum Severity: String, Sendable, Equatable, Hashable, Codable {
  case error
  case warning
  case note
}

/// A replacement that would fix the problem: put `replacement` where `range` is.
public struct FixIt: Sendable, Equatable, Hashable {
  public var range: SourceRange
  public var replacement: String
  public init(range: SourceRange, replacement: String) {
    self.range = range
    self.replacement = replacement
  }
}

/// One finding about a source text. `id` is stable (tests and editors match it, not the
/// wording): `E…` for errors, `W…` for warnings; see docs/diagnostics.md.
public struct Diagnostic: Sendable, Equatable, Hashable {
  public var id: String
  public var severity: Severity
  /// Lower-case, code in backticks, no trailing period.
  public var message: String
  /// The smallest span the problem is about.
  public var range: SourceRange
  /// A concrete suggestion (`did you mean `web-1`?`), shown as `help:`.
  public var help: String?
  public var fixIt: FixIt?
  public init(
    id: String, severity: Severity, message: String, range: SourceRange, help: String? = nil,
    fixIt: FixIt? = nil
  ) {
    self.id = id
    self.severity = severity
    self.message = message
    self.range = range
    self.help = help
    self.fixIt = fixIt
  }
}
