import ScaleLanguage

/// `textDocument/documentSymbol`: the outline of the topology, one symbol per statement
/// (components by name, the rest by their text), a balancer's backends as its children.
extension LanguageServer {
  func documentSymbols(_ params: JSONValue?) throws -> JSONValue {
    let parsed = parse(try document(params))
    let document = parsed.document
    var declared: [Int: ComponentIndex.Declaration] = [:]
    for declaration in parsed.index.declarations {
      declared[declaration.statementRange.start.offset] = declaration
    }
    let symbols = parsed.tree.statements.map { statement -> JSONValue in
      let declaration = declared[statement.range.start.offset]
      var symbol: [String: JSONValue] = [
        "name": .string(declaration?.name ?? String(Formatter.text(of: statement).prefix(80))),
        "detail": .string(statement.keyword),
        "kind": .int(Self.symbolKind(declaration?.keyword ?? statement.keyword)),
        "range": document.range(statement.range),
        "selectionRange": document.range(declaration?.nameRange ?? statement.keywordRange),
      ]
      if let block = statement.block {
        symbol["children"] = .array(
          block.map { inner in
            [
              "name": .string(inner.keyword), "detail": .string(Formatter.text(of: inner)),
              "kind": .int(8), "range": document.range(inner.range),
              "selectionRange": document.range(inner.keywordRange),
            ]
          })
      }
      return .object(symbol)
    }
    return .array(symbols)
  }

  /// LSP SymbolKind for a statement keyword.
  static func symbolKind(_ keyword: String) -> Int {
    guard let keyword = StatementKeyword(rawValue: keyword) else { return 7 }  // Property
    switch keyword {
    case .server: return 5  // Class
    case .balancer: return 11  // Interface
    case .cache: return 23  // Struct
    case .database, .shard: return 3  // Namespace
    case .queue: return 18  // Array
    case .circuitBreaker, .retry, .rateLimit, .healthCheck, .autoscale:
      return 25  // Operator
    case .traffic, .at: return 24  // Event
    case .expect: return 17  // Boolean
    case .seed, .duration, .warmup, .route, .network, .link: return 7  // Property
    }
  }
}
