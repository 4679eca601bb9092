import ScaleLanguage

/// `textDocument/formatting`: `scale fmt`'s layout (``Formatter``), as one edit of the whole
/// text; none when the text is formatted already or has syntax errors (formatting would then
/// lose text, as `scale fmt` refuses too).
extension LanguageServer {
  func formatting(_ params: JSONValue?) throws -> JSONValue {
    let document = try document(params)
    let (formatted, diagnostics) = Formatter.format(source: document.text)
    guard formatted != document.text, !diagnostics.contains(where: { $0.severity == .error })
    else { return [] }
    return [["range": document.fullRange, "newText": .string(formatted)]]
  }
}
