import ScaleDiagnostics
import ScaleModel

/// Reads one statement's words left to right: positional values, then `key value`
/// attributes by the schema, checking every value's kind, unit and bounds. Collects its own
/// diagnostics; never reads past the end.
struct WordReader {
  let keyword: String
  let words: [Word]
  /// Where to point when something is missing at the end.
  let endRange: SourceRange
  private(set) var index = 0
  var diagnostics: [Diagnostic] = []
  /// The attributes being read (so `rps` as an attribute is not taken for a unit).
  private var attributeNames: [String] = []

  init(statement: Statement) {
    keyword = statement.keyword
    words = statement.words
    let end = statement.words.last?.range.end ?? statement.keywordRange.end
    endRange = SourceRange(start: end, end: end)
  }

  init(keyword: String, words: [Word], endRange: SourceRange) {
    self.keyword = keyword
    self.words = words
    self.endRange = endRange
  }

  var peek: Word? { index < words.count ? words[index] : nil }
  var peekIdentifier: String? { peek?.identifier }
  var atEnd: Bool { index >= words.count }
  func peek(at offset: Int) -> Word? {
    let i = index + offset
    return i >= 0 && i < words.count ? words[i] : nil
  }

  @discardableResult
  mutating func advance() -> Word? {
    guard index < words.count else { return nil }
    defer { index += 1 }
    return words[index]
  }

  /// Consumes the next word if it is the identifier `name`.
  mutating func accept(_ name: String) -> Word? {
    guard peekIdentifier == name else { return nil }
    return advance()
  }

  mutating func report(
    _ code: CheckerCode, _ message: String, at range: SourceRange, help: String? = nil,
    fixIt: FixIt? = nil
  ) {
    diagnostics.append(.check(code, message, at: range, help: help, fixIt: fixIt))
  }

  /// The word as written.
  static func text(_ word: Word) -> String {
    switch word.kind {
    case .identifier(let name): return name
    case .number(let n): return n.text
    case .range(let low, let high): return low.text + ".." + high.text
    case .comparison(let op): return op
    case .comma, .colon, .arrow, .leftBrace, .rightBrace: return Formatter.text(of: word)
    }
  }

  // MARK: Attributes

  /// Reads `key value` pairs until the end of the words, by `specs`.
  mutating func readAttributes(_ specs: [AttributeSpec], into attributes: inout Attributes) {
    let names = specs.map(\.name)
    attributeNames = names
    // The last word of a name list just read, while nothing else has followed it.
    var lastList: Word?
    defer { attributeNames = [] }
    while let word = peek {
      guard let name = word.identifier else {
        lastList = nil
        advance()
        report(
          .unexpectedWord, "unexpected `\(Self.text(word))` in `\(keyword)`", at: word.range,
          help: names.isEmpty
            ? "remove it" : "`\(keyword)` takes " + Self.list(names.map { "`\($0)`" }))
        continue
      }
      guard let spec = specs.first(where: { $0.name == name }) else {
        advance()
        if let previous = lastList, previous.range.end.offset < word.range.start.offset {
          // `to web-1 web-2`: a list that lost its comma.
          report(
            .unexpectedWord, "names in a list are separated by commas", at: word.range,
            help: "write `\(WordReader.text(previous)), \(name)`",
            fixIt: FixIt(
              range: SourceRange(start: previous.range.end, end: previous.range.end),
              replacement: ","))
          lastList = nil
          continue
        }
        reportUnknownAttribute(name, at: word.range, names: names)
        // Skip the unknown attribute's value words up to the next known attribute.
        while let next = peek, next.identifier.map({ !names.contains($0) }) ?? true {
          advance()
        }
        continue
      }
      advance()
      let value = readValue(spec, keyRange: word.range, attributeNames: names)
      lastList = spec.kind == .names && value != nil ? peek(at: -1) : nil
      if value == nil {
        // Skip the rest of a bad value up to the next attribute: one mistake, one diagnostic.
        while let next = peek, next.identifier.map({ !names.contains($0) }) ?? true {
          advance()
        }
      }
      if let previous = attributes[name] {
        report(
          .repeatedAttribute,
          "`\(name)` is given twice (first at \(previous.keyRange.start))",
          at: word.range, help: "remove one of them")
      } else if let (value, range) = value {
        attributes.values[name] = AttributeValue(
          value: value, keyRange: word.range, valueRange: range)
      }
    }
  }

  mutating func reportUnknownAttribute(_ name: String, at range: SourceRange, names: [String]) {
    if let unit = Quantity.detachedUnits[name] ?? (name == "m" ? "m" : nil) {
      reportDetachedUnit(name, unit: unit, at: range)
      return
    }
    let help =
      Suggestions.didYouMean(name, among: names)
      ?? (names.isEmpty
        ? "`\(keyword)` takes no attributes"
        : "`\(keyword)` takes " + Self.list(names.map { "`\($0)`" }))
    let fix = Suggestions.closest(to: name, among: names).map {
      FixIt(range: range, replacement: $0)
    }
    report(
      .unknownAttribute, "unknown attribute `\(name)` for `\(keyword)`", at: range, help: help,
      fixIt: fix)
  }

  mutating func reportDetachedUnit(_ name: String, unit: String, at range: SourceRange) {
    // The number just before the unit, if there is one (`60 s` → `60s`).
    var number = "250"
    var fix: FixIt?
    if let before = peek(at: -2), case .number(let literal) = before.kind, literal.unit == nil {
      number = literal.text
      fix = FixIt(
        range: SourceRange(start: before.range.end, end: range.end), replacement: unit)
    }
    if unit == "m" {
      report(
        .wrongKind, "`m` is ambiguous", at: range,
        help: "write `min` for minutes or `M` for millions, next to the number (`10min`)")
    } else {
      report(
        .wrongKind, "unit `\(name)` must be written next to its number", at: range,
        help: "write it without a space: `\(number)\(unit)`", fixIt: fix)
    }
  }

  static func list(_ items: [String]) -> String {
    if items.count <= 1 { return items.joined() }
    return items.dropLast().joined(separator: ", ") + " or " + (items.last ?? "")
  }

  /// True when the next word cannot be the value of the attribute being read: nothing is
  /// left, or it is another attribute of the statement.
  private func valueMissing(_ kind: ValueKind, attributeNames: [String]) -> Bool {
    guard let word = peek else { return true }
    guard let name = word.identifier, attributeNames.contains(name) else { return false }
    if case .choice(let choices) = kind, choices.contains(name) { return false }
    return true
  }

  /// Reads the value of one attribute; nil (with a diagnostic) when it is wrong.
  mutating func readValue(
    _ spec: AttributeSpec, keyRange: SourceRange, attributeNames: [String]
  ) -> (Value, SourceRange)? {
    if case .flag = spec.kind { return (.flag, keyRange) }
    if valueMissing(spec.kind, attributeNames: attributeNames) {
      report(
        .missingValue, "`\(spec.name)` needs a value", at: keyRange,
        help: "for example `\(spec.example)`")
      return nil
    }
    let start = index
    let value = readValue(spec.kind, name: spec.name, example: spec.example)
    let first = words[min(start, words.count - 1)].range
    let last = words[max(start, min(index, words.count) - 1)].range
    return value.map { ($0, first.union(last)) }
  }

  /// Reads one value of `kind` for `name` (an attribute or a positional part).
  mutating func readValue(_ kind: ValueKind, name: String, example: String) -> Value? {
    switch kind {
    case .count(let low, let high):
      return readCount(name: name, min: low, max: high, example: example).map { .count($0) }
    case .real(let low, let high, let exclusive):
      return readReal(name: name, min: low, max: high, minExclusive: exclusive, example: example)
        .map { .real($0) }
    case .duration(let allowsZero):
      return readDuration(name: name, allowsZero: allowsZero, example: example).map {
        .seconds($0)
      }
    case .percentage:
      return readPercentage(name: name, example: example).map { .fraction($0) }
    case .size:
      return readSize(name: name, example: example).map { .gigabytes($0) }
    case .distribution:
      return readDistribution(name: name).map { .distribution($0) }
    case .durationRange:
      return readDurationRange(name: name, example: example)
    case .choice(let choices):
      return readChoice(name: name, choices: choices).map { .choice($0) }
    case .reference, .label:
      return readName(name: name, example: example).map { .reference($0.name) }
    case .names:
      return readNames(name: name, example: example).map { .names($0) }
    case .flag:
      return .flag
    case .contention:
      return readContention(example: example)
    case .keys:
      return readKeys(example: example)
    }
  }

  // MARK: Numbers

  /// The next word as a number, or a diagnostic saying `name` expects `what`.
  private mutating func number(name: String, what: String, example: String) -> (
    NumberLiteral, Word
  )? {
    guard let word = advance() else {
      report(
        .missingValue, "`\(name)` needs \(what)", at: endRange, help: "for example `\(example)`")
      return nil
    }
    guard case .number(let literal) = word.kind else {
      report(
        .wrongKind, "`\(name)` expects \(what), not `\(Self.text(word))`", at: word.range,
        help: "for example `\(example)`")
      return nil
    }
    guard literal.value.isFinite else {
      report(
        .aboveCap, "`\(literal.text)` is too large", at: word.range,
        help: "for example `\(example)`")
      return nil
    }
    return (literal, word)
  }

  /// After a number that is not a rate: a following `rps` or detached unit is wrong.
  private mutating func rejectTrailingUnit(name: String, what: String, number: Word) {
    guard let next = peekIdentifier, let nextWord = peek, !attributeNames.contains(next)
    else { return }
    if next == "rps" {
      advance()
      report(
        .wrongKind, "`\(name)` expects \(what), not a rate",
        at: number.range.union(nextWord.range), help: "remove `rps`")
    } else if let unit = Quantity.detachedUnits[next] ?? (next == "m" ? "m" : nil) {
      advance()
      reportDetachedUnit(next, unit: unit, at: nextWord.range)
    }
  }

  mutating func readCount(name: String, min low: Int, max high: Int, example: String) -> Int? {
    guard let (literal, word) = number(name: name, what: "a whole number", example: example)
    else { return nil }
    if let unit = literal.unit {
      report(
        .wrongKind, "`\(name)` expects a plain count, not \(Quantity.describe(unit))",
        at: word.range, help: "for example `\(example)`")
      return nil
    }
    rejectTrailingUnit(name: name, what: "a count", number: word)
    return checkedCount(literal, word: word, name: name, min: low, max: high)
  }

  /// Bounds and wholeness of a count; no overflow for any input.
  mutating func checkedCount(
    _ literal: NumberLiteral, word: Word, name: String, min low: Int, max high: Int
  ) -> Int? {
    let value = literal.value
    if value > Double(high) {
      report(
        .aboveCap, "`\(name)` is at most \(high)", at: word.range,
        help: "see the limits in docs/language.md")
      return nil
    }
    if value.rounded(.towardZero) != value {
      let down = Int(value.rounded(.down))
      report(
        .notWhole, "`\(name)` must be a whole number, not `\(literal.text)`", at: word.range,
        help: "use `\(down)` or `\(down + 1)`")
      return nil
    }
    if value < Double(low) {
      report(.outOfRange, "`\(name)` must be at least \(low)", at: word.range)
      return nil
    }
    return Int(value)
  }

  mutating func readReal(
    name: String, min low: Double, max high: Double, minExclusive: Bool, example: String
  ) -> Double? {
    guard let (literal, word) = number(name: name, what: "a number", example: example)
    else { return nil }
    if let unit = literal.unit {
      report(
        .wrongKind, "`\(name)` expects a plain number, not \(Quantity.describe(unit))",
        at: word.range, help: "for example `\(example)`")
      return nil
    }
    rejectTrailingUnit(name: name, what: "a number", number: word)
    return checkedReal(
      literal.value, text: literal.text, range: word.range, name: name, min: low, max: high,
      minExclusive: minExclusive)
  }

  mutating func checkedReal(
    _ value: Double, text: String, range: SourceRange, name: String, min low: Double,
    max high: Double, minExclusive: Bool
  ) -> Double? {
    if value > high {
      report(
        .aboveCap, "`\(name)` is at most \(Self.format(high))", at: range,
        help: "see the limits in docs/language.md")
      return nil
    }
    if minExclusive ? value <= low : value < low {
      report(
        .outOfRange,
        "`\(name)` must be \(minExclusive ? "more than" : "at least") \(Self.format(low))",
        at: range)
      return nil
    }
    return value
  }

  /// Seconds from a literal that must be a time (bare number = seconds).
  mutating func seconds(
    of literal: NumberLiteral, at range: SourceRange, name: String, example: String
  ) -> Double? {
    var value = literal.value
    if let unit = literal.unit {
      guard let converted = Quantity.seconds(literal.value, unit) else {
        report(
          .wrongKind, "`\(name)` expects a duration, not \(Quantity.describe(unit))", at: range,
          help: "for example `\(example)`")
        return nil
      }
      value = converted
    }
    guard value.isFinite, value <= Defaults.maxDuration else {
      report(
        .aboveCap, "`\(name)` is longer than the limit of 366 days", at: range,
        help: "see the limits in docs/language.md")
      return nil
    }
    return value
  }

  mutating func readDuration(name: String, allowsZero: Bool, example: String) -> Double? {
    guard let (literal, word) = number(name: name, what: "a duration", example: example)
    else { return nil }
    guard let value = seconds(of: literal, at: word.range, name: name, example: example)
    else { return nil }
    rejectTrailingUnit(name: name, what: "a duration", number: word)
    if !allowsZero && value <= 0 {
      report(.outOfRange, "`\(name)` must be longer than 0", at: word.range)
      return nil
    }
    return value
  }

  mutating func readPercentage(name: String, example: String) -> Double? {
    guard let (literal, word) = number(name: name, what: "a percentage", example: example)
    else { return nil }
    return checkedPercentage(literal, range: word.range, name: name, example: example)
  }

  mutating func checkedPercentage(
    _ literal: NumberLiteral, range: SourceRange, name: String, example: String
  ) -> Double? {
    guard literal.unit == .percent else {
      // A bare fraction (`0.9`) most likely means 90%.
      let written =
        literal.value > 0 && literal.value < 1
        ? Self.format((literal.value * 10_000).rounded() / 100) + "%" : literal.text + "%"
      let fix = literal.unit == nil ? FixIt(range: range, replacement: written) : nil
      report(
        .wrongKind, "`\(name)` expects a percentage, not \(Quantity.describe(literal.unit))",
        at: range,
        help: literal.unit == nil ? "write `\(written)`" : "for example `\(example)`",
        fixIt: fix)
      return nil
    }
    guard literal.value <= 100 else {
      report(.outOfRange, "a percentage is at most 100%, not `\(literal.text)`", at: range)
      return nil
    }
    return literal.value / 100
  }

  mutating func readSize(name: String, example: String) -> Double? {
    guard let (literal, word) = number(name: name, what: "a size", example: example)
    else { return nil }
    guard let unit = literal.unit, let perUnit = Quantity.gigabytes(per: unit) else {
      report(
        .wrongKind, "`\(name)` expects a size, not \(Quantity.describe(literal.unit))",
        at: word.range,
        help: literal.unit == nil ? "write `\(literal.text)GB`" : "for example `\(example)`")
      return nil
    }
    let value = literal.value * perUnit
    guard value <= Quantity.maxGigabytes else {
      report(.aboveCap, "`\(name)` is at most 1024TB", at: word.range)
      return nil
    }
    guard value > 0 else {
      report(.outOfRange, "`\(name)` must be more than 0", at: word.range)
      return nil
    }
    return value
  }

  // MARK: Distributions and ranges

  mutating func readDistribution(name: String) -> Distribution? {
    let example = "\(name) 2ms"
    guard let word = peek else {
      report(
        .missingValue, "`\(name)` needs a time", at: endRange, help: "for example `\(example)`")
      return nil
    }
    switch word.kind {
    case .number:
      guard let value = readDuration(name: name, allowsZero: false, example: example)
      else { return nil }
      return .exponential(mean: value)
    case .identifier(let shape):
      advance()
      switch shape {
      case "exp":
        return readDuration(name: "exp", allowsZero: false, example: "\(name) exp 2ms").map {
          .exponential(mean: $0)
        }
      case "const":
        return readDuration(name: "const", allowsZero: true, example: "\(name) const 2ms").map {
          .constant($0)
        }
      case "uniform":
        guard case .range(let low, let high)? = peek?.kind, let rangeWord = advance() else {
          report(
            .missingValue, "`uniform` needs a range", at: peek?.range ?? endRange,
            help: "for example `\(name) uniform 1ms..3ms`")
          return nil
        }
        guard
          let a = seconds(of: low, at: rangeWord.range, name: "uniform", example: "1ms..3ms"),
          let b = seconds(of: high, at: rangeWord.range, name: "uniform", example: "1ms..3ms")
        else { return nil }
        guard a <= b else {
          report(
            .invertedRange, "range `\(Self.text(rangeWord))` runs backwards", at: rangeWord.range,
            help: "write `\(high.text)..\(low.text)`")
          return nil
        }
        return .uniform(low: a, high: b)
      case "normal", "lognormal":
        let example = "\(name) \(shape) 2ms sd 1ms"
        guard let mean = readDuration(name: shape, allowsZero: false, example: example)
        else { return nil }
        guard accept("sd") != nil else {
          report(
            .missingValue, "`\(shape)` needs a standard deviation", at: peek?.range ?? endRange,
            help: "write `\(shape) \(Self.format(mean * 1000))ms sd 1ms`")
          return nil
        }
        guard let sd = readDuration(name: "sd", allowsZero: true, example: example)
        else { return nil }
        return shape == "normal"
          ? .normal(mean: mean, stddev: sd) : .lognormal(mean: mean, stddev: sd)
      default:
        report(
          .unknownChoice, "unknown distribution `\(shape)`", at: word.range,
          help: Suggestions.didYouMean(shape, among: StatementSchema.distributionWords)
            ?? "use a time (`2ms`) or `exp`, `const`, `uniform`, `normal` or `lognormal`")
        return nil
      }
    default:
      advance()
      report(
        .wrongKind, "`\(name)` expects a time, not `\(Self.text(word))`", at: word.range,
        help: "for example `\(example)` or `\(name) uniform 1ms..3ms`")
      return nil
    }
  }

  mutating func readDurationRange(name: String, example: String) -> Value? {
    guard let word = peek else { return nil }
    if case .range(let low, let high) = word.kind {
      advance()
      guard let a = seconds(of: low, at: word.range, name: name, example: example),
        let b = seconds(of: high, at: word.range, name: name, example: example)
      else { return nil }
      guard a > 0 else {
        report(.outOfRange, "`\(name)` must be longer than 0", at: word.range)
        return nil
      }
      guard a <= b else {
        report(
          .invertedRange, "range `\(Self.text(word))` runs backwards", at: word.range,
          help: "write `\(high.text)..\(low.text)`")
        return nil
      }
      return .secondsRange(a, b)
    }
    return readDuration(name: name, allowsZero: false, example: example).map {
      .secondsRange($0, nil)
    }
  }

  mutating func readChoice(name: String, choices: [String]) -> String? {
    guard let word = advance() else { return nil }
    guard let value = word.identifier else {
      report(
        .wrongKind, "`\(name)` expects one of " + Self.list(choices.map { "`\($0)`" }),
        at: word.range)
      return nil
    }
    guard choices.contains(value) else {
      let fix = Suggestions.closest(to: value, among: choices).map {
        FixIt(range: word.range, replacement: $0)
      }
      report(
        .unknownChoice, "unknown `\(name)` `\(value)`", at: word.range,
        help: Suggestions.didYouMean(value, among: choices)
          ?? "use " + Self.list(choices.map { "`\($0)`" }), fixIt: fix)
      return nil
    }
    return value
  }

  mutating func readName(name: String, example: String) -> NameRef? {
    guard let word = advance() else { return nil }
    guard let value = word.identifier else {
      report(
        .wrongKind, "`\(name)` expects a name, not `\(Self.text(word))`", at: word.range,
        help: "for example `\(example)`")
      return nil
    }
    return NameRef(name: value, range: word.range)
  }

  /// `a, b, c`: names separated by commas; the list ends at the first name without a comma.
  mutating func readNames(name: String, example: String) -> [NameRef]? {
    var result: [NameRef] = []
    while true {
      guard let ref = readName(name: name, example: example) else { return nil }
      result.append(ref)
      guard let comma = peek, comma.kind == .comma else { break }
      advance()
      if atEnd {
        report(.missingValue, "a name must follow `,`", at: comma.range, help: "remove the `,`")
        return nil
      }
    }
    return result
  }

  mutating func readContention(example: String) -> Value? {
    guard
      let sigma = readReal(
        name: "contention", min: 0, max: 1, minExclusive: false, example: example)
    else { return nil }
    var kappa = 0.0
    if case .number = peek?.kind {
      guard
        let k = readReal(
          name: "contention", min: 0, max: 1, minExclusive: false, example: example)
      else { return nil }
      kappa = k
    }
    return .contention(Contention(sigma: sigma, kappa: kappa))
  }

  mutating func readKeys(example: String) -> Value? {
    guard let word = peek else { return nil }
    if case .number = word.kind {
      return readCount(name: "keys", min: 1, max: StatementSchema.maxKeys, example: example)
        .map { .keys(.uniform(count: $0)) }
    }
    advance()
    switch word.identifier {
    case "zipf":
      guard
        let exponent = readReal(
          name: "zipf", min: 0, max: 10, minExclusive: true, example: example)
      else { return nil }
      guard let count = readOverCount(example: example) else { return nil }
      return .keys(.zipf(exponent: exponent, count: count))
    case "uniform":
      guard let count = readOverCount(example: "keys uniform over 10k") else { return nil }
      return .keys(.uniform(count: count))
    default:
      report(
        .unknownChoice, "unknown key distribution `\(Self.text(word))`", at: word.range,
        help: word.identifier.flatMap { Suggestions.didYouMean($0, among: ["zipf", "uniform"]) }
          ?? "write `keys zipf 1.1 over 1M` or `keys uniform over 10k`")
      return nil
    }
  }

  private mutating func readOverCount(example: String) -> Int? {
    guard accept("over") != nil else {
      report(
        .missingValue, "the key distribution needs `over N` keys", at: peek?.range ?? endRange,
        help: "for example `\(example)`")
      return nil
    }
    return readCount(name: "keys", min: 1, max: StatementSchema.maxKeys, example: example)
  }

  /// A rate `N rps` (the `rps` may be left out); `allowsZero` for rates events set.
  mutating func readRate(name: String, example: String) -> Double? {
    guard let (literal, word) = number(name: name, what: "a rate", example: example)
    else { return nil }
    if let unit = literal.unit {
      report(
        .wrongKind, "`\(name)` expects a rate, not \(Quantity.describe(unit))", at: word.range,
        help: "for example `\(example)`")
      if peekIdentifier == "rps" { advance() }
      return nil
    }
    _ = accept("rps")
    return checkedReal(
      literal.value, text: literal.text, range: word.range, name: name, min: 0,
      max: Defaults.maxRate, minExclusive: false)
  }

  /// `12.5` as `12.5`, `3.0` as `3`.
  static func format(_ value: Double) -> String {
    if value.rounded() == value, abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }
}
