import Foundation

/// The REPL's history file: plain UTF-8, one entered line per line, oldest first, at most
/// `limit` lines. `save()` appends the lines recorded since the last save to what the file
/// holds then (so two REPLs that run at once both keep their lines) and drops the oldest.
public struct HistoryStore: Sendable, Equatable {
  /// Lines kept in the file and in memory.
  public static let defaultLimit = 1000

  public var path: String
  public var limit: Int
  /// Lines entered in this session, not yet saved.
  public private(set) var sessionLines: [String] = []

  public init(path: String, limit: Int = HistoryStore.defaultLimit) {
    self.path = path
    self.limit = max(1, limit)
  }

  /// Where history lives: `--history FILE`, else `$SCALE_HISTORY`, else
  /// `$XDG_STATE_HOME/scale/history`, else `$HOME/.local/state/scale/history`; nil when none
  /// of them is set (then history is not kept). Empty values count as unset.
  public static func resolvePath(option: String?, environment: [String: String]) -> String? {
    func nonEmpty(_ value: String?) -> String? {
      guard let value, !value.isEmpty else { return nil }
      return value
    }
    if let option = nonEmpty(option) { return option }
    if let path = nonEmpty(environment["SCALE_HISTORY"]) { return path }
    if let state = nonEmpty(environment["XDG_STATE_HOME"]) { return state + "/scale/history" }
    if let home = nonEmpty(environment["HOME"]) { return home + "/.local/state/scale/history" }
    return nil
  }

  /// The file's lines (the last `limit`), or none if it does not exist or cannot be read.
  public func load() -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    return Array(lines.filter { !$0.isEmpty }.suffix(limit))
  }

  /// Remembers a line entered now (blank lines are not kept).
  public mutating func record(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace), !line.contains("\n") else { return }
    sessionLines.append(line)
  }

  /// Appends this session's lines to the file (creating its folder), keeping the last
  /// `limit`; writes a temporary file and renames it, so a crash never leaves half a file.
  public mutating func save() throws {
    let lines = Array((load() + sessionLines).suffix(limit))
    let url = URL(fileURLWithPath: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    let text = lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
    try Data(text.utf8).write(to: url, options: .atomic)
    sessionLines = []
  }
}
