import Foundation

/// An entry of a directory, for path completion.
public struct DirectoryEntry: Sendable, Equatable {
  public var name: String
  public var isDirectory: Bool
  public init(name: String, isDirectory: Bool) {
    self.name = name
    self.isDirectory = isDirectory
  }
}

/// Lists a directory (`.` for the current one); empty when it cannot be read.
public typealias DirectoryLister = @Sendable (_ directory: String) -> [DirectoryEntry]

/// Tab completion: the candidates for the word under the cursor, from the line before it.
/// Knows statement keywords, attribute names, the components defined so far, meta-commands,
/// and file paths after `.load` and `.save`. No terminal here: the line editor asks it.
public enum Completer {
  /// Characters that end a word; the line editor is configured with the same set.
  public static let wordBreakCharacters = " \t\n,"

  /// Candidates that replace the last word of `lineBeforeCursor` (the text after the last
  /// word-break character), sorted and without duplicates. `insideBlock`: the line is inside
  /// an open `{ … }` (a balancer's backends, so server names).
  public static func candidates(
    lineBeforeCursor line: String, insideBlock: Bool, vocabulary: CompletionVocabulary,
    listDirectory: DirectoryLister = Completer.listFileSystem
  ) -> [String] {
    let (previous, word) = split(line)
    func matching(_ words: [String]) -> [String] {
      Array(Set(words.filter { $0.hasPrefix(word) })).sorted()
    }
    if insideBlock {
      return previous.isEmpty ? matching(vocabulary.componentNames + ["}"]) : matching(["weight"])
    }
    guard let first = previous.first else {
      if word.hasPrefix(".") { return matching(MetaCommand.all.map(\.name)) }
      return matching(vocabulary.keywords + vocabulary.eventActions)
    }
    if first.hasPrefix(".") {
      let takesPath = MetaCommand.all.first { $0.name == first }?.takesPath ?? false
      return previous.count == 1 && takesPath ? paths(word, listDirectory: listDirectory) : []
    }
    var tokens = previous[...]
    if first == "at" {
      // `at TIME ACTION …`
      if tokens.count == 1 { return [] }
      if tokens.count == 2 { return matching(vocabulary.eventActions) }
      tokens = tokens.dropFirst(2)
      return matching(actionWords(Array(tokens), vocabulary: vocabulary))
    }
    if vocabulary.eventActions.contains(first) && !vocabulary.keywords.contains(first) {
      return matching(actionWords(Array(tokens), vocabulary: vocabulary))
    }
    // A comma continues a list of names (`to web-1, web-2`, `{ catalog, products }`); a
    // route's `:`, `->` and `{` are followed by a step.
    if line.dropLast(word.count).last(where: { $0 != " " && $0 != "\t" }) == ","
      || Self.startsStep(after: previous.last)
    {
      return matching(vocabulary.componentNames)
    }
    return matching(statementWords(Array(tokens), vocabulary: vocabulary))
  }

  /// Whether a route step (a component's name) comes after `token`: `read:`, `->`, `{`.
  static func startsStep(after token: String?) -> Bool {
    guard let token else { return false }
    return token == "->" || token == "{" || token.hasSuffix(":")
  }

  /// The words before the current one, and the current (possibly empty) word.
  static func split(_ line: String) -> (previous: [String], word: String) {
    let breaks = Set(wordBreakCharacters)
    var previous: [String] = []
    var word = ""
    for character in line {
      if breaks.contains(character) {
        if !word.isEmpty { previous.append(word) }
        word = ""
      } else {
        word.append(character)
      }
    }
    return (previous, word)
  }

  /// After an event action (`fail web-2`, `add server web-4 cpu 4 to lb`).
  static func actionWords(_ tokens: [String], vocabulary: CompletionVocabulary) -> [String] {
    guard let action = tokens.first else { return [] }
    let count = tokens.count
    let serverAttributes = vocabulary.attributes["server", default: []]
    switch action {
    case "fail", "recover":
      // `fail web-2 for 30s`, `fail zone a for 1min`.
      if count == 1 {
        return vocabulary.componentNames + (vocabulary.zoneNames.isEmpty ? [] : ["zone"])
      }
      if count == 2 && tokens[1] == "zone" { return vocabulary.zoneNames }
      return action == "fail" ? ["for"] : []
    case "remove": return count == 1 ? vocabulary.componentNames : []
    case "scale-up":
      return count == 1 ? vocabulary.componentNames : ["cpu", "ram", "storage", "downtime"]
    case "set":
      // `set CACHE nodes N` or `set BALANCER SERVER weight N`.
      if count == 1 { return vocabulary.componentNames }
      if count == 2 { return ["nodes"] + vocabulary.componentNames }
      return count == 3 && tokens[2] != "nodes" ? ["weight"] : []
    case "add":
      if count == 1 { return ["server"] }
      if count == 2 { return [] }  // the new server's name
      if tokens.last == "to" { return vocabulary.componentNames }
      return unused(serverAttributes + ["to"], in: tokens)
    case "ramp", "spike": return ["traffic", "to", "over", "for", "rps"]
    case "traffic": return ["rps"]
    default: return []
    }
  }

  /// After a statement keyword.
  static func statementWords(_ tokens: [String], vocabulary: CompletionVocabulary) -> [String] {
    guard let keyword = tokens.first, let last = tokens.last else { return [] }
    let attributes = vocabulary.attributes[keyword, default: []]
    if vocabulary.referencingAttributes.contains(last) { return vocabulary.componentNames }
    if let choices = vocabulary.valueChoices[last], tokens.count > 1 { return choices }
    if keyword == "expect" {
      if tokens.count == 1 {
        return vocabulary.metrics + vocabulary.componentNames
          + (vocabulary.routeNames.isEmpty ? [] : ["route"])
      }
      // `expect route NAME METRIC …`.
      if tokens.count == 2 && last == "route" { return vocabulary.routeNames }
      if tokens.count == 3 && tokens[1] == "route" { return vocabulary.metrics }
      if tokens.count == 2 && vocabulary.componentNames.contains(last) { return vocabulary.metrics }
      return []
    }
    // `link FROM -> TO latency …`.
    if keyword == "link" && tokens.count == 2 { return ["->"] }
    if tokens.count == 1 && vocabulary.namingKeywords.contains(keyword) { return [] }
    if tokens.count == 1 && vocabulary.referencingKeywords.contains(keyword) {
      return vocabulary.componentNames + attributes
    }
    // After an attribute that takes a value, the value comes next: nothing to offer.
    if tokens.count > 1 && attributes.contains(last) && !vocabulary.flags.contains(last) {
      return []
    }
    return unused(attributes, in: tokens)
  }

  /// `words` minus those already in the statement.
  static func unused(_ words: [String], in tokens: [String]) -> [String] {
    let used = Set(tokens)
    return words.filter { !used.contains($0) }
  }

  /// Paths for `.load` / `.save`: directories (with a trailing `/`) and `.scale` files
  /// under the directory part of `word`. Dot files only when the name part starts with `.`.
  static func paths(_ word: String, listDirectory: DirectoryLister) -> [String] {
    let directoryPart: String
    let namePart: String
    if let slash = word.lastIndex(of: "/") {
      directoryPart = String(word[...slash])
      namePart = String(word[word.index(after: slash)...])
    } else {
      directoryPart = ""
      namePart = word
    }
    var directory = directoryPart.isEmpty ? "." : directoryPart
    if directory == "~/" || directory.hasPrefix("~/") {
      directory = homeDirectory + directory.dropFirst()
    }
    let names = listDirectory(directory).compactMap { entry -> String? in
      guard entry.name.hasPrefix(namePart) else { return nil }
      if entry.name.hasPrefix(".") && !namePart.hasPrefix(".") { return nil }
      if entry.isDirectory { return directoryPart + entry.name + "/" }
      return entry.name.hasSuffix(".scale") ? directoryPart + entry.name : nil
    }
    return Array(Set(names)).sorted()
  }

  /// The real file system.
  public static let listFileSystem: DirectoryLister = { directory in
    let manager = FileManager.default
    guard let names = try? manager.contentsOfDirectory(atPath: directory) else { return [] }
    return names.map { name in
      var isDirectory: ObjCBool = false
      let path = directory.hasSuffix("/") ? directory + name : directory + "/" + name
      _ = manager.fileExists(atPath: path, isDirectory: &isDirectory)
      return DirectoryEntry(name: name, isDirectory: isDirectory.boolValue)
    }
  }
}

/// `$HOME`, else the account's home folder.
var homeDirectory: String {
  let home = ProcessInfo.processInfo.environment["HOME"] ?? ""
  return home.isEmpty ? NSHomeDirectory() : home
}
