/// Renders diagnostics for people (rustc-style text with the source line and carets) and for
/// editors (JSON). Knows nothing of the grammar.
///
/// ```
/// shop.scale:3:14: error[E0003]: `m` is not a unit: `5m` is ambiguous
///   3 | server web-1 cpu 5m
///     |                   ^
///     = help: write `min` for minutes or `M` for millions
/// ```
public enum DiagnosticRenderer {
  /// The widest source excerpt shown, in terminal columns; longer lines are cut around the span
  /// and the cuts marked with `…`.
  public static let maximumExcerptWidth = 120
  /// Columns of context kept left of the span when a long line is cut.
  static let leftContext = 40
  /// A tab in the source is shown as this many spaces, so carets line up.
  static let tabWidth = 4

  /// One diagnostic as text, ending with a newline: the `file:line:col: severity[id]: message`
  /// header, the source line in a numbered gutter with carets under the span (a span over
  /// several lines is underlined to the end of its first line), then `= help: …`.
  /// `color` adds ANSI colours (the CLI passes it when the output is a terminal).
  public static func render(
    _ diagnostic: Diagnostic, fileName: String, source: SourceText, color: Bool
  ) -> String {
    let style = Style(color: color)
    let start = diagnostic.range.start
    let severity = diagnostic.severity.rawValue
    var lines: [String] = []
    lines.append(
      style.bold("\(fileName):\(start.line):\(start.column):") + " "
        + style.severity(diagnostic.severity, "\(severity)[\(diagnostic.id)]")
        + style.bold(": \(sanitized(diagnostic.message))"))
    let number = String(start.line)
    let pad = String(repeating: " ", count: number.count)
    if let bytes = source.lineBytes(start.line) {
      let excerpt = Excerpt(line: bytes, range: diagnostic.range)
      let text = excerpt.text
      lines.append("  " + style.gutter("\(number) |") + (text.isEmpty ? "" : " " + text))
      lines.append(
        "  " + style.gutter("\(pad) |") + " " + String(repeating: " ", count: excerpt.caretColumn)
          + style.severity(
            diagnostic.severity, String(repeating: "^", count: excerpt.caretWidth)))
    }
    if let help = diagnostic.help {
      lines.append(
        "  " + pad + " " + style.gutter("=") + " " + style.bold("help") + ": "
          + sanitized(help))
    }
    return lines.map { $0 + "\n" }.joined()
  }

  /// Several diagnostics of one file, each rendered by ``render(_:fileName:source:color:)``,
  /// separated by blank lines.
  public static func render(
    _ diagnostics: [Diagnostic], fileName: String, source: SourceText, color: Bool
  ) -> String {
    diagnostics.map { render($0, fileName: fileName, source: source, color: color) }
      .joined(separator: "\n")
  }

  /// `2 errors, 1 warning`; `1 error`; `3 warnings`; `no errors` when both are zero.
  public static func summary(errors: Int, warnings: Int) -> String {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    switch (errors, warnings) {
    case (0, 0): return "no errors"
    case (_, 0): return count(errors, "error")
    case (0, _): return count(warnings, "warning")
    default: return count(errors, "error") + ", " + count(warnings, "warning")
    }
  }

  /// Diagnostics as a JSON array for editors, one object per line, keys always in the order
  /// `file, line, column, endLine, endColumn, severity, id, message, help` (`help` is `null`
  /// when absent). Columns are 1-based UTF-8 byte columns; the end is exclusive. Ends with a
  /// newline.
  public static func renderJSON(_ diagnostics: [(fileName: String, diagnostic: Diagnostic)])
    -> String
  {
    if diagnostics.isEmpty { return "[]\n" }
    let objects = diagnostics.map { entry -> String in
      let d = entry.diagnostic
      let fields: [(String, String)] = [
        ("file", JSON.string(entry.fileName)),
        ("line", String(d.range.start.line)),
        ("column", String(d.range.start.column)),
        ("endLine", String(d.range.end.line)),
        ("endColumn", String(d.range.end.column)),
        ("severity", JSON.string(d.severity.rawValue)),
        ("id", JSON.string(d.id)),
        ("message", JSON.string(d.message)),
        ("help", d.help.map(JSON.string) ?? "null"),
      ]
      return "  {" + fields.map { "\(JSON.string($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }
    return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
  }

  /// Messages quote source text; never let a control character reach the terminal.
  static func sanitized(_ text: String) -> String {
    var result = ""
    for scalar in text.unicodeScalars {
      if Excerpt.isInvisible(scalar) {
        result += "\u{FFFD}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}

/// ANSI styling, or none.
private struct Style {
  var color: Bool

  func wrap(_ code: String, _ text: String) -> String {
    color ? "\u{1B}[\(code)m" + text + "\u{1B}[0m" : text
  }
  func bold(_ text: String) -> String { wrap("1", text) }
  func gutter(_ text: String) -> String { wrap("1;34", text) }
  func severity(_ severity: Severity, _ text: String) -> String {
    switch severity {
    case .error: return wrap("1;31", text)
    case .warning: return wrap("1;33", text)
    case .note: return wrap("1;36", text)
    }
  }
}

/// JSON string escaping (RFC 8259), by hand so output stays byte-for-byte stable; shared by
/// every JSON writer of the project (diagnostics here, run reports in ScaleReport).
public enum JSON {
  /// `text` as a quoted JSON string literal.
  public static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\u{08}": result += "\\b"
      case "\u{0C}": result += "\\f"
      case "\u{2028}": result += "\\u2028"
      case "\u{2029}": result += "\\u2029"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
