import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

/// The token kinds of `source`, without the final end of file.
private func kinds(_ source: String) -> [TokenKind] {
  let (tokens, _) = Lexer.tokens(source)
  return tokens.map(\.kind).filter { $0 != .endOfFile }
}

private func ids(_ source: String) -> [String] {
  Lexer.tokens(source).1.map(\.id)
}

private func number(_ value: Double, _ unit: Unit? = nil, _ text: String) -> TokenKind {
  .number(NumberLiteral(value: value, unit: unit, text: text))
}

@Test func everyTokenKind() {
  #expect(
    kinds("server web-1, x { } < <= > >= 4 30..70 # note\n")
      == [
        .identifier("server"), .identifier("web-1"), .comma, .identifier("x"), .leftBrace,
        .rightBrace, .comparison("<"), .comparison("<="), .comparison(">"), .comparison(">="),
        number(4, nil, "4"),
        .range(
          NumberLiteral(value: 30, unit: nil, text: "30"),
          NumberLiteral(value: 70, unit: nil, text: "70")),
        .comment(" note"), .newline,
      ])
  #expect(ids("server web-1, x { } < <= > >= 4 30..70 # note\n") == [])
}

@Test func identifiers() {
  #expect(
    kinds("web-1 lb_eu p99.9 hit-rate A9") == [
      .identifier("web-1"), .identifier("lb_eu"), .identifier("p99.9"), .identifier("hit-rate"),
      .identifier("A9"),
    ])
  // A `.` joins an identifier only before a digit.
  #expect(ids("web.x") == ["E0001"])
}

@Test func stationNamesJoinPartsWithASlash() {
  #expect(
    kinds("orders/shard-2/replica-1 sessions/node-3 a/b") == [
      .identifier("orders/shard-2/replica-1"), .identifier("sessions/node-3"), .identifier("a/b"),
    ])
  // A `/` joins an identifier only before a letter: never leading, trailing or doubled.
  #expect(kinds("web/ x") == [.identifier("web"), .identifier("x")])
  #expect(ids("web/") == ["E0001"])
  #expect(ids("a//b") == ["E0001"])
  #expect(ids("/a") == ["E0001"])
  #expect(ids("a/1") == ["E0001"])
  let (_, diagnostics) = Lexer.tokens("orders/")
  #expect(
    diagnostics.first?.help == "`/` joins the parts of a station name, like `orders/replica-1`")
}

@Test(arguments: [
  ("1us", 1.0, Unit.microseconds), ("250ms", 250, .milliseconds), ("5s", 5, .seconds),
  ("10min", 10, .minutes), ("2h", 2, .hours), ("1d", 1, .days), ("90%", 90, .percent),
  ("512MB", 512, .megabytes), ("16GB", 16, .gigabytes), ("2TB", 2, .terabytes),
  ("0.5ms", 0.5, .milliseconds), ("1.5GB", 1.5, .gigabytes),
])
func units(text: String, value: Double, unit: Unit) {
  #expect(kinds(text) == [number(value, unit, text)])
  #expect(ids(text) == [])
}

@Test(arguments: [
  ("4", 4.0), ("1_000", 1000), ("0.5", 0.5), ("100k", 100_000), ("1M", 1_000_000),
  ("2G", 2_000_000_000), ("1.5k", 1500), ("007", 7),
])
func plainNumbersAndMultipliers(text: String, value: Double) {
  #expect(kinds(text) == [number(value, nil, text)])
}

@Test func multiplierBeforeAUnit() {
  #expect(
    kinds("5kms 2MGB 1MB") == [
      number(5000, .milliseconds, "5kms"), number(2_000_000, .gigabytes, "2MGB"),
      number(1, .megabytes, "1MB"),
    ])
}

@Test func rpsWrittenAgainstItsNumberIsTwoTokens() {
  let (tokens, diagnostics) = Lexer.tokens("2000rps 5krps 500..3000rps")
  #expect(diagnostics.isEmpty)
  #expect(
    tokens.map(\.kind) == [
      number(2000, nil, "2000"), .identifier("rps"), number(5000, nil, "5k"), .identifier("rps"),
      .range(
        NumberLiteral(value: 500, unit: nil, text: "500"),
        NumberLiteral(value: 3000, unit: nil, text: "3000")),
      .identifier("rps"), .endOfFile,
    ])
  #expect(tokens[0].range.description == "1:1-1:5")
  #expect(tokens[1].range.description == "1:5-1:8")
  #expect(tokens[5].range.description == "1:24-1:27")
}

@Test func rangesOfQuantities() {
  #expect(
    kinds("1ms..3ms") == [
      .range(
        NumberLiteral(value: 1, unit: .milliseconds, text: "1ms"),
        NumberLiteral(value: 3, unit: .milliseconds, text: "3ms"))
    ])
  #expect(
    kinds("0.5..1.5") == [
      .range(
        NumberLiteral(value: 0.5, unit: nil, text: "0.5"),
        NumberLiteral(value: 1.5, unit: nil, text: "1.5"))
    ])
}

@Test func aBareMIsAmbiguous() {
  let (tokens, diagnostics) = Lexer.tokens("ttl 5m")
  #expect(tokens.map(\.kind) == [.identifier("ttl"), .invalid, .endOfFile])
  #expect(diagnostics.count == 1)
  #expect(diagnostics.first?.id == "E0003")
  #expect(diagnostics.first?.help == "write `min` for minutes or `M` for millions")
  #expect(diagnostics.first?.range.description == "1:6-1:7")
  #expect(ids("5km") == ["E0003"])
}

@Test(arguments: ["5xyz", "5sec", "1e400", "5mb", "5-10", "5s2", "3rpsx"])
func unknownSuffixes(text: String) {
  let (tokens, diagnostics) = Lexer.tokens(text)
  #expect(tokens.map(\.kind) == [.invalid, .endOfFile])
  #expect(diagnostics.map(\.id) == ["E0002"])
}

@Test func unknownSuffixHelp() {
  #expect(Lexer.tokens("5xyz").1.first?.help?.contains("`us`, `ms`, `s`, `min`") == true)
  #expect(Lexer.tokens("5sec").1.first?.help?.hasPrefix("did you mean `s`?") == true)
  #expect(Lexer.tokens("5mb").1.first?.help?.hasPrefix("did you mean `MB`?") == true)
  #expect(Lexer.tokens("1e400").1.first?.help?.hasPrefix("exponents are not supported") == true)
}

@Test func numbersThatOverflow() {
  let huge = "1" + String(repeating: "0", count: 400)
  let (tokens, diagnostics) = Lexer.tokens("x \(huge) 1\(String(repeating: "0", count: 300))G")
  #expect(tokens.map(\.kind) == [.identifier("x"), .invalid, .invalid, .endOfFile])
  #expect(diagnostics.map(\.id) == ["E0004", "E0004"])
  #expect(diagnostics.first?.message == "the number `10000000000000000000…` is too large")
  // The largest finite values are fine.
  #expect(ids("1" + String(repeating: "0", count: 308)) == [])
}

@Test func malformedNumbersAndRanges() {
  #expect(ids("1.2.3") == ["E0006"])
  #expect(ids(".5") == ["E0006"])
  #expect(ids("a..b") == ["E0005"])
  #expect(ids("30..") == ["E0005"])
  #expect(ids("30.. 70") == ["E0005"])
  #expect(ids("..70") == ["E0005"])
  #expect(ids("30..x") == ["E0005"])
  #expect(kinds("30..x") == [.invalid])
}

@Test func badCharactersAreReportedOncePerRun() {
  let (tokens, diagnostics) = Lexer.tokens("a @@@ b = c")
  #expect(tokens.map(\.kind) == [.identifier("a"), .identifier("b"), .identifier("c"), .endOfFile])
  #expect(diagnostics.map(\.id) == ["E0001", "E0001"])
  #expect(diagnostics[0].message == "unexpected characters `@@@`")
  #expect(diagnostics[0].range.description == "1:3-1:6")
  #expect(diagnostics[1].help == "write attributes as `key value`, without `=`")
}

@Test func controlCharactersAndInvalidUTF8() {
  let (_, control) = Lexer.tokens("a \u{0}\u{1B} b")
  #expect(control.map(\.message) == ["unexpected control character U+0000"])
  #expect(control.first?.range.description == "1:3-1:5")
  // Invalid UTF-8 reaches the lexer as U+FFFD (String(decoding:) repairs it).
  let repaired = String(decoding: [0x61, 0x20, 0xFF, 0xFE, 0x20, 0x62] as [UInt8], as: UTF8.self)
  let (tokens, invalid) = Lexer.tokens(repaired)
  #expect(tokens.map(\.kind) == [.identifier("a"), .identifier("b"), .endOfFile])
  #expect(invalid.count == 1)
  #expect(invalid.first?.message.contains("not valid UTF-8") == true)
  #expect(invalid.first?.range.description == "1:3-1:9")
}

@Test func emojiAndNonASCIILetters() {
  let (tokens, diagnostics) = Lexer.tokens("server café ☕")
  #expect(tokens.map(\.kind) == [.identifier("server"), .identifier("caf"), .endOfFile])
  #expect(diagnostics.map(\.message) == ["unexpected character `é`", "unexpected character `☕`"])
  #expect(diagnostics[0].range.description == "1:11-1:13")
  #expect(diagnostics[1].range.description == "1:14-1:17")
}

@Test func commentsRunToTheEndOfTheLineAndLoseTrailingSpace() {
  let (tokens, _) = Lexer.tokens("seed 1 # a { } 5m = \t \r\nx")
  #expect(
    tokens.map(\.kind) == [
      .identifier("seed"), number(1, nil, "1"), .comment(" a { } 5m ="), .newline,
      .identifier("x"), .endOfFile,
    ])
  #expect(tokens[2].range.description == "1:8-1:20")
}

@Test func locationsCountLinesAndUTF8Columns() {
  let (tokens, _) = Lexer.tokens("# é\r\n  web-1\n")
  #expect(
    tokens.map(\.range.description) == ["1:1-1:5", "1:6-1:7", "2:3-2:8", "2:8-2:9", "3:1-3:1"])
  #expect(tokens[2].range.start.offset == 8)
}

@Test func endOfFileRepeats() {
  var lexer = Lexer("x")
  #expect(lexer.next().kind == .identifier("x"))
  #expect(lexer.next().kind == .endOfFile)
  #expect(lexer.next().kind == .endOfFile)
}

@Test func unitSpellingsAreLongestFirst() {
  #expect(Lexer.unitSpellings.first == "min")
  #expect(Set(Lexer.unitSpellings) == Set(Unit.allCases.map(\.rawValue)))
}

@Test func tooManyDiagnosticsAreCappedWithANote() {
  let source = String(repeating: "@ ", count: 3000)
  let (_, diagnostics) = Lexer.tokens(source)
  #expect(diagnostics.count == DiagnosticCollector.limit + 1)
  #expect(diagnostics.last?.id == "N0001")
  #expect(diagnostics.last?.severity == .note)
}

@Test func fixItsForObviousMistakes() {
  let unit = Lexer.tokens("ram 16gb").1.first?.fixIt
  #expect(unit?.replacement == "GB")
  #expect(unit?.range.description == "1:7-1:9")
  #expect(Lexer.tokens("ttl 5secs").1.first?.fixIt?.replacement == "s")
  #expect(Lexer.tokens("ttl 5xyz").1.first?.fixIt == nil)
  let equals = Lexer.tokens("cpu=4").1.first?.fixIt
  #expect(equals?.replacement == " ")
  #expect(equals?.range.description == "1:4-1:5")
}

@Test func colonsAndArrowsOfRoutes() {
  #expect(
    kinds("route a 5%: lb -> web") == [
      .identifier("route"), .identifier("a"), number(5, .percent, "5%"), .colon,
      .identifier("lb"), .arrow, .identifier("web"),
    ])
  // `->` is never part of a name or a number's suffix, even written against them.
  #expect(
    kinds("lb->web 1ms->x a-b->c") == [
      .identifier("lb"), .arrow, .identifier("web"), number(1, .milliseconds, "1ms"), .arrow,
      .identifier("x"), .identifier("a-b"), .arrow, .identifier("c"),
    ])
  #expect(ids("read: lb -> web") == [])
  // A `-` alone is still a bad character; `- >` is not an arrow.
  #expect(ids("a - > b") == ["E0001"])
}
