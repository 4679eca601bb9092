/// Escaping for XML 1.0 text and attribute values.
enum XMLText {
  /// Element content: like ``escape(_:)`` but newlines and tabs kept as they are, so
  /// multi-line text (diagnostics) stays readable inside an element.
  static func escapeText(_ text: String) -> String { escape(text, keepingLines: true) }

  /// `text` with `& < > " '` escaped, newlines and tabs as character references (so they
  /// survive in attributes), and characters XML 1.0 forbids replaced by U+FFFD.
  static func escape(_ text: String, keepingLines: Bool = false) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\n" where keepingLines, "\t" where keepingLines: out.unicodeScalars.append(scalar)
      case "\n": out += "&#10;"
      case "\r": out += "&#13;"
      case "\t": out += "&#9;"
      default:
        let v = scalar.value
        let allowed = v >= 0x20 && !(0xFFFE...0xFFFF).contains(v)
        if allowed {
          out.unicodeScalars.append(scalar)
        } else {
          out += "\u{FFFD}"
        }
      }
    }
    return out
  }
}
