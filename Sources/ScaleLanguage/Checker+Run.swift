import ScaleDiagnostics
import ScaleModel

/// Reading the run's statements: seed, duration, warm-up and traffic.
extension CheckSession {
  mutating func readSeed(_ statement: Statement, _ reader: inout WordReader) {
    guard let word = reader.advance() else {
      reader.report(
        .missingRequired, "`seed` needs a number", at: statement.keywordRange,
        help: "for example `seed 42`")
      return
    }
    Self.rejectRest(&reader, help: "`seed` takes one number")
    guard case .number(let literal) = word.kind, literal.unit == nil else {
      reader.report(
        .wrongKind, "`seed` expects a whole number, not `\(WordReader.text(word))`",
        at: word.range, help: "for example `seed 42`")
      return
    }
    let digits = literal.text.filter { $0 != "_" }
    var value: UInt64?
    if let exact = UInt64(digits) {
      value = exact
    } else if literal.value.rounded(.towardZero) != literal.value {
      reader.report(.notWhole, "`seed` must be a whole number", at: word.range)
      return
    } else if literal.value >= 0, literal.value < 18_446_744_073_709_551_616.0 {
      value = UInt64(literal.value)
    }
    guard let value else {
      reader.report(
        .aboveCap, "`seed` must be between 0 and 18446744073709551615", at: word.range)
      return
    }
    if let first = seed {
      reportRepeated("`seed`", at: statement.keywordRange, first: first.range)
      return
    }
    seed = (value, statement.keywordRange)
  }

  mutating func readRunLength(_ statement: Statement, _ reader: inout WordReader) {
    let isDuration = StatementKeyword(rawValue: statement.keyword) == .duration
    guard !reader.atEnd else {
      reader.report(
        .missingRequired, "`\(statement.keyword)` needs a duration", at: statement.keywordRange,
        help: isDuration ? "for example `duration 10min`" : "for example `warmup 30s`")
      return
    }
    let value = reader.readDuration(
      name: statement.keyword, allowsZero: !isDuration,
      example: isDuration ? "duration 10min" : "warmup 30s")
    Self.rejectRest(&reader, help: "`\(statement.keyword)` takes one duration")
    guard let value else { return }
    if isDuration {
      if let first = duration {
        reportRepeated("`duration`", at: statement.keywordRange, first: first.range)
        return
      }
      duration = (value, statement.keywordRange)
    } else {
      if let first = warmup {
        reportRepeated("`warmup`", at: statement.keywordRange, first: first.range)
        return
      }
      warmup = (value, statement.keywordRange)
    }
  }

  mutating func readTraffic(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    var rate: Double?
    var cycle: (Double, Double)?
    var rateRange: SourceRange?
    switch reader.peek?.kind {
    case .number?:
      rateRange = reader.peek?.range
      rate = reader.readRate(name: "traffic", example: "traffic 2000 rps")
    case .range(let low, let high)?:
      guard let word = reader.advance() else { return }
      rateRange = word.range
      _ = reader.accept("rps")
      if low.unit != nil || high.unit != nil {
        reader.report(
          .wrongKind, "a traffic range is in requests per second", at: word.range,
          help: "for example `traffic 500..3000 rps daily`")
      } else if high.value > Defaults.maxRate {
        reader.report(.aboveCap, "`traffic` is at most 10000000 rps", at: word.range)
      } else if low.value > high.value {
        reader.report(
          .invertedRange, "range `\(WordReader.text(word))` runs backwards", at: word.range,
          help: "write `\(high.text)..\(low.text)`",
          fixIt: FixIt(range: word.range, replacement: "\(high.text)..\(low.text)"))
      } else {
        cycle = (low.value, high.value)
        rate = low.value
      }
    default:
      reader.report(
        .missingRequired, "`traffic` needs a rate", at: reader.peek?.range ?? reader.endRange,
        help: "for example `traffic 2000 rps`")
    }
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    if attributes.flag("daily") || attributes.has("period"), cycle == nil, rate != nil,
      let range = attributes.range("daily") ?? attributes.range("period")
    {
      reader.report(
        .inconsistent, "a daily cycle needs a range of rates", at: range,
        help: "write `traffic LOW..HIGH rps daily`, e.g. `traffic 500..3000 rps daily`")
      return
    }
    guard let rate, let rateRange else { return }
    let spec = TrafficSpec(
      rate: rate,
      cycle: cycle.map {
        Cycle(low: $0.0, high: $0.1, period: attributes.seconds("period") ?? 86_400)
      },
      arrivals: attributes.choice("arrivals").flatMap(Arrivals.init(rawValue:)) ?? .poisson,
      readFraction: attributes.fraction("read") ?? Defaults.readFraction,
      asyncFraction: attributes.fraction("async") ?? 0,
      keys: attributes.keys("keys") ?? .uniform(count: Defaults.keyCount),
      timeout: attributes.seconds("timeout"))
    if let first = traffic {
      reportRepeated("`traffic`", at: statement.keywordRange, first: first.keywordRange)
      return
    }
    traffic = TrafficDecl(
      spec: spec, rateRange: rateRange, forDuration: attributes.seconds("for"),
      forRange: attributes.range("for"),
      keywordRange: statement.keywordRange, asyncRange: attributes.range("async"))
  }
}
