/// A source text indexed by line, so a renderer finds a diagnostic's line in O(1).
///
/// Lines end at `\n`; a `\r` before it is not part of the line (CRLF files render cleanly).
/// Building the index is one pass over the UTF-8 bytes.
public struct SourceText: Sendable {
  public let text: String
  /// The text's UTF-8 bytes.
  public let bytes: [UInt8]
  /// Byte offset where each line starts; `lineStarts[0] == 0`.
  public let lineStarts: [Int]

  public init(_ text: String) {
    self.text = text
    let bytes = Array(text.utf8)
    var starts = [0]
    for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
      starts.append(offset + 1)
    }
    self.bytes = bytes
    self.lineStarts = starts
  }

  /// Number of lines; a final newline does not start another line, an empty text has one.
  public var lineCount: Int {
    if lineStarts.count > 1, lineStarts.last == bytes.count { return lineStarts.count - 1 }
    return lineStarts.count
  }

  /// The byte range of line `n` (1-based) without its `\n` or `\r\n`, or nil if out of range.
  public func byteRange(ofLine n: Int) -> Range<Int>? {
    guard n >= 1, n <= lineStarts.count else { return nil }
    let start = lineStarts[n - 1]
    var end = n < lineStarts.count ? lineStarts[n] - 1 : bytes.count
    if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
    return start..<max(start, end)
  }

  /// The bytes of line `n` (1-based), without its line ending.
  public func lineBytes(_ n: Int) -> ArraySlice<UInt8>? {
    guard let range = byteRange(ofLine: n) else { return nil }
    return bytes[range]
  }

  /// Line `n` (1-based) without its line ending, or nil if there is no such line.
  public func line(_ n: Int) -> Substring? {
    guard let range = byteRange(ofLine: n) else { return nil }
    let utf8 = text.utf8
    let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
    let end = utf8.index(start, offsetBy: range.count)
    return text[start..<end]
  }

  /// The 1-based line and column (in UTF-8 bytes) of a byte offset, clamped to the text.
  public func location(ofOffset offset: Int) -> SourceLocation {
    let clamped = min(max(0, offset), bytes.count)
    var low = 0
    var high = lineStarts.count - 1
    while low < high {
      let mid = (low + high + 1) / 2
      if lineStarts[mid] <= clamped { low = mid } else { high = mid - 1 }
    }
    return SourceLocation(line: low + 1, column: clamped - lineStarts[low] + 1, offset: clamped)
  }
}
