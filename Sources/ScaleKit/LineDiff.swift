/// A unified-style line diff between a file and its formatted text, for `fmt --check`.
public enum LineDiff {
  /// `--- name` / `+++ name (formatted)` then the changed lines with 2 lines of context,
  /// each hunk headed by `@@ -a,n +b,m @@`. Empty when the texts are equal.
  public static func unified(old: String, new: String, name: String, context: Int = 2) -> String {
    guard old != new else { return "" }
    let a = lines(of: old)
    let b = lines(of: new)
    // Edit script from the standard library's Myers diff.
    let difference = b.difference(from: a)
    var removed = Set<Int>()
    var inserted = Set<Int>()
    for change in difference {
      switch change {
      case .remove(let offset, _, _): removed.insert(offset)
      case .insert(let offset, _, _): inserted.insert(offset)
      }
    }
    // Walk both sides in step, producing (tag, text, oldLine, newLine) rows.
    var rows: [(tag: Character, text: String)] = []
    var i = 0
    var j = 0
    while i < a.count || j < b.count {
      if i < a.count && removed.contains(i) {
        rows.append(("-", a[i]))
        i += 1
      } else if j < b.count && inserted.contains(j) {
        rows.append(("+", b[j]))
        j += 1
      } else if i < a.count && j < b.count {
        rows.append((" ", a[i]))
        i += 1
        j += 1
      } else {
        break
      }
    }
    // Group changed rows into hunks with context.
    var output = "--- \(name)\n+++ \(name) (formatted)\n"
    var index = 0
    var oldLine = 1
    var newLine = 1
    var lineNumbers: [(old: Int, new: Int)] = []
    for row in rows {
      lineNumbers.append((oldLine, newLine))
      if row.tag != "+" { oldLine += 1 }
      if row.tag != "-" { newLine += 1 }
    }
    while index < rows.count {
      guard let firstChange = rows[index...].firstIndex(where: { $0.tag != " " }) else { break }
      let start = max(0, firstChange - context)
      var end = firstChange
      var lastChange = firstChange
      while end < rows.count {
        if rows[end].tag != " " { lastChange = end }
        if end - lastChange > 2 * context { break }
        end += 1
      }
      let stop = min(rows.count, lastChange + context + 1)
      let hunk = rows[start..<stop]
      let oldCount = hunk.filter { $0.tag != "+" }.count
      let newCount = hunk.filter { $0.tag != "-" }.count
      output +=
        "@@ -\(lineNumbers[start].old),\(oldCount) +\(lineNumbers[start].new),\(newCount) @@\n"
      for row in hunk { output += "\(row.tag)\(row.text)\n" }
      index = stop
    }
    return output
  }

  /// The text's lines; a final newline ends the last line rather than starting another,
  /// and a missing one is shown the way diff(1) shows it.
  static func lines(of text: String) -> [String] {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" {
      lines.removeLast()
    } else if !lines.isEmpty {
      lines.append("\\ No newline at end of file")
    }
    return lines
  }
}
