import Foundation
import ScaleLanguage

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
    if !insideBlock, let first = previous.first, first.hasPrefix(".") {
      let takesPath = MetaCommand.all.first { $0.name == first }?.takesPath ?? false
      return previous.count == 1 && takesPath ? paths(word, listDirectory: listDirectory) : []
    }
    if !insideBlock, previous.isEmpty, word.hasPrefix(".") {
      return matching(MetaCommand.all.map(\.name))
    }
    let afterComma = line.dropLast(word.count).last(where: { $0 != " " && $0 != "\t" }) == ","
    return StatementCompletion.candidates(
      previous: previous, word: word, afterComma: afterComma, insideBlock: insideBlock,
      vocabulary: vocabulary)
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
