/// A plain-text table: computed column widths, numbers right-aligned, and when the table
/// would be wider than the terminal, the first column shortened with a leading `…` (down to
/// 8 characters; names differ at their end) and then the least important columns left out. Styles are applied
/// after padding, so ANSI escapes never disturb alignment.
struct TextTable {
  enum Alignment {
    case left, right
  }

  struct Column {
    var title: String
    var alignment: Alignment
    /// Columns of lowest priority are dropped first (rightmost first among equals) when
    /// the table is too wide even with the first column shortened; 0 is dropped first.
    var priority: Int
    init(_ title: String, _ alignment: Alignment = .right, priority: Int = 1) {
      self.title = title
      self.alignment = alignment
      self.priority = priority
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
  /// Shorten the first column at its start (`…replica-2`, for names that differ at their
  /// end) rather than at its end.
  var firstColumnKeepsEnd = true
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

  /// The table's lines, none wider than `width` unless even the first column and the
  /// columns of the highest priority do not fit.
  func render(width: Int, color: Bool) -> [String] {
    guard !columns.isEmpty else { return [] }
    var natural = columns.map { $0.title.count }
    for row in rows {
      for (index, cell) in row.enumerated() where index < natural.count {
        natural[index] = Swift.max(natural[index], cell.text.count)
      }
    }
    let firstMinimum = Swift.min(8, natural[0])
    func total(_ kept: [Int]) -> Int {
      indent + kept.map { $0 == 0 ? firstMinimum : natural[$0] }.reduce(0, +) + gap
        * (kept.count - 1)
    }
    var kept = Array(columns.indices)
    let maxPriority = columns.map(\.priority).max() ?? 0
    while total(kept) > width {
      let droppable = kept.filter { $0 != 0 && columns[$0].priority < maxPriority }
      guard
        let victim = droppable.min(by: { a, b in
          (columns[a].priority, -a) < (columns[b].priority, -b)
        })
      else { break }
      kept.removeAll { $0 == victim }
    }
    var widths = kept.map { natural[$0] }
    let full = indent + widths.reduce(0, +) + gap * (widths.count - 1)
    if full > width {
      widths[0] = Swift.max(firstMinimum, widths[0] - (full - width))
      if firstColumnKeepsEnd {
        // Never so narrow that two names read the same (`…replica-2` for two shards).
        widths[0] = TextTable.distinctWidth(rows.compactMap { $0.first?.text }, atLeast: widths[0])
      }
    }
    var lines: [String] = []
    let header = kept.map { Cell(columns[$0].title, style: .bold) }
    lines.append(line(header, columns: kept, widths: widths, color: color))
    for row in rows {
      let cells = kept.map { $0 < row.count ? row[$0] : Cell("") }
      lines.append(line(cells, columns: kept, widths: widths, color: color))
    }
    return lines
  }

  private func line(_ cells: [Cell], columns kept: [Int], widths: [Int], color: Bool) -> String {
    var parts: [String] = []
    for (index, width) in widths.enumerated() {
      let cell = index < cells.count ? cells[index] : Cell("")
      // Names (the first column) keep their end, where `web-1` and `web-2` differ.
      let text =
        index == 0 && firstColumnKeepsEnd
        ? TextTable.fitKeepingEnd(cell.text, width: width) : TextTable.fit(cell.text, width: width)
      let pad = String(repeating: " ", count: Swift.max(0, width - text.count))
      let padded: String
      let styled = cell.style.map { $0.apply(text, color: color) } ?? text
      switch columns[kept[index]].alignment {
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

  /// The smallest width ≥ `minimum` at which ``fitKeepingEnd(_:width:)`` keeps distinct names
  /// distinct: narrow layouts must not make `orders/shard-1/replica-2` and
  /// `orders/shard-2/replica-2` both `…replica-2`.
  static func distinctWidth(_ names: [String], atLeast minimum: Int) -> Int {
    let distinct = Set(names)
    let longest = names.map(\.count).max() ?? 0
    var width = Swift.max(1, minimum)
    while width < longest,
      Set(distinct.map { fitKeepingEnd($0, width: width) }).count < distinct.count
    {
      width += 1
    }
    return Swift.max(minimum, width)
  }

  /// `text` shortened to `width` characters with a leading `…`, keeping its end.
  static func fitKeepingEnd(_ text: String, width: Int) -> String {
    guard text.count > width else { return text }
    guard width > 1 else { return String(text.suffix(Swift.max(0, width))) }
    return "…" + String(text.suffix(width - 1))
  }

  static func trimTrailing(_ text: String) -> String {
    var result = text
    while result.hasSuffix(" ") { result.removeLast() }
    return result
  }
}
