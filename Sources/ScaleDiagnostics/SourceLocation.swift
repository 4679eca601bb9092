/// A position in a source text: 1-based line, 1-based column counted in UTF-8 bytes
/// (as swift-markdown documents it), and the 0-based UTF-8 byte offset.
public struct SourceLocation: Sendable, Equatable, Hashable, Comparable, CustomStringConvertible {
  public var line: Int
  public var column: Int
  public var offset: Int
  public init(line: Int, column: Int, offset: Int) {
    self.line = line
    self.column = column
    self.offset = offset
  }
  public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
    lhs.offset < rhs.offset
  }
  public var description: String { "\(line):\(column)" }
}

/// A half-open range `[start, end)` of a source text.
public struct SourceRange: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var start: SourceLocation
  public var end: SourceLocation
  public init(start: SourceLocation, end: SourceLocation) {
    self.start = start
    self.end = end
  }
  /// The smallest range covering both.
  public func union(_ other: SourceRange) -> SourceRange {
    SourceRange(start: min(start, other.start), end: max(end, other.end))
  }
  public var description: String { "\(start)-\(end)" }
}
