import Foundation
import Testing

// `scale repl` on a real terminal, driven through tmux: completion, history across restarts,
// Ctrl-C and Ctrl-D. Each test runs its own tmux server (`-L` with a unique socket name) with
// no configuration file, a shell whose HOME is a temporary folder (so libedit reads no
// ~/.editrc and the history goes to HOME/.local/state/scale/history), and kills it at the end.
// The screen is polled until it shows what is expected, with a timeout, never a fixed sleep.

/// tmux's path, or nil when it is not installed (the tests are then skipped).
let tmuxPath: String? = {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").map { "\($0)/tmux" }
    .first { FileManager.default.isExecutableFile(atPath: $0) }
}()

/// One tmux server with one 100×30 window running a shell.
final class TmuxTerminal {
  let tmux: String
  let socket = "scale-repl-test-\(UUID().uuidString.prefix(8))"
  let home: URL

  init(tmux: String, home: URL) throws {
    self.tmux = tmux
    self.home = home
    let shell =
      "env -i HOME='\(home.path)' PATH=/usr/bin:/bin TERM=xterm LANG=C.UTF-8 PS1='$ ' /bin/sh"
    let status = try run([
      "-f", "/dev/null", "new-session", "-d", "-s", "repl", "-x", "100", "-y", "30", "-c",
      home.path, shell,
    ])
    guard status == 0 else { throw TmuxError.failed("new-session") }
  }

  /// Kills the tmux server (and with it the shell and the REPL).
  func close() { _ = try? run(["kill-server"]) }

  /// Runs `tmux -L SOCKET ARGS…` and waits for it; its standard output goes to `output`.
  ///
  /// posix_spawn rather than Foundation's `Process`: `new-session` forks the tmux server,
  /// which would inherit the descriptor `Process` watches to learn that its child exited, so
  /// `waitUntilExit` would never return.
  @discardableResult
  func run(_ arguments: [String], output: UnsafeMutablePointer<String>? = nil) throws -> Int32 {
    let capture = output == nil ? "/dev/null" : home.path + "/.tmux-output-\(UUID().uuidString)"
    defer { if output != nil { try? FileManager.default.removeItem(atPath: capture) } }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = ([tmux, "-L", socket] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let environment =
      ProcessInfo.processInfo.environment.filter { $0.key != "TMUX" }
      .map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { environment.forEach { free($0) } }
    // The test runner's threads block most signals and the child would inherit that mask:
    // the tmux server and the shell could then not be stopped by `kill-server` (SIGHUP).
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGCHLD] { sigaddset(&defaults, signal) }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
    var pid: pid_t = 0
    guard posix_spawn(&pid, tmux, &actions, &attributes, argv, environment) == 0 else {
      throw TmuxError.failed(arguments.first ?? "tmux")
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    if let output {
      output.pointee = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
    }
    return (status >> 8) & 0xff
  }

  /// Types text literally.
  func type(_ text: String) throws { try run(["send-keys", "-t", "repl", "-l", text]) }

  /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-c`, `C-d`.
  func press(_ keys: String...) throws { try run(["send-keys", "-t", "repl"] + keys) }

  /// The visible lines, without trailing spaces, trailing empty lines dropped.
  func screen() throws -> [String] {
    var text = ""
    try run(["capture-pane", "-p", "-t", "repl"], output: &text)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      String($0.reversed().drop { $0 == " " }.reversed())
    }
    while lines.last == "" { lines.removeLast() }
    return lines
  }

  /// The cursor's row (0-based).
  func cursorRow() throws -> Int {
    var text = ""
    try run(["display-message", "-p", "-t", "repl", "#{cursor_y}"], output: &text)
    return Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
  }

  /// Polls the screen until `condition` holds; returns the last screen. The limit (120 s)
  /// only ends a test whose screen never shows what it waits for: polling returns as soon as
  /// it does, so a slow, loaded machine waits longer but never fails for it.
  @discardableResult
  func wait(
    for what: String, sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: ([String]) throws -> Bool
  ) throws -> [String] {
    let deadline = Date().addingTimeInterval(120)
    var lines: [String] = []
    while Date() < deadline {
      lines = try screen()
      if try condition(lines) { return lines }
      Thread.sleep(forTimeInterval: 0.05)
    }
    Issue.record(
      "timed out waiting for \(what); the screen was:\n\(lines.joined(separator: "\n"))",
      sourceLocation: sourceLocation)
    throw TmuxError.timedOut(what)
  }

  /// Waits until the last line of the screen is exactly `line`.
  @discardableResult
  func waitForLastLine(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> [String]
  {
    try wait(for: "the last line to be `\(line)`", sourceLocation: sourceLocation) {
      $0.last == line
    }
  }
}

enum TmuxError: Error {
  case failed(String)
  case timedOut(String)
}

@Test(.enabled(if: tmuxPath != nil, "tmux is not installed: terminal tests skipped"))
func replOnATerminalCompletesRemembersAndInterrupts() throws {
  let tmux = try #require(tmuxPath)
  let binary = try #require(CLIHarness.binary, "build the `scale` binary first")
  let home = try CLIHarness.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: home) }
  try Data("server a\n".utf8).write(to: home.appendingPathComponent("example.scale"))
  let terminal = try TmuxTerminal(tmux: tmux, home: home)
  defer { terminal.close() }
  let launch = "'\(binary.path)' repl"

  try terminal.waitForLastLine("$")
  try terminal.type(launch)
  try terminal.press("Enter")
  try terminal.waitForLastLine("scale>")

  // Tab completes a keyword.
  try terminal.type("ser")
  try terminal.press("Tab")
  try terminal.waitForLastLine("scale> server")
  try terminal.type("web-1 cpu 4")
  try terminal.press("Enter")
  try terminal.wait(for: "the next prompt") {
    $0.suffix(2) == ["scale> server web-1 cpu 4", "scale>"]
  }

  // Up recalls it.
  try terminal.press("Up")
  try terminal.waitForLastLine("scale> server web-1 cpu 4")

  // Ctrl-C on a half-typed line gives a fresh prompt and drops the line.
  try terminal.type(" ram")
  try terminal.press("C-c")
  try terminal.wait(for: "a fresh prompt") {
    $0.suffix(2) == ["scale> server web-1 cpu 4 ram", "scale>"]
  }

  // Components defined so far complete after `fail`.
  try terminal.type("fail w")
  try terminal.press("Tab")
  try terminal.waitForLastLine("scale> fail web-1")
  try terminal.press("C-c")
  try terminal.waitForLastLine("scale>")

  // Paths complete after `.load`.
  try terminal.type(".load ex")
  try terminal.press("Tab")
  try terminal.waitForLastLine("scale> .load example.scale")
  try terminal.press("C-c")
  try terminal.waitForLastLine("scale>")

  // A block continues with the continuation prompt.
  try terminal.type("balancer lb {")
  try terminal.press("Enter")
  try terminal.waitForLastLine("...>")
  try terminal.type("web-1")
  try terminal.press("Enter")
  try terminal.waitForLastLine("...>")
  try terminal.type("}")
  try terminal.press("Enter")
  try terminal.waitForLastLine("scale>")

  // Ctrl-C stops a running step and returns to the prompt.
  try terminal.type("traffic 50k rps for 1h")
  try terminal.press("Enter")
  try terminal.waitForLastLine("scale>")
  try terminal.type(".step 1h")
  try terminal.press("Enter")
  let stepRow =
    try terminal.wait(for: "the step to start") { $0.last == "scale> .step 1h" }.count - 1
  // The line was read once the cursor left it.
  _ = try terminal.wait(for: "the cursor to leave the line") { _ in
    try terminal.cursorRow() > stepRow
  }
  try terminal.press("C-c")
  try terminal.wait(for: "the interrupted step") { lines in
    // The REPL writes over the `^C` the terminal echoed.
    lines.last == "scale>" && lines.contains("interrupted")
  }

  // Ctrl-D leaves and saves the history.
  try terminal.press("C-d")
  try terminal.waitForLastLine("$")
  let historyPath = home.path + "/.local/state/scale/history"
  #expect(
    try String(contentsOfFile: historyPath, encoding: .utf8)
      == "server web-1 cpu 4\nbalancer lb {\nweb-1\n}\ntraffic 50k rps for 1h\n.step 1h\n")

  // A new run recalls the previous run's lines.
  try terminal.type(launch)
  try terminal.press("Enter")
  try terminal.waitForLastLine("scale>")
  try terminal.press("Up")
  try terminal.waitForLastLine("scale> .step 1h")
  try terminal.press("Up", "Up", "Up", "Up", "Up")
  try terminal.waitForLastLine("scale> server web-1 cpu 4")
  try terminal.press("C-c")
  try terminal.waitForLastLine("scale>")
  try terminal.press("C-d")
  try terminal.waitForLastLine("$")
}
