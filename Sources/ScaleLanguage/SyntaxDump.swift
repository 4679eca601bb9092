import ScaleDiagnostics

extension SyntaxTree {
  /// A readable dump of the tree with every node's `@line:col-line:col` range, then the
  /// diagnostics; the parser's golden tests compare it, and it helps when debugging.
  ///
  /// ```
  /// statement server @1:1-1:19 words [ident web-1 @1:8-1:13, ident cpu @1:14-1:17, number 4 =4 @1:18-1:19]
  /// ```
  public func dump() -> String {
    var lines: [String] = []
    for item in items {
      SyntaxDumper.dump(item, indent: "", into: &lines)
    }
    for diagnostic in diagnostics {
      var line = "\(diagnostic.severity.rawValue)[\(diagnostic.id)] @\(diagnostic.range) "
      line += diagnostic.message
      if let help = diagnostic.help { line += " | help: " + help }
      lines.append(line)
    }
    return lines.map { $0 + "\n" }.joined()
  }
}

enum SyntaxDumper {
  static func dump(_ item: Item, indent: String, into lines: inout [String]) {
    switch item {
    case .blankLine:
      lines.append(indent + "blank")
    case .comment(let text, let range):
      lines.append(indent + "comment \(quoted(text)) @\(range)")
    case .statement(let statement):
      var line = indent + "statement \(statement.keyword) @\(statement.range)"
      line += " words [" + statement.words.map(describe).joined(separator: ", ") + "]"
      if let comment = statement.trailingComment { line += " comment " + quoted(comment) }
      lines.append(line)
      if let blockItems = statement.blockItems ?? statement.block?.map(Item.statement) {
        lines.append(indent + "  block {")
        for inner in blockItems {
          dump(inner, indent: indent + "    ", into: &lines)
        }
        var close = indent + "  }"
        if let comment = statement.closingComment { close += " comment " + quoted(comment) }
        lines.append(close)
      }
    }
  }

  static func describe(_ word: Word) -> String {
    let range = "@\(word.range)"
    switch word.kind {
    case .identifier(let name): return "ident \(name) \(range)"
    case .number(let literal): return "number \(literal.text) =\(value(literal)) \(range)"
    case .range(let low, let high):
      return "range \(low.text)..\(high.text) =\(value(low))..\(value(high)) \(range)"
    case .comparison(let op): return "cmp \(op) \(range)"
    case .comma: return "comma \(range)"
    case .colon: return "colon \(range)"
    case .arrow: return "arrow \(range)"
    case .leftBrace: return "lbrace \(range)"
    case .rightBrace: return "rbrace \(range)"
    }
  }

  /// `250 ms`, `100000`, `0.5 %`: the value after multipliers, and the unit.
  static func value(_ literal: NumberLiteral) -> String {
    var text: String
    if literal.value == literal.value.rounded(), abs(literal.value) < 1e15 {
      text = String(Int64(literal.value))
    } else {
      text = "\(literal.value)"
    }
    if let unit = literal.unit { text += " " + unit.rawValue }
    return text
  }

  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7F {
          result += "\\u{\(String(scalar.value, radix: 16))}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result + "\""
  }
}
