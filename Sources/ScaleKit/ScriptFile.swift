import Foundation

/// A script's name (as shown in diagnostics) and its text.
public struct ScriptFile: Sendable, Equatable {
  public var name: String
  public var source: String
  public init(name: String, source: String) {
    self.name = name
    self.source = source
  }

  public enum LoadError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case tooLarge(path: String, bytes: Int)
    public var description: String {
      switch self {
      case .unreadable(let path, let reason): return "cannot read `\(path)`: \(reason)"
      case .tooLarge(let path, let bytes):
        return "`\(path)` is \(bytes) bytes; scripts are limited to \(ScriptFile.maxBytes) bytes"
      }
    }
  }

  /// Scripts larger than this are refused before parsing (a documented cap, not a hang).
  public static let maxBytes = 64 * 1024 * 1024

  /// Reads a file (or standard input for `-`). Invalid UTF-8 is kept as U+FFFD so the
  /// lexer reports it with a location instead of the load failing.
  public static func load(path: String) throws(LoadError) -> ScriptFile {
    let data: Data
    if path == "-" {
      data = FileHandle.standardInput.readDataToEndOfFile()
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadable(path: path, reason: "no such file")
      }
      guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory") }
      guard let contents = FileManager.default.contents(atPath: path) else {
        throw .unreadable(path: path, reason: "permission denied or not a regular file")
      }
      data = contents
    }
    guard data.count <= maxBytes else { throw .tooLarge(path: path, bytes: data.count) }
    return ScriptFile(
      name: path == "-" ? "<stdin>" : path, source: String(decoding: data, as: UTF8.self))
  }
}
