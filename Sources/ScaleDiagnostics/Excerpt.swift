/// The part of a source line a rendered diagnostic shows, and where its carets go, in terminal
/// columns: tabs become spaces, control characters `�`, wide characters count two columns, and
/// a line wider than ``DiagnosticRenderer/maximumExcerptWidth`` is cut around the span with `…`.
///
/// Only a bounded window of bytes around the span is decoded, so rendering a diagnostic on a
/// 10 MB line costs the same as on a short one.
struct Excerpt {
  /// The line (or its window) as displayed.
  var text: String
  /// Columns before the first caret.
  var caretColumn: Int
  /// Number of carets, at least one.
  var caretWidth: Int

  private struct Cell {
    var offset: Int
    var text: String
    var width: Int
  }

  /// `line` is the line's bytes (an `ArraySlice` indexed like the whole source), `range` the
  /// diagnostic's range; the underline runs to the end of the first line when the range ends
  /// on a later one.
  init(line: ArraySlice<UInt8>, range: SourceRange) {
    let length = line.count
    let base = line.startIndex
    let spanStart = min(max(0, range.start.column - 1), length)
    var spanEnd =
      range.end.line == range.start.line
      ? min(max(spanStart, range.end.column - 1), length) : length
    if range.end.line < range.start.line { spanEnd = spanStart }

    // Decode only a window of bytes around the span (aligned to whole UTF-8 sequences).
    let slack = DiagnosticRenderer.maximumExcerptWidth * 4
    var low = max(0, spanStart - slack)
    var high = min(length, max(spanEnd, spanStart) + slack)
    while low > 0, low < length, line[base + low] & 0xC0 == 0x80 { low -= 1 }
    while high < length, line[base + high] & 0xC0 == 0x80 { high += 1 }
    var cells: [Cell] = []
    var offset = low
    for scalar in String(decoding: line[(base + low)..<(base + high)], as: UTF8.self)
      .unicodeScalars
    {
      let (text, width) = Self.display(scalar)
      cells.append(Cell(offset: offset, text: text, width: width))
      offset += UTF8.width(scalar)
    }
    let startCell = cells.firstIndex { $0.offset >= spanStart } ?? cells.count
    let endCell = cells.firstIndex { $0.offset >= spanEnd } ?? cells.count

    // Choose the cells to show.
    let maximum = DiagnosticRenderer.maximumExcerptWidth
    let totalWidth = cells.reduce(0) { $0 + $1.width }
    var first = 0
    var last = cells.count
    if low > 0 || high < length || totalWidth > maximum {
      first = startCell
      var width = 0
      while first > 0, width + cells[first - 1].width <= DiagnosticRenderer.leftContext {
        first -= 1
        width += cells[first].width
      }
      last = first
      width = 0
      while last < cells.count, width + cells[last].width <= maximum - 2 {
        width += cells[last].width
        last += 1
      }
    }
    let prefix = first > 0 || low > 0 ? "…" : ""
    let suffix = last < cells.count || high < length ? "…" : ""
    var shown = prefix
    for cell in cells[first..<last] { shown += cell.text }
    shown += suffix
    // A line shown whole keeps no trailing white space.
    while let lastCharacter = shown.last, lastCharacter == " " { shown.removeLast() }
    text = shown

    let clampedStart = min(max(startCell, first), last)
    var column = prefix.isEmpty ? 0 : 1
    for cell in cells[first..<clampedStart] { column += cell.width }
    if startCell > last { column += suffix.isEmpty ? 0 : 1 }
    var width = 0
    let clampedEnd = min(max(endCell, clampedStart), last)
    for cell in cells[clampedStart..<clampedEnd] { width += cell.width }
    caretColumn = column
    caretWidth = max(1, width)
  }

  private static func display(_ scalar: Unicode.Scalar) -> (String, Int) {
    if scalar == "\t" {
      return (
        String(repeating: " ", count: DiagnosticRenderer.tabWidth), DiagnosticRenderer.tabWidth
      )
    }
    if isInvisible(scalar) { return ("\u{FFFD}", 1) }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .nonspacingMark, .enclosingMark: return (String(scalar), 0)
    default: break
    }
    return (String(scalar), isWide(scalar) ? 2 : 1)
  }

  /// Control, format and unassigned characters are never printed raw (an escape sequence
  /// in a script must not drive the terminal).
  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
      .paragraphSeparator:
      return true
    default:
      return false
    }
  }

  /// East Asian wide characters and emoji take two terminal columns.
  private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.properties.isEmojiPresentation { return true }
    switch scalar.value {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
      0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
      0xFFE0...0xFFE6, 0x20000...0x3FFFD:
      return true
    default:
      return false
    }
  }
}
