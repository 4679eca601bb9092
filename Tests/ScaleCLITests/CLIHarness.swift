import Foundation

/// Runs the built `scale` binary and captures what it printed. The binary is the one
/// `swift build` put next to the test bundle (or $SCALE_BINARY).
struct CLIResult {
  var status: Int32
  var stdout: String
  var stderr: String
  /// The process died of a signal it did not handle (a trap or crash); `status` is the signal.
  var uncaughtSignal = false
  /// The process outlived the `timeout` given to `run` and was killed.
  var timedOut = false
}

enum CLIHarness {
  /// The repository root, from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var binary: URL? {
    if let explicit = ProcessInfo.processInfo.environment["SCALE_BINARY"] {
      return URL(fileURLWithPath: explicit)
    }
    // The test runner lives in .build/<config>/…xctest; `scale` is beside it.
    var candidates: [URL] = []
    if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
      var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
      for _ in 0..<4 {
        candidates.append(dir.appendingPathComponent("scale"))
        dir = dir.deletingLastPathComponent()
      }
    }
    for config in ["debug", "release"] {
      candidates.append(root.appendingPathComponent(".build/\(config)/scale"))
    }
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
  }

  /// Runs `scale ARGS` in `directory` with `stdin` as input; never inherits a terminal.
  /// With a `timeout` (seconds), a process still running after it is killed (`timedOut`).
  /// `executable` and `prefix` run another program (`/bin/sh -c …`) in the same harness.
  static func run(
    _ arguments: [String], stdin: String = "", in directory: URL? = nil,
    environment: [String: String] = [:], timeout: Double? = nil,
    executable: URL? = nil, prefix: [String] = []
  ) throws -> CLIResult {
    guard let binary = executable ?? binary else { throw HarnessError.binaryMissing }
    let process = Process()
    process.executableURL = binary
    process.arguments = prefix + arguments
    process.currentDirectoryURL = directory ?? root
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "100"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let input = Pipe()
    let output = Pipe()
    let error = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = error
    try process.run()
    let finished = DispatchSemaphore(value: 0)
    let watched = DispatchGroup()
    nonisolated(unsafe) var killed = false
    if let timeout {
      let pid = process.processIdentifier
      watched.enter()
      DispatchQueue.global().async {
        if finished.wait(timeout: .now() + timeout) == .timedOut {
          killed = true
          kill(pid, SIGKILL)
        }
        watched.leave()
      }
    }
    // Read both pipes concurrently so neither fills up and blocks the child.
    let group = DispatchGroup()
    nonisolated(unsafe) var outData = Data()
    nonisolated(unsafe) var errData = Data()
    group.enter()
    DispatchQueue.global().async {
      outData = output.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    group.enter()
    DispatchQueue.global().async {
      errData = error.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try? input.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    finished.signal()
    watched.wait()
    return CLIResult(
      status: process.terminationStatus,
      stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self),
      uncaughtSignal: process.terminationReason == .uncaughtSignal && !killed,
      timedOut: killed)
  }

  /// A fresh temporary directory.
  static func temporaryDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("scale-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

enum HarnessError: Error {
  case binaryMissing
}
