/// Greedy word wrapping for prose in reports (event details, narration).
enum Wrap {
  /// `text` broken at spaces into lines of at most `width` characters (a longer word gets
  /// a line of its own). Never returns an empty array.
  static func lines(_ text: String, width: Int) -> [String] {
    let limit = Swift.max(1, width)
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      if current.isEmpty {
        current = String(word)
      } else if current.count + 1 + word.count <= limit {
        current += " " + word
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    lines.append(current)
    return lines
  }

  /// `text` wrapped to `width`, the first line prefixed by `first`, the others by spaces of
  /// the same length.
  static func hanging(_ text: String, first: String, width: Int) -> [String] {
    let indent = String(repeating: " ", count: first.count)
    return lines(text, width: width - first.count).enumerated().map { index, line in
      (index == 0 ? first : indent) + line
    }
  }
}
