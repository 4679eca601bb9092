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

/// The only place the CLI writes to the standard streams.
enum Terminal {
  static func out(_ text: String) {
    guard !text.isEmpty else { return }
    FileHandle.standardOutput.write(Data(text.utf8))
  }
  static func err(_ text: String) {
    guard !text.isEmpty else { return }
    FileHandle.standardError.write(Data(text.utf8))
  }
  static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
  static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

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

/// Loads scripts, printing an I/O error for each that cannot be read.
func loadScripts(_ paths: [String]) -> (files: [ScriptFile], status: ExitStatus) {
  var files: [ScriptFile] = []
  var status = ExitStatus.success
  for path in paths {
    do {
      files.append(try ScriptFile.load(path: path))
    } catch {
      Terminal.err("scale: error: \(error.description)\n")
      status = .ioError
    }
  }
  return (files, status)
}
