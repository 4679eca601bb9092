/// A plain-text table: computed column widths, numbers right-aligned, and the first column
/// shortened with `…` when the table would be wider than the terminal. Styles are applied
/// after padding, so ANSI escapes never disturb alignment.
struct TextTable {
  enum Alignment {
    case left, right
  }

  struct Column {
    var title: String
    var alignment: Alignment
    init(_ title: String, _ alignment: Alignment = .right) {
      self.title = title
      self.alignment = alignment
    }
  }

  struct Cell {
    var text: String
    var style: Style?
    init(_ text: String, style: Style? = nil) {
      self.text = text
      self.style = style
    }
  }

  var columns: [Column]
  var rows: [[Cell]] = []
  /// Spaces before every line.
  var indent = 2
  let gap = 2

  init(_ columns: [Column]) {
    self.columns = columns
  }

  mutating func add(_ cells: [Cell]) {
    rows.append(cells)
  }

  mutating func add(_ texts: [String]) {
    rows.append(texts.map { Cell($0) })
  }

  /// The table's lines, none wider than `width` (unless even the shortest first column
  /// does not fit, when the other columns are kept whole).
  func render(width: Int, color: Bool) -> [String] {
    guard !columns.isEmpty else { return [] }
    var widths = columns.map { $0.title.count }
    for row in rows {
      for (index, cell) in row.enumerated() where index < widths.count {
        widths[index] = Swift.max(widths[index], cell.text.count)
      }
    }
    let total = indent + widths.reduce(0, +) + gap * (widths.count - 1)
    if total > width {
      let shrink = total - width
      widths[0] = Swift.max(Swift.min(8, widths[0]), widths[0] - shrink)
    }
    var lines: [String] = []
    let header = columns.map { Cell($0.title, style: .bold) }
    lines.append(line(header, widths: widths, color: color))
    for row in rows {
      lines.append(line(row, widths: widths, color: color))
    }
    return lines
  }

  private func line(_ cells: [Cell], widths: [Int], color: Bool) -> String {
    var parts: [String] = []
    for (index, width) in widths.enumerated() {
      let cell = index < cells.count ? cells[index] : Cell("")
      let text = TextTable.fit(cell.text, width: width)
      let pad = String(repeating: " ", count: Swift.max(0, width - text.count))
      let padded: String
      let styled = cell.style.map { $0.apply(text, color: color) } ?? text
      switch columns[index].alignment {
      case .left: padded = index == widths.count - 1 ? styled : styled + pad
      case .right: padded = pad + styled
      }
      parts.append(padded)
    }
    let body = parts.joined(separator: String(repeating: " ", count: gap))
    return String(repeating: " ", count: indent) + TextTable.trimTrailing(body)
  }

  /// `text` shortened to `width` characters with a trailing `…`.
  static func fit(_ text: String, width: Int) -> String {
    guard text.count > width else { return text }
    guard width > 1 else { return String(text.prefix(Swift.max(0, width))) }
    return String(text.prefix(width - 1)) + "…"
  }

  static func trimTrailing(_ text: String) -> String {
    var result = text
    while result.hasSuffix(" ") { result.removeLast() }
    return result
  }
}
