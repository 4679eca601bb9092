import ScaleDiagnostics
import ScaleLanguage

/// The components a script declares and every word that names one, read from the syntax
/// tree (so it works while the script has errors). Serves definition, references, rename,
/// the outline and name completion.
public struct ComponentIndex: Sendable {
  public struct Declaration: Sendable, Equatable {
    public var name: String
    /// The declaring statement's keyword (`server`, `balancer`, …).
    public var keyword: String
    /// The name as written, or the keyword when the name is the default (`balancer` → `lb`).
    public var nameRange: SourceRange
    public var statementRange: SourceRange
    /// Servers in the pool (`server web count 3` declares `web` and `web-1` … `web-3`).
    public var poolSize: Int?
  }

  /// One word that may name a component (a station name's component part only).
  struct NameWord: Sendable {
    var text: String
    var range: SourceRange
  }

  public private(set) var declarations: [Declaration] = []
  private var byName: [String: Int] = [:]
  private var words: [NameWord] = []

  public init(_ tree: SyntaxTree) {
    for statement in tree.statements {
      declare(statement)
      collectWords(statement, inBlock: false)
    }
  }

  /// Component names in declaration order, pool members included (up to a bound per pool,
  /// so a pool of 100 000 servers does not flood a completion list).
  public var componentNames: [String] {
    var names: [String] = []
    for declaration in declarations {
      names.append(declaration.name)
      if let size = declaration.poolSize {
        names += (1...max(1, min(size, 32))).map { "\(declaration.name)-\($0)" }
      }
    }
    return names
  }

  /// The declaration of `name`; a pool member resolves to its pool's.
  public func declaration(of name: String) -> Declaration? {
    if let index = byName[name] { return declarations[index] }
    if let (pool, member) = Self.poolMember(name), let index = byName[pool],
      let size = declarations[index].poolSize, member >= 1, member <= size
    {
      return declarations[index]
    }
    return nil
  }

  /// The component word at a byte offset: its name and range.
  public func name(atOffset offset: Int) -> (name: String, range: SourceRange)? {
    guard let word = word(atOffset: offset), declaration(of: word.text) != nil else { return nil }
    return (word.text, word.range)
  }

  /// Every word naming `name` exactly (the declaration included when it is written).
  public func occurrences(of name: String) -> [SourceRange] {
    words.filter { $0.text == name }.map(\.range)
  }

  /// The words naming members of the pool `name` (`web-1` for `web`), as the range of their
  /// pool part, for rename.
  public func memberPrefixes(of name: String) -> [SourceRange] {
    guard let index = byName[name], declarations[index].poolSize != nil else { return [] }
    return words.compactMap { word in
      guard let (pool, _) = Self.poolMember(word.text), pool == name, byName[word.text] == nil
      else { return nil }
      return Self.prefix(of: word.range, bytes: pool.utf8.count)
    }
  }

  /// Identifier words (by binary search: words are in source order).
  func word(atOffset offset: Int) -> NameWord? {
    var low = 0
    var high = words.count
    while low < high {
      let mid = (low + high) / 2
      if words[mid].range.end.offset < offset { low = mid + 1 } else { high = mid }
    }
    guard low < words.count, words[low].range.start.offset <= offset else { return nil }
    return words[low]
  }

  /// `web-3` → (`web`, 3).
  static func poolMember(_ name: String) -> (String, Int)? {
    guard let dash = name.lastIndex(of: "-") else { return nil }
    let suffix = name[name.index(after: dash)...]
    guard !suffix.isEmpty, suffix.count <= 9, suffix.allSatisfy(\.isASCII),
      let number = Int(suffix)
    else { return nil }
    return (String(name[..<dash]), number)
  }

  static func prefix(of range: SourceRange, bytes: Int) -> SourceRange {
    let end = SourceLocation(
      line: range.start.line, column: range.start.column + bytes,
      offset: range.start.offset + bytes)
    return SourceRange(start: range.start, end: min(end, range.end))
  }

  private mutating func add(_ declaration: Declaration) {
    guard byName[declaration.name] == nil else { return }
    byName[declaration.name] = declarations.count
    declarations.append(declaration)
  }

  private mutating func declare(_ statement: Statement) {
    let keyword = StatementKeyword(rawValue: statement.keyword)
    if keyword == .at {
      // `at TIME add server NAME …`
      let names = statement.words.map(\.identifier)
      let server = StatementKeyword.server.rawValue
      if let action = names.firstIndex(of: EventActionKeyword.add.rawValue),
        action + 2 < names.count, names[action + 1] == server, let name = names[action + 2]
      {
        add(
          Declaration(
            name: name, keyword: server, nameRange: statement.words[action + 2].range,
            statementRange: statement.range))
      }
      return
    }
    guard let defaultName = StatementSchema.declaringKeywords[statement.keyword] else { return }
    let positional = Set(StatementSchema.attributes(of: statement.keyword))
    var poolSize: Int?
    if keyword == .server,
      let count = statement.words.firstIndex(where: { $0.identifier == "count" }),
      count + 1 < statement.words.count,
      case .number(let literal) = statement.words[count + 1].kind,
      literal.value >= 1, literal.value <= 1e9
    {
      poolSize = Int(literal.value)
    }
    if let first = statement.words.first, let name = first.identifier, !positional.contains(name) {
      add(
        Declaration(
          name: name, keyword: statement.keyword, nameRange: first.range,
          statementRange: statement.range, poolSize: poolSize))
      return
    }
    var name = defaultName
    if keyword == .circuitBreaker,
      let on = statement.words.firstIndex(where: { $0.identifier == "on" }),
      on + 1 < statement.words.count, let target = statement.words[on + 1].identifier
    {
      name = target + "-breaker"
    }
    if let name {
      add(
        Declaration(
          name: name, keyword: statement.keyword, nameRange: statement.keywordRange,
          statementRange: statement.range))
    }
  }

  private mutating func collectWords(_ statement: Statement, inBlock: Bool) {
    if inBlock {
      words.append(NameWord(text: statement.keyword, range: statement.keywordRange))
    }
    for word in statement.words {
      guard let text = word.identifier else { continue }
      if let slash = text.firstIndex(of: "/") {
        let component = String(text[..<slash])
        words.append(
          NameWord(
            text: component, range: Self.prefix(of: word.range, bytes: component.utf8.count)))
      } else {
        words.append(NameWord(text: text, range: word.range))
      }
    }
    for inner in statement.block ?? [] { collectWords(inner, inBlock: true) }
  }
}
