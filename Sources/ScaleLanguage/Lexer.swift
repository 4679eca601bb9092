import ScaleDiagnostics

/// Turns source text into tokens, one at a time (``next()``) or all at once (``tokens(_:)``).
///
/// The lexer works on UTF-8 bytes; columns are 1-based UTF-8 byte columns. It never stops at
/// an error: a malformed word becomes an ``TokenKind/invalid`` token and a run of characters the
/// language does not use is reported once and skipped. See docs/language.md (lexical rules)
/// and grammar/scale.ebnf.
public struct Lexer {
  /// Unit spellings accepted directly after a number, longest first.
  public static let unitSpellings: [String] = Unit.allCases.map(\.rawValue).sorted {
    $0.count != $1.count ? $0.count > $1.count : $0 < $1
  }
  /// Multipliers accepted directly after a number's digits, before any unit.
  public static let multipliers: [(spelling: String, factor: Double)] = [
    ("k", 1e3), ("M", 1e6), ("G", 1e9),
  ]

  let bytes: [UInt8]
  var index = 0
  var line = 1
  var lineStart = 0
  /// Tokens already scanned but not yet returned (`2000rps` yields two).
  var pending: [Token] = []
  var collector = DiagnosticCollector()

  /// A lexer positioned at the start of `source`.
  public init(_ source: String) {
    bytes = Array(source.utf8)
  }

  /// What the lexer has reported so far (at most ``DiagnosticCollector/limit``).
  public var diagnostics: [Diagnostic] { collector.diagnostics }

  /// Every token of `source`, ending with ``TokenKind/endOfFile``, and the lexical diagnostics.
  public static func tokens(_ source: String) -> ([Token], [Diagnostic]) {
    var lexer = Lexer(source)
    var tokens: [Token] = []
    while true {
      let token = lexer.next()
      tokens.append(token)
      if token.kind == .endOfFile { break }
    }
    return (tokens, DiagnosticCollector.merge([lexer.collector]))
  }

  // MARK: - Scanning

  /// The next token; after the end, ``TokenKind/endOfFile`` again and again.
  public mutating func next() -> Token {
    if !pending.isEmpty { return pending.removeFirst() }
    while true {
      skipSpaces()
      guard index < bytes.count else {
        let here = location(index)
        return Token(kind: .endOfFile, range: SourceRange(start: here, end: here))
      }
      let start = index
      let byte = bytes[index]
      switch byte {
      case Self.newline:
        let token = make(.newline, from: start, to: start + 1)
        index += 1
        line += 1
        lineStart = index
        return token
      case Self.hash:
        return scanComment()
      case Self.comma:
        index += 1
        return make(.comma, from: start, to: index)
      case Self.colon:
        index += 1
        return make(.colon, from: start, to: index)
      case Self.minus where startsArrow(at: index):
        index += 2
        return make(.arrow, from: start, to: index)
      case Self.leftBrace:
        index += 1
        return make(.leftBrace, from: start, to: index)
      case Self.rightBrace:
        index += 1
        return make(.rightBrace, from: start, to: index)
      case Self.less, Self.greater:
        index += 1
        if index < bytes.count, bytes[index] == Self.equals { index += 1 }
        return make(.comparison(text(start, index)), from: start, to: index)
      case Self.dot:
        if let token = scanDot() { return token }
      default:
        if Self.isLetter(byte) { return scanIdentifier() }
        if Self.isDigit(byte) { return scanNumberWord() }
        skipBadCharacters()
      }
    }
  }

  private mutating func skipSpaces() {
    while index < bytes.count {
      let byte = bytes[index]
      guard byte == Self.space || byte == Self.tab || byte == Self.carriageReturn else { return }
      index += 1
    }
  }

  private mutating func scanComment() -> Token {
    let start = index
    var end = index
    while end < bytes.count, bytes[end] != Self.newline { end += 1 }
    var textEnd = end
    while textEnd > start + 1, Self.isTrailingSpace(bytes[textEnd - 1]) { textEnd -= 1 }
    index = end
    return make(.comment(text(start + 1, textEnd)), from: start, to: textEnd)
  }

  private mutating func scanIdentifier() -> Token {
    let start = index
    index = identifierEnd(from: index)
    if startsRange(at: index) {
      // `a..b`: ranges are of numbers only.
      index += 2
      index = wordEnd(from: index)
      report(
        "E0005", "a range needs a number on each side", from: start, to: index,
        help: "write the range with numbers and units, like `30..70` or `1ms..3ms`")
      return make(.invalid, from: start, to: index)
    }
    return make(.identifier(text(start, index)), from: start, to: index)
  }

  /// `..` with no number before it, or a lone `.`.
  private mutating func scanDot() -> Token? {
    let start = index
    if startsRange(at: index) {
      index += 2
      index = wordEnd(from: index)
      report(
        "E0005", "a range needs a number before `..`", from: start, to: index,
        help: "write the range without spaces, like `30..70`")
      return make(.invalid, from: start, to: index)
    }
    if index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) {
      index = wordEnd(from: index + 1)
      report(
        "E0006", "a number must start with a digit", from: start, to: index,
        help: "write `0\(text(start, index))`")
      return make(.invalid, from: start, to: index)
    }
    skipBadCharacters()
    return nil
  }

  /// A number, possibly a range `low..high`, possibly followed by `rps` written against it.
  private mutating func scanNumberWord() -> Token {
    let start = index
    guard let low = scanNumber() else { return make(.invalid, from: start, to: index) }
    guard startsRange(at: index) else { return finish(low, from: start) }
    index += 2
    let highStart = index
    guard highStart < bytes.count, Self.isDigit(bytes[highStart]) else {
      index = wordEnd(from: index)
      let found = highStart < bytes.count && !Self.isSpaceOrEnd(bytes[highStart])
      report(
        "E0005", found ? "a range needs a number after `..`" : "expected a number after `..`",
        from: start, to: index, help: "write the range without spaces, like `30..70`")
      return make(.invalid, from: start, to: index)
    }
    guard let high = scanNumber() else { return make(.invalid, from: start, to: index) }
    if high.rps {
      appendRps(from: high.rpsStart)
    }
    return make(.range(low.literal, high.literal), from: start, to: high.end)
  }

  private mutating func finish(_ number: ScannedNumber, from start: Int) -> Token {
    let token = make(.number(number.literal), from: start, to: number.end)
    if number.rps { appendRps(from: number.rpsStart) }
    return token
  }

  private mutating func appendRps(from start: Int) {
    pending.append(make(.identifier(text(start, index)), from: start, to: index))
  }

  // MARK: - Numbers

  struct ScannedNumber {
    var literal: NumberLiteral
    /// End of the number's own spelling (before a glued `rps`).
    var end: Int
    var rps = false
    var rpsStart = 0
  }

  /// Scans digits, one optional decimal part, an optional multiplier and unit. Reports and
  /// returns nil for a malformed number, leaving `index` after the whole malformed word.
  private mutating func scanNumber() -> ScannedNumber? {
    let start = index
    while index < bytes.count, Self.isDigit(bytes[index]) || bytes[index] == Self.underscore {
      index += 1
    }
    if index + 1 < bytes.count, bytes[index] == Self.dot, Self.isDigit(bytes[index + 1]) {
      index += 1
      while index < bytes.count, Self.isDigit(bytes[index]) || bytes[index] == Self.underscore {
        index += 1
      }
    }
    let digitsEnd = index
    if index + 1 < bytes.count, bytes[index] == Self.dot, Self.isDigit(bytes[index + 1]) {
      index = wordEnd(from: index + 1)
      report(
        "E0006", "a number has at most one decimal point", from: start, to: index,
        help: nil)
      return nil
    }
    let suffixStart = index
    while index < bytes.count, Self.isSuffixByte(bytes[index]), !startsArrow(at: index) {
      index += 1
    }
    let digitBytes = bytes[start..<digitsEnd]
    let digits =
      digitBytes.contains(Self.underscore)
      ? String(decoding: digitBytes.filter { $0 != Self.underscore }, as: UTF8.self)
      : String(decoding: digitBytes, as: UTF8.self)
    let suffix = text(suffixStart, index)
    guard let parsed = Double(digits), parsed.isFinite else {
      report(
        "E0004", "the number `\(Self.abbreviated(text(start, digitsEnd)))` is too large",
        from: start, to: index, help: "numbers must be finite and at most about 1.8e308")
      return nil
    }
    guard let (factor, unit, rps) = interpret(suffix: suffix, from: start, numberEnd: digitsEnd)
    else { return nil }
    let value = parsed * factor
    guard value.isFinite else {
      report(
        "E0004", "the number `\(Self.abbreviated(text(start, index)))` is too large",
        from: start, to: index, help: "numbers must be finite and at most about 1.8e308")
      return nil
    }
    let end = rps ? index - 3 : index
    let literal = NumberLiteral(value: value, unit: unit, text: text(start, end))
    return ScannedNumber(literal: literal, end: end, rps: rps, rpsStart: end)
  }

  /// The meaning of what follows a number's digits: multiplier, unit, and whether it ends in
  /// `rps`. Reports and returns nil when the suffix means nothing.
  private mutating func interpret(suffix: String, from start: Int, numberEnd: Int) -> (
    Double, Unit?, Bool
  )? {
    if suffix.isEmpty { return (1, nil, false) }
    var factor = 1.0
    var rest = Substring(suffix)
    if Unit(rawValue: suffix) == nil {
      for (spelling, multiplier) in Self.multipliers where rest.hasPrefix(spelling) {
        factor = multiplier
        rest = rest.dropFirst(spelling.count)
        break
      }
    }
    if rest.isEmpty { return (factor, nil, false) }
    if let unit = Unit(rawValue: String(rest)) { return (factor, unit, false) }
    if rest == "rps" { return (factor, nil, true) }
    let whole = text(start, index)
    if rest == "m" {
      report(
        "E0003", "`m` is not a unit: `\(whole)` is ambiguous", from: numberEnd, to: index,
        help: "write `min` for minutes or `M` for millions")
      return nil
    }
    let fixIt = Self.suggestedUnit(for: suffix).map {
      FixIt(range: SourceRange(start: location(numberEnd), end: location(index)), replacement: $0)
    }
    report(
      "E0002", "unknown unit `\(Self.abbreviated(suffix))` in `\(Self.abbreviated(whole))`",
      from: numberEnd, to: index, help: Self.suffixHelp(suffix), fixIt: fixIt)
    return nil
  }

  /// The unit a wrong suffix most likely means: another case (`mb`, `MS`) or a long
  /// spelling (`sec`, `hours`).
  static func suggestedUnit(for suffix: String) -> String? {
    let lower = suffix.lowercased()
    if let unit = Unit.allCases.first(where: { $0.rawValue.lowercased() == lower }) {
      return unit.rawValue
    }
    let aliases: [(String, String)] = [
      ("sec", "s"), ("secs", "s"), ("second", "s"), ("seconds", "s"), ("mins", "min"),
      ("minute", "min"), ("minutes", "min"), ("hr", "h"), ("hrs", "h"), ("hour", "h"),
      ("hours", "h"), ("day", "d"), ("days", "d"), ("msec", "ms"), ("usec", "us"),
    ]
    return aliases.first(where: { $0.0 == lower })?.1
  }

  static func suffixHelp(_ suffix: String) -> String {
    let units = unitSpellings.sorted { lhs, rhs in
      (Unit.allCases.firstIndex { $0.rawValue == lhs } ?? 0)
        < (Unit.allCases.firstIndex { $0.rawValue == rhs } ?? 0)
    }
    let list = "units are " + units.map { "`\($0)`" }.joined(separator: ", ")
    if let unit = suggestedUnit(for: suffix) {
      return "did you mean `\(unit)`? \(list)"
    }
    if let first = suffix.first, first == "e" || first == "E",
      suffix.dropFirst().allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" })
    {
      return "exponents are not supported; write the digits or use `k`, `M`, `G`"
    }
    if suffix.hasPrefix("-") {
      return "write a range as `low..high`, like `30..70`"
    }
    return list + "; multipliers `k`, `M`, `G` come before the unit; `rps` is a separate word"
  }

  // MARK: - Bad characters

  /// Skips a run of characters the language does not use and reports it once.
  private mutating func skipBadCharacters() {
    let start = index
    while index < bytes.count,
      (Self.isBadStart(bytes[index]) && !startsArrow(at: index)) || index == start
    {
      index += 1
    }
    // Never split a UTF-8 sequence: continuation bytes belong to the run.
    while index < bytes.count, bytes[index] & 0xC0 == 0x80 { index += 1 }
    let run = Array(bytes[start..<index])
    let decoded = String(decoding: run, as: UTF8.self)
    let scalars = Array(decoded.unicodeScalars)
    var help: String? = nil
    let message: String
    if let control = scalars.first(where: { Self.isInvisible($0) }) {
      message = "unexpected control character \(Self.codePoint(control))"
      help = "remove it; scripts are plain text"
    } else if scalars.contains("\u{FFFD}") {
      message = "unexpected character `\u{FFFD}` (U+FFFD): the file is probably not valid UTF-8"
      help = "save the file as UTF-8 text"
    } else {
      let shown = scalars.prefix(16).map { String($0) }.joined()
      let more = scalars.count > 16 ? "…" : ""
      message =
        scalars.count == 1
        ? "unexpected character `\(shown)`" : "unexpected characters `\(shown)\(more)`"
      if let first = scalars.first, first.value > 0x7F, first.properties.isAlphabetic {
        help = "names use the letters `a`–`z` and `A`–`Z`, digits, `-` and `_`"
      }
      switch scalars.first {
      case "=": help = "write attributes as `key value`, without `=`"
      case ";": help = "a statement ends at the end of its line; write one statement per line"
      case "\"", "'": help = "names are written without quotes"
      case "-": help = "numbers are never negative"
      case "_": help = "a name starts with a letter"
      case "/": help = "`/` joins the parts of a station name, like `orders/replica-1`"
      case "%": help = "write `%` right after its number, like `90%`"
      case "!": help = "comparisons are `<`, `<=`, `>`, `>=`"
      default: break
      }
    }
    // `cpu=4` → `cpu 4`.
    let fixIt =
      run == [Self.equals]
      ? FixIt(range: SourceRange(start: location(start), end: location(index)), replacement: " ")
      : nil
    report("E0001", message, from: start, to: index, help: help, fixIt: fixIt)
  }

  /// Bytes that cannot start any token (so they extend a run of bad characters).
  static func isBadStart(_ byte: UInt8) -> Bool {
    switch byte {
    case space, tab, carriageReturn, newline, hash, comma, colon, leftBrace, rightBrace, less,
      greater, dot:
      return false
    default:
      return !isLetter(byte) && !isDigit(byte)
    }
  }

  static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator,
      .paragraphSeparator:
      return true
    default:
      return false
    }
  }

  static func codePoint(_ scalar: Unicode.Scalar) -> String {
    let hex = String(scalar.value, radix: 16, uppercase: true)
    return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
  }

  static func abbreviated(_ text: String) -> String {
    text.count > 24 ? String(text.prefix(20)) + "…" : text
  }

  // MARK: - Helpers

  private func identifierEnd(from start: Int) -> Int {
    var end = start
    while end < bytes.count {
      let byte = bytes[end]
      if Self.isLetter(byte) || Self.isDigit(byte) || byte == Self.underscore
        || (byte == Self.minus && !startsArrow(at: end))
      {
        end += 1
      } else if byte == Self.dot, end + 1 < bytes.count, Self.isDigit(bytes[end + 1]) {
        end += 1
      } else if byte == Self.slash, end + 1 < bytes.count, Self.isLetter(bytes[end + 1]) {
        // `orders/replica-1`: a `/` joins name parts (a station inside a database or cache).
        end += 1
      } else {
        break
      }
    }
    return end
  }

  /// The end of a malformed word: letters, digits, `_`, `-`, `%` and `.`.
  private func wordEnd(from start: Int) -> Int {
    var end = start
    while end < bytes.count, Self.isSuffixByte(bytes[end]) || bytes[end] == Self.dot {
      end += 1
    }
    return end
  }

  /// `->` (so `lb->web` is three tokens, not the name `lb-`).
  private func startsArrow(at position: Int) -> Bool {
    position + 1 < bytes.count && bytes[position] == Self.minus
      && bytes[position + 1] == Self.greater
  }

  private func startsRange(at position: Int) -> Bool {
    position + 1 < bytes.count && bytes[position] == Self.dot && bytes[position + 1] == Self.dot
  }

  private func text(_ start: Int, _ end: Int) -> String {
    let lower = min(max(0, start), bytes.count)
    let upper = min(max(lower, end), bytes.count)
    return String(decoding: bytes[lower..<upper], as: UTF8.self)
  }

  /// The location of a byte offset on the current line.
  private func location(_ offset: Int) -> SourceLocation {
    SourceLocation(line: line, column: offset - lineStart + 1, offset: offset)
  }

  private func make(_ kind: TokenKind, from start: Int, to end: Int) -> Token {
    Token(kind: kind, range: SourceRange(start: location(start), end: location(end)))
  }

  private mutating func report(
    _ id: String, _ message: String, from start: Int, to end: Int, help: String?,
    fixIt: FixIt? = nil
  ) {
    collector.append(
      Diagnostic(
        id: id, severity: .error, message: message,
        range: SourceRange(start: location(start), end: location(max(start, end))), help: help,
        fixIt: fixIt))
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }
  static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  static func isSuffixByte(_ byte: UInt8) -> Bool {
    isLetter(byte) || isDigit(byte) || byte == underscore || byte == minus || byte == percent
  }
  static func isTrailingSpace(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == carriageReturn
  }
  static func isSpaceOrEnd(_ byte: UInt8) -> Bool {
    byte == space || byte == tab || byte == carriageReturn || byte == newline
  }

  static let newline = UInt8(ascii: "\n")
  static let carriageReturn = UInt8(ascii: "\r")
  static let space = UInt8(ascii: " ")
  static let tab = UInt8(ascii: "\t")
  static let hash = UInt8(ascii: "#")
  static let comma = UInt8(ascii: ",")
  static let colon = UInt8(ascii: ":")
  static let leftBrace = UInt8(ascii: "{")
  static let rightBrace = UInt8(ascii: "}")
  static let less = UInt8(ascii: "<")
  static let greater = UInt8(ascii: ">")
  static let equals = UInt8(ascii: "=")
  static let dot = UInt8(ascii: ".")
  static let underscore = UInt8(ascii: "_")
  static let minus = UInt8(ascii: "-")
  static let slash = UInt8(ascii: "/")
  static let percent = UInt8(ascii: "%")
}
