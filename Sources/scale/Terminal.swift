import ArgumentParser
import Foundation
import ScaleKit

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// When to colour output: `auto` colours only a terminal (and never with NO_COLOR set).
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
  case auto, always, never

  func enabled(forFileDescriptor fd: Int32) -> Bool {
    switch self {
    case .always: return true
    case .never: return false
    case .auto:
      if ProcessInfo.processInfo.environment["NO_COLOR"].map({ !$0.isEmpty }) ?? false {
        return false
      }
      return isatty(fd) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
    }
  }
}

/// The only place the CLI writes to the standard streams. A write that fails (a closed or
/// full stream, a reader that went away) ends the process with exit code 4 (`ioError`), never
/// a trap: SIGPIPE is ignored (``guardStandardStreams()``) so a vanished reader is an EPIPE here.
enum Terminal {
  static func out(_ text: String) {
    guard !text.isEmpty else { return }
    if let failure = writeAll(text, to: STDOUT_FILENO) {
      _ = writeAll("scale: error: cannot write to standard output: \(failure)\n", to: STDERR_FILENO)
      exit(ExitStatus.ioError.rawValue)
    }
  }
  static func err(_ text: String) {
    guard !text.isEmpty else { return }
    if writeAll(text, to: STDERR_FILENO) != nil { exit(ExitStatus.ioError.rawValue) }
  }
  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

  /// Standard output and error as they were when `scale` started: closed ones were reopened
  /// on /dev/null (so a file opened later cannot take their number) and count as unwritable.
  static let closedAtStart: [Int32] = {
    var closed: [Int32] = []
    for fd in [STDOUT_FILENO, STDERR_FILENO] where fcntl(fd, F_GETFD) == -1 {
      closed.append(fd)
      let null = open("/dev/null", O_WRONLY)
      if null >= 0, null != fd {
        dup2(null, fd)
        close(null)
      }
    }
    return closed
  }()

  /// Call first thing: ignores SIGPIPE (write errors are handled where they happen) and
  /// records which standard streams were closed.
  static func guardStandardStreams() {
    signal(SIGPIPE, SIG_IGN)
    _ = closedAtStart
  }

  /// Writes all of `text` to `fd`; the reason when it could not.
  private static func writeAll(_ text: String, to fd: Int32) -> String? {
    if closedAtStart.contains(fd) { return "the stream is closed" }
    let bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return write(fd, base + offset, bytes.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        return String(cString: strerror(errno))
      }
      if written == 0 { return "nothing could be written" }
      offset += written
    }
    return nil
  }

  /// Terminal width for reports: $COLUMNS, else the tty's, else 100.
  static var width: Int {
    if let columns = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(columns), n > 20 {
      return min(n, 400)
    }
    var size = winsize()
    if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 {
      return Int(size.ws_col)
    }
    return 100
  }
}

extension ExitStatus {
  /// The status as the exit code swift-argument-parser throws.
  var exitCode: ExitCode { ExitCode(rawValue) }
}

/// The scripts that could be read, the paths that could not (and why), and the status.
struct LoadedScripts {
  var files: [ScriptFile] = []
  var failures: [(path: String, reason: String)] = []
  var status = ExitStatus.success
}

/// Loads scripts, printing an I/O error for each that cannot be read.
func loadScripts(_ paths: [String]) -> LoadedScripts {
  var loaded = LoadedScripts()
  for path in paths {
    do {
      loaded.files.append(try ScriptFile.load(path: path))
    } catch {
      Terminal.err("scale: error: \(error.description)\n")
      loaded.failures.append((path, error.description))
      loaded.status = .ioError
    }
  }
  return loaded
}
