import Foundation
import Testing

// `scale repl` with stdin and stdout not terminals: plain lines, no prompt, no history.

@Test func replPipedPrintsOnlyWhatCommandsPrint() throws {
  let home = try CLIHarness.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: home) }
  let result = try CLIHarness.run(
    ["repl"], stdin: "server web-1 cpu 4\nbalancer weighted\n.show\n",
    environment: ["HOME": home.path, "XDG_STATE_HOME": "", "SCALE_HISTORY": ""])
  #expect(result.status == 0)
  #expect(result.stdout == "server web-1 cpu 4\nbalancer weighted\n")
  // The location, id and caret are ours to check; the wording is the checker's.
  #expect(result.stderr.hasPrefix("<repl>:2:1: warning[W0200]: "))
  #expect(result.stderr.contains("\n  2 | balancer weighted\n    | ^^^^^^^^\n"))
  // Piped input writes no history.
  #expect(!FileManager.default.fileExists(atPath: home.path + "/.local/state/scale/history"))
}

@Test func replPipedErrorShowsACaretAndTheSessionContinues() throws {
  let result = try CLIHarness.run(
    ["repl"], stdin: "server web-1 cpu 4\nserver web-2 cpux 4\nserver web-2 cpu 2\n.show\n")
  #expect(result.status == 0)
  #expect(result.stdout == "server web-1 cpu 4\nserver web-2 cpu 2\n")
  #expect(result.stderr.hasPrefix("<repl>:2:14: error[E0201]: "))
  #expect(result.stderr.contains("\n  2 | server web-2 cpux 4\n    |              ^^^^\n"))
  #expect(result.stderr.components(separatedBy: "error[").count == 2)
}

@Test func replPipedLoadsAFileStepsAndSaves() throws {
  let directory = try CLIHarness.temporaryDirectory()
  defer { try? FileManager.default.removeItem(at: directory) }
  let script = directory.appendingPathComponent("shop.scale")
  try Data("server web count 2 cpu 2\nbalancer lb\ntraffic 100 rps for 30s\n".utf8).write(
    to: script)
  let saved = directory.appendingPathComponent("out.scale").path
  let result = try CLIHarness.run(
    ["repl", script.path],
    stdin: ".step 10s\nfail web-2\n.undo\nserver   extra\n.save \(saved)\n.quit\n.show\n")
  #expect(result.status == 0)
  #expect(result.stderr == "")
  let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(
    String.init)
  #expect(lines.first == "loaded \(script.path)")
  #expect(lines.contains("applied at 10s: fail web-2"))
  #expect(lines.contains("removed: at 10s fail web-2"))
  #expect(lines.contains("saved to \(saved)"))
  // `.quit` stops before `.show`.
  #expect(result.stdout.hasSuffix("saved to \(saved)\n"))
  #expect(
    try String(contentsOfFile: saved, encoding: .utf8)
      == "server web count 2 cpu 2\nbalancer lb\ntraffic 100 rps for 30s\nserver extra\n")
}

@Test func replPipedBadMetaCommandsAreErrorsNotExits() throws {
  let result = try CLIHarness.run(["repl"], stdin: ".stpe 1s\n.step\n.load /nonexistent/x.scale\n")
  #expect(result.status == 0)
  #expect(
    result.stderr == """
      error: unknown command `.stpe` (did you mean `.step`?); `.help` lists the commands
      error: `.step` needs DURATION: `.step DURATION`
      error: cannot read `/nonexistent/x.scale`: no such file

      """)
}
