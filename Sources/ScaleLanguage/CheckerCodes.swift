import ScaleDiagnostics

/// The checker's stable diagnostic ids. Tests and editors match the id, not the wording;
/// each is documented in docs/diagnostics.md ("Checker errors and warnings").
public enum CheckerCode: String, CaseIterable, Sendable {
  // Errors.
  case unknownStatement = "E0200"
  case unknownAttribute = "E0201"
  case missingValue = "E0202"
  case wrongKind = "E0203"
  case outOfRange = "E0204"
  case notWhole = "E0205"
  case aboveCap = "E0206"
  case missingRequired = "E0207"
  case unexpectedWord = "E0208"
  case repeatedAttribute = "E0209"
  case duplicateName = "E0210"
  case conflictingStatement = "E0211"
  case unknownReference = "E0212"
  case wrongReferenceKind = "E0213"
  case metricNotApplicable = "E0214"
  case invertedRange = "E0215"
  case inconsistent = "E0216"
  case ambiguousTarget = "E0217"
  case unknownChoice = "E0218"
  case blockNotAllowed = "E0219"
  case needsTraffic = "E0220"
  case slashInName = "E0221"
  case routeShares = "E0222"
  case queueNotLast = "E0223"
  case fanOutBranch = "E0224"
  case noSteps = "E0225"
  // Warnings.
  case fewBackends = "W0200"
  case overCapacity = "W0201"
  case ttlLongerThanRun = "W0202"
  case weightsIgnored = "W0203"
  case eventAfterEnd = "W0204"
  case nothingToScale = "W0205"
  case noTraffic = "W0206"
  case defaultDuration = "W0207"
  case forOverridden = "W0208"
  case nameLooksLikeKeyword = "W0209"
  case asyncWithoutQueue = "W0210"
  case offThePath = "W0211"
  case nothingServes = "W0212"
  case networkWithoutRoutes = "W0213"
  case routesDecide = "W0214"

  public var severity: Severity { rawValue.hasPrefix("E") ? .error : .warning }
}

extension Diagnostic {
  /// A checker diagnostic with its stable id and the severity the id implies.
  static func check(
    _ code: CheckerCode, _ message: String, at range: SourceRange, help: String? = nil,
    fixIt: FixIt? = nil
  ) -> Diagnostic {
    Diagnostic(
      id: code.rawValue, severity: code.severity, message: message, range: range, help: help,
      fixIt: fixIt)
  }
}
