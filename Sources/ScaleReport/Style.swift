/// ANSI styling for terminal reports. With `color` off every function returns its text
/// unchanged, so colour never changes layout; Unicode symbols are used either way.
public enum Style: Sendable {
  case bold, dim, red, green, yellow, cyan

  var code: String {
    switch self {
    case .bold: return "1"
    case .dim: return "2"
    case .red: return "31"
    case .green: return "32"
    case .yellow: return "33"
    case .cyan: return "36"
    }
  }

  /// `text` wrapped in this style's escape sequence when `color` is true.
  public func apply(_ text: String, color: Bool) -> String {
    guard color, !text.isEmpty else { return text }
    return "\u{1B}[" + code + "m" + text + "\u{1B}[0m"
  }
}
