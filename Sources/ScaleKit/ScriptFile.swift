import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

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
    /// `bytes` is what was read before giving up: the limit plus one when the size is unknown
    /// (a pipe), the file's size when it is known.
    case tooLarge(path: String, bytes: Int)
    public var description: String {
      switch self {
      case .unreadable(let path, let reason): return "cannot read `\(path)`: \(reason)"
      case .tooLarge(let path, let bytes) where bytes == ScriptFile.maxBytes + 1:
        return "`\(path)` is larger than \(ScriptFile.maxBytes) bytes, the limit for scripts"
      case .tooLarge(let path, let bytes):
        return "`\(path)` is \(bytes) bytes; scripts are limited to \(ScriptFile.maxBytes) bytes"
      }
    }
  }

  /// Scripts larger than this are refused before parsing (a documented cap, not a hang).
  /// The limit holds while reading: at most `maxBytes + 1` bytes are ever read, so a huge
  /// file or endless standard input costs no more memory than the largest accepted script.
  public static let maxBytes = 64 * 1024 * 1024

  /// The name standard input (`-`) is shown under.
  public static let standardInputName = "<stdin>"

  /// Reads a file (or standard input for `-`). Invalid UTF-8 is kept as U+FFFD so the
  /// lexer reports it with a location instead of the load failing.
  public static func load(path: String) throws(LoadError) -> ScriptFile {
    let bytes: [UInt8]
    if path == "-" {
      guard fcntl(STDIN_FILENO, F_GETFD) != -1 else {
        throw .unreadable(path: path, reason: "standard input is closed")
      }
      bytes = try readBounded(STDIN_FILENO, path: path, limit: maxBytes)
    } else {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
        throw .unreadable(path: path, reason: "no such file")
      }
      guard !isDirectory.boolValue else { throw .unreadable(path: path, reason: "is a directory") }
      let fd = open(path, O_RDONLY | O_CLOEXEC)
      guard fd >= 0 else {
        throw .unreadable(path: path, reason: "permission denied or not a regular file")
      }
      defer { close(fd) }
      var status = stat()
      if fstat(fd, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG,
        status.st_size > off_t(maxBytes)
      {
        throw .tooLarge(path: path, bytes: Int(status.st_size))
      }
      bytes = try readBounded(fd, path: path, limit: maxBytes)
    }
    return ScriptFile(
      name: path == "-" ? standardInputName : path,
      source: String(decoding: bytes, as: UTF8.self))
  }

  /// At most `limit` bytes from `fd`; one byte more is a `tooLarge` error.
  public static func readBounded(_ fd: Int32, path: String, limit: Int) throws(LoadError) -> [UInt8]
  {
    var bytes: [UInt8] = []
    let chunk = 1 << 16
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
      let count = buffer.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return read(fd, base, chunk)
      }
      if count == 0 { return bytes }
      if count < 0 {
        if errno == EINTR { continue }
        let reason = String(cString: strerror(errno))
        throw .unreadable(path: path, reason: reason)
      }
      bytes.append(contentsOf: buffer[0..<count])
      if bytes.count > limit { throw .tooLarge(path: path, bytes: limit + 1) }
    }
  }
}
