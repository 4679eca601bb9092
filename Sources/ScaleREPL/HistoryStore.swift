import Foundation
import ScaleKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// The REPL's history file: plain UTF-8, one entered line per line, oldest first, at most
/// `limit` lines. `save()` appends the lines recorded since the last save (so two REPLs
/// that run at once both keep their lines) and drops the oldest.
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
  public func load() -> [String] { load(limit: limit) }

  /// Remembers a line entered now (blank lines are not kept).
  public mutating func record(_ line: String) {
    guard !line.allSatisfy(\.isWhitespace), !line.contains("\n") else { return }
    sessionLines.append(line)
  }

  /// Appends this session's lines to the file (creating it 0600 and its folder 0700), then
  /// keeps the last `limit`. Like bash's `histappend`: the lines are appended with O_APPEND
  /// in one write under an exclusive `flock`, so two REPLs sharing the file both keep every
  /// line; trimming rewrites the file through `FileReplacer` under the same lock (a symlink
  /// stays a link, permissions stay as they were).
  public mutating func save() throws {
    guard !sessionLines.isEmpty else { return }
    let directory = (path as NSString).deletingLastPathComponent
    if !directory.isEmpty {
      try FileManager.default.createDirectory(
        atPath: directory, withIntermediateDirectories: true,
        attributes: [.posixPermissions: 0o700])
    }
    let text = sessionLines.joined(separator: "\n") + "\n"
    // The file may be replaced (trimmed) by another REPL between open and flock: then
    // the lock is on the old file, so open again.
    for _ in 0..<100 {
      let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
      guard fd >= 0 else { throw FileReplacer.Failure.system(path: path, reason: Self.lastError()) }
      defer { close(fd) }
      guard flock(fd, LOCK_EX) == 0 else {
        throw FileReplacer.Failure.system(path: path, reason: Self.lastError())
      }
      defer { flock(fd, LOCK_UN) }
      var opened = stat()
      var current = stat()
      guard fstat(fd, &opened) == 0, stat(path, &current) == 0,
        opened.st_ino == current.st_ino, opened.st_dev == current.st_dev
      else { continue }
      try Self.writeAll(text, to: fd, path: path)
      sessionLines = []
      let lines = load(limit: Int.max)
      if lines.count > limit {
        let kept = lines.suffix(limit)
        try FileReplacer.replace(path, with: kept.joined(separator: "\n") + "\n")
      }
      return
    }
    throw FileReplacer.Failure.system(path: path, reason: "the file keeps being replaced")
  }

  private func load(limit: Int) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else { return [] }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    return Array(lines.filter { !$0.isEmpty }.suffix(limit))
  }

  private static func writeAll(_ text: String, to fd: Int32, path: String) throws {
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return write(fd, base + offset, bytes.count - offset)
      }
      if written < 0, errno == EINTR { continue }
      guard written > 0 else { throw FileReplacer.Failure.system(path: path, reason: lastError()) }
      offset += written
    }
  }

  private static func lastError() -> String { String(cString: strerror(errno)) }
}
