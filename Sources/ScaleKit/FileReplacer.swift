import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Replaces a file's contents atomically without breaking what the user set up: a symbolic
/// link is followed and its target replaced (the link stays a link), an existing file keeps
/// its permission bits, and a new file gets `newFileMode` (less the umask). The text goes to
/// a temporary file beside the target that is renamed over it, so a crash never leaves half
/// a file. Used by `scale fmt`, the REPL's `.save` and its history.
public enum FileReplacer {
  public enum Failure: LocalizedError, CustomStringConvertible {
    case system(path: String, reason: String)
    public var description: String {
      switch self {
      case .system(let path, let reason): return "cannot write `\(path)`: \(reason)"
      }
    }
    public var errorDescription: String? { description }
  }

  public static func replace(
    _ path: String, with text: String, newFileMode: mode_t = 0o666
  ) throws(Failure) {
    let target = resolve(path)
    var status = stat()
    let existingMode: mode_t? = stat(target, &status) == 0 ? status.st_mode & 0o7777 : nil
    let directory = (target as NSString).deletingLastPathComponent
    let temporary =
      (directory.isEmpty ? "" : directory + "/") + "." + (target as NSString).lastPathComponent
      + ".\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
    // A new file's mode is `newFileMode` less the umask (open applies it); an existing
    // file's is restored exactly by fchmod below.
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, existingMode ?? newFileMode)
    guard fd >= 0 else { throw .system(path: path, reason: lastError()) }
    var failure: String?
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count, failure == nil {
      let written = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return write(fd, base + offset, bytes.count - offset)
      }
      if written < 0 {
        if errno != EINTR { failure = lastError() }
      } else if written == 0 {
        failure = "nothing could be written"
      } else {
        offset += written
      }
    }
    if failure == nil, let existingMode, fchmod(fd, existingMode) != 0 { failure = lastError() }
    if failure == nil, fsync(fd) != 0 { failure = lastError() }
    if close(fd) != 0, failure == nil { failure = lastError() }
    if failure == nil, rename(temporary, target) != 0 { failure = lastError() }
    if let failure {
      unlink(temporary)
      throw .system(path: path, reason: failure)
    }
  }

  /// `path` with symbolic links followed to the final target (which may not exist yet);
  /// a loop or an over-long chain stops at the last link.
  public static func resolve(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
      guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: current)
      else { return current }
      current =
        destination.hasPrefix("/")
        ? destination
        : ((current as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(destination)
    }
    return current
  }

  static func lastError() -> String { String(cString: strerror(errno)) }
}
