import ScaleDiagnostics
import ScaleModel

/// Reading `expect [COMPONENT] METRIC OP VALUE [with N% confidence]`.
extension CheckSession {
  /// The kinds of name `expect NAME METRIC` may ask the metric of (nil: any component).
  static func kinds(for metric: Metric) -> [NameKind]? {
    metric.componentKinds.map { $0.compactMap(NameKind.init) }
  }

  /// `p99` followed directly by `.9` (however the lexer split it) reads as `p99.9`.
  static func readMetricWord(_ reader: inout WordReader) -> (String, SourceRange)? {
    guard let word = reader.peek, let name = word.identifier else { return nil }
    reader.advance()
    if let next = reader.peek, case .number(let literal) = next.kind, literal.text.hasPrefix("."),
      next.range.start.offset == word.range.end.offset
    {
      reader.advance()
      return (name + literal.text, word.range.union(next.range))
    }
    return (name, word.range)
  }

  mutating func readExpect(_ statement: Statement, _ reader: inout WordReader) {
    let usage = "for example `expect p99 < 200ms`"
    let text = Self.normalisedText(statement.words)
    // `expect route checkout p99 < 150ms` (a component named `route` is `expect route p99 …`).
    var route: NameRef?
    if reader.peekIdentifier == "route", let nameWord = reader.peek(at: 1),
      let routeName = nameWord.identifier, reader.peek(at: 2)?.identifier != nil
    {
      reader.advance()
      reader.advance()
      route = NameRef(name: routeName, range: nameWord.range)
    }
    var component: NameRef?
    if route == nil, let first = reader.peek, let name = first.identifier,
      Metric(named: name) == nil, reader.peek(at: 1)?.identifier != nil
    {
      reader.advance()
      component = NameRef(name: name, range: first.range)
    }
    guard let (metricName, metricRange) = Self.readMetricWord(&reader) else {
      reader.report(
        .missingRequired, "`expect` needs a metric", at: reader.peek?.range ?? reader.endRange,
        help: usage)
      return
    }
    guard let metric = Metric(named: metricName) else {
      let fix = Suggestions.closest(to: metricName, among: StatementSchema.metrics).map {
        FixIt(range: metricRange, replacement: $0)
      }
      reader.report(
        .unknownChoice, "unknown metric `\(metricName)`", at: metricRange,
        help: Suggestions.didYouMean(metricName, among: StatementSchema.metrics)
          ?? "metrics: " + StatementSchema.metrics.joined(separator: " "), fixIt: fix)
      return
    }
    guard let opWord = reader.peek, case .comparison(let op) = opWord.kind,
      let comparison = Comparison(rawValue: op)
    else {
      reader.report(
        .missingRequired, "`expect \(metricName)` needs `<`, `<=`, `>` or `>=` and a bound",
        at: reader.peek?.range ?? reader.endRange, help: usage)
      return
    }
    reader.advance()
    guard !reader.atEnd else {
      reader.report(
        .missingRequired, "`expect \(metricName) \(op)` needs a bound", at: opWord.range,
        help: usage)
      return
    }
    let bound: Double?
    switch MetricUnit(metric) {
    case .seconds:
      bound = reader.readDuration(
        name: metricName, allowsZero: true, example: "expect \(metricName) \(op) 200ms")
    case .ratio:
      bound = reader.readPercentage(name: metricName, example: "expect \(metricName) \(op) 1%")
    case .requestsPerSecond:
      bound = reader.readRate(name: metricName, example: "expect throughput >= 1900 rps")
    case .requests, .count:
      bound = reader.readReal(
        name: metricName, min: 0, max: Double(Int.max) / 2, minExclusive: false,
        example: "expect \(metricName) \(op) 10")
    }
    var confidence: Double?
    if reader.accept("with") != nil {
      confidence = reader.readPercentage(name: "confidence", example: "with 95% confidence")
      if let level = confidence, level <= 0 || level >= 1 {
        reader.report(
          .outOfRange, "a confidence level is between 0% and 100%, exclusive",
          at: statement.keywordRange, help: "for example `with 95% confidence`")
        confidence = nil
      }
      if reader.accept("confidence") == nil {
        reader.report(
          .missingRequired, "`with N%` must be followed by `confidence`",
          at: reader.peek?.range ?? reader.endRange, help: "write `with 95% confidence`")
      }
    }
    Self.rejectRest(&reader, help: "an expectation ends after its bound (or `with N% confidence`)")
    guard let bound else { return }
    var expectation = Expectation(
      component: component?.name, metric: metric, comparison: comparison, bound: bound,
      confidence: confidence, text: text, line: statement.keywordRange.start.line)
    expectation.route = route?.name
    expectations.append(
      ExpectDecl(
        expectation: expectation, component: component, metricRange: metricRange, route: route))
  }

  /// The words as written, one space apart (`,` sticks to the word before; `p99` and `.9`
  /// written together stay together).
  static func normalisedText(_ words: [Word]) -> String {
    var text = ""
    var previousEnd: Int?
    for word in words {
      let piece = WordReader.text(word)
      let adjacent = previousEnd == word.range.start.offset && piece.hasPrefix(".")
      if !text.isEmpty && word.kind != .comma && word.kind != .colon && !adjacent { text += " " }
      text += piece
      previousEnd = word.range.end.offset
    }
    return text
  }
}
