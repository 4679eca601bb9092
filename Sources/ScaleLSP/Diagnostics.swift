import ScaleDiagnostics
import ScaleLanguage

/// Diagnostics: the front end's (`Frontend.compile`, exactly what `scale check` reports) as
/// LSP diagnostics, and their fix-its as quick-fix code actions.
extension LanguageServer {
  /// `textDocument/publishDiagnostics` for every document changed (or closed) since the last
  /// call, computed here (the transport computes them on its own thread instead, from
  /// ``takeStale()``).
  public func publishDiagnostics() -> [JSONValue] {
    let (changed, closed) = takeStale()
    return closed.map(Self.clearedDiagnostics) + changed.map(Self.diagnosticsNotification)
  }

  /// The documents whose diagnostics are out of date and those closed since the last call;
  /// both lists are emptied.
  public func takeStale() -> (changed: [TextDocument], closed: [String]) {
    documents.takeStale()
  }

  /// The front end's diagnostics of `document` as a `publishDiagnostics` notification.
  public static func diagnosticsNotification(_ document: TextDocument) -> JSONValue {
    let diagnostics = Frontend.compile(document.text).diagnostics
    return Outgoing.notification(
      "textDocument/publishDiagnostics",
      [
        "uri": .string(document.uri), "version": .int(document.version),
        "diagnostics": .array(diagnostics.map { lsp($0, in: document) }),
      ])
  }

  /// No diagnostics for `uri` (it was closed).
  public static func clearedDiagnostics(_ uri: String) -> JSONValue {
    Outgoing.notification(
      "textDocument/publishDiagnostics", ["uri": .string(uri), "diagnostics": []])
  }

  /// Whether some document's diagnostics are out of date.
  public var hasPendingDiagnostics: Bool { documents.hasPending }

  /// One diagnostic as LSP writes it: the id is the `code`, the message is `scale check`'s,
  /// its `help:` on a second line as the terminal shows it.
  static func lsp(_ diagnostic: Diagnostic, in document: TextDocument) -> JSONValue {
    let severity: Int
    switch diagnostic.severity {
    case .error: severity = 1
    case .warning: severity = 2
    case .note: severity = 3
    }
    var message = diagnostic.message
    if let help = diagnostic.help { message += "\nhelp: " + help }
    return [
      "range": document.range(diagnostic.range), "severity": .int(severity),
      "code": .string(diagnostic.id), "source": "scale", "message": .string(message),
    ]
  }

  /// `textDocument/codeAction`: a quick fix for each diagnostic with a fix-it that touches
  /// the requested range.
  func codeActions(_ params: JSONValue?) throws -> JSONValue {
    let document = try document(params)
    let lower = document.offset(
      of: Position(params?["range"]?["start"]) ?? Position(line: 0, character: 0))
    let upper = document.offset(
      of: Position(params?["range"]?["end"]) ?? Position(line: 0, character: 0))
    var actions: [JSONValue] = []
    for diagnostic in Frontend.compile(document.text).diagnostics {
      guard let fix = diagnostic.fixIt,
        diagnostic.range.start.offset <= max(lower, upper),
        diagnostic.range.end.offset >= min(lower, upper)
      else { continue }
      let title =
        fix.replacement.isEmpty
        ? "remove the text" : "change to `\(fix.replacement)`"
      let edit: JSONValue = [
        "range": document.range(fix.range), "newText": .string(fix.replacement),
      ]
      actions.append([
        "title": .string(title), "kind": "quickfix", "isPreferred": true,
        "diagnostics": [Self.lsp(diagnostic, in: document)],
        "edit": ["changes": .object([document.uri: [edit]])],
      ])
    }
    return .array(actions)
  }
}
