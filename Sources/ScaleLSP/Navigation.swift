import ScaleDiagnostics
import ScaleLanguage

/// Definition, references and rename of component names (``ComponentIndex``).
extension LanguageServer {
  func definition(_ params: JSONValue?) throws -> JSONValue {
    let (parsed, offset) = try documentAndOffset(params)
    guard let (name, _) = parsed.index.name(atOffset: offset),
      let declaration = parsed.index.declaration(of: name)
    else { return .null }
    return location(parsed.document, declaration.nameRange)
  }

  func references(_ params: JSONValue?) throws -> JSONValue {
    let (parsed, offset) = try documentAndOffset(params)
    guard let (name, _) = parsed.index.name(atOffset: offset) else { return .null }
    let includeDeclaration = params?["context"]?["includeDeclaration"]?.boolValue ?? true
    let declared = parsed.index.declaration(of: name)?.nameRange
    let ranges = parsed.index.occurrences(of: name).filter {
      includeDeclaration || $0 != declared
    }
    return .array(ranges.map { location(parsed.document, $0) })
  }

  func prepareRename(_ params: JSONValue?) throws -> JSONValue {
    let (parsed, offset) = try documentAndOffset(params)
    guard let (name, range) = parsed.index.name(atOffset: offset) else { return .null }
    _ = try renameTarget(name, parsed)
    return ["range": parsed.document.range(range), "placeholder": .string(name)]
  }

  func rename(_ params: JSONValue?) throws -> JSONValue {
    let (parsed, offset) = try documentAndOffset(params)
    guard let newName = params?["newName"]?.stringValue else {
      throw ResponseError(.invalidParams, "`newName` is missing")
    }
    guard let (name, _) = parsed.index.name(atOffset: offset) else {
      throw ResponseError(.requestFailed, "there is no component name here")
    }
    let declaration = try renameTarget(name, parsed)
    guard Self.isValidName(newName) else {
      throw ResponseError(.requestFailed, "`\(newName)` is not a valid component name")
    }
    guard parsed.index.declaration(of: newName) == nil else {
      throw ResponseError(.requestFailed, "a component named `\(newName)` exists already")
    }
    let document = parsed.document
    var edits: [(SourceRange, String)] = parsed.index.occurrences(of: name).map { ($0, newName) }
    edits += parsed.index.memberPrefixes(of: name).map { ($0, newName) }
    if declaration.nameRange.start.offset == declaration.statementRange.start.offset {
      // A default name (`balancer weighted` is `lb`): write the new name after the keyword.
      let end = declaration.nameRange.end
      edits.append((SourceRange(start: end, end: end), " " + newName))
    }
    edits.sort { $0.0.start.offset < $1.0.start.offset }
    let textEdits: [JSONValue] = edits.map {
      ["range": document.range($0.0), "newText": .string($0.1)]
    }
    return ["changes": .object([document.uri: .array(textEdits)])]
  }

  /// The declaration a rename of `name` changes; pool members are renamed with their pool.
  private func renameTarget(_ name: String, _ parsed: ParsedDocument) throws
    -> ComponentIndex.Declaration
  {
    guard let declaration = parsed.index.declaration(of: name) else {
      throw ResponseError(.requestFailed, "`\(name)` is not a declared component")
    }
    guard declaration.name == name else {
      throw ResponseError(
        .requestFailed, "`\(name)` is a member of the pool `\(declaration.name)`: rename the pool")
    }
    return declaration
  }

  /// A name the lexer reads as one identifier and that is no word of the language.
  static func isValidName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, first.properties.isAlphabetic,
      !StatementSchema.allKeywords.contains(name)
    else { return false }
    return name.unicodeScalars.allSatisfy {
      ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
        || $0 == "-" || $0 == "_"
    }
  }

  func location(_ document: TextDocument, _ range: SourceRange) -> JSONValue {
    ["uri": .string(document.uri), "range": document.range(range)]
  }
}
