import ScaleDiagnostics

/// An LSP position: 0-based line and 0-based character offset in UTF-16 code units (the
/// protocol's default encoding; the front end counts UTF-8 bytes).
public struct Position: Sendable, Equatable, Hashable {
  public var line: Int
  public var character: Int
  public init(line: Int, character: Int) {
    self.line = line
    self.character = character
  }

  /// Reads `{line, character}`; negative or missing numbers become 0 (positions are clamped,
  /// never rejected).
  init?(_ json: JSONValue?) {
    guard let json, case .object = json else { return nil }
    line = max(0, json["line"]?.intValue ?? 0)
    character = max(0, json["character"]?.intValue ?? 0)
  }

  var json: JSONValue { ["line": .int(line), "character": .int(character)] }
}

/// An open document: its text, version and line index, with conversions between LSP
/// positions (UTF-16) and the front end's byte offsets (UTF-8).
public struct TextDocument: Sendable {
  public let uri: String
  public let version: Int
  public let source: SourceText

  public init(uri: String, version: Int, text: String) {
    self.uri = uri
    self.version = version
    self.source = SourceText(text)
  }

  public var text: String { source.text }

  /// The byte offset of `position`, clamped: a line past the end means the end of the text,
  /// a character past the end of its line means the line's end (before `\r\n`), and a
  /// position inside a surrogate pair means the character's start.
  public func offset(of position: Position) -> Int {
    let starts = source.lineStarts
    guard position.line < starts.count else { return source.bytes.count }
    guard let range = source.byteRange(ofLine: position.line + 1) else {
      return source.bytes.count
    }
    var units = 0
    var index = range.lowerBound
    let bytes = source.bytes
    while index < range.upperBound {
      let width = Self.utf8Width(bytes[index])
      let unitCount = width == 4 ? 2 : 1
      if units + unitCount > position.character { break }
      units += unitCount
      index = min(range.upperBound, index + width)
    }
    return index
  }

  /// The position of a byte offset (clamped to the text).
  public func position(ofOffset offset: Int) -> Position {
    let location = source.location(ofOffset: offset)
    let lineStart = location.offset - (location.column - 1)
    var units = 0
    var index = lineStart
    let bytes = source.bytes
    while index < location.offset {
      let width = Self.utf8Width(bytes[index])
      units += width == 4 ? 2 : 1
      index += width
    }
    return Position(line: location.line - 1, character: units)
  }

  /// The LSP range of a source range.
  func range(_ range: SourceRange) -> JSONValue {
    [
      "start": position(ofOffset: range.start.offset).json,
      "end": position(ofOffset: range.end.offset).json,
    ]
  }

  /// The range of the whole text.
  var fullRange: JSONValue {
    [
      "start": Position(line: 0, character: 0).json,
      "end": position(ofOffset: source.bytes.count).json,
    ]
  }

  /// The document after one `contentChanges` entry: a range replaced, or the whole text
  /// when the change has no range.
  public func applying(text newText: String, range: (start: Position, end: Position)?, version: Int)
    -> TextDocument
  {
    guard let range else { return TextDocument(uri: uri, version: version, text: newText) }
    var lower = offset(of: range.start)
    var upper = offset(of: range.end)
    if lower > upper { swap(&lower, &upper) }
    var bytes = source.bytes
    bytes.replaceSubrange(lower..<upper, with: Array(newText.utf8))
    return TextDocument(uri: uri, version: version, text: String(decoding: bytes, as: UTF8.self))
  }

  /// Bytes in the UTF-8 sequence a lead byte starts (1 for a stray continuation byte).
  static func utf8Width(_ byte: UInt8) -> Int {
    switch byte {
    case 0xF0...: return 4
    case 0xE0...: return 3
    case 0xC0...: return 2
    default: return 1
    }
  }
}
