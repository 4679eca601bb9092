import Foundation
import Testing

@testable import ScaleKit

@Test func acceptsStatementsAndGrowsTheTopology() {
  let session = Session()
  #expect(session.submit("server web-1 cpu 4").accepted)
  #expect(session.submit("server web-2 cpu 2").accepted)
  #expect(session.source == "server web-1 cpu 4\nserver web-2 cpu 2\n")
  #expect(session.componentNames == ["web-1", "web-2"])
  #expect(session.scenario?.servers.map(\.cores) == [4, 2])
}

@Test func rejectsAnErrorAndShowsOnlyTheNewLinesDiagnostic() {
  let session = Session()
  _ = session.submit("server web-1 cpu 4")
  let outcome = session.submit("server web-2 cpux 4")
  #expect(!outcome.accepted)
  // The location, id and caret are the session's to get right; the wording is the checker's.
  #expect(outcome.diagnostics.hasPrefix("<repl>:2:14: error[E0201]: "))
  #expect(outcome.diagnostics.contains("\n  2 | server web-2 cpux 4\n    |              ^^^^\n"))
  #expect(outcome.diagnostics.components(separatedBy: "error[").count == 2)
  #expect(session.source == "server web-1 cpu 4\n")
  #expect(session.componentNames == ["web-1"])
}

@Test func numbersLinesWithinTheSessionAcrossBlocks() {
  let session = Session()
  _ = session.submit("server a")
  _ = session.submit("server b")
  #expect(session.submit("balancer lb weighted {\n  a weight 3\n  b\n}").accepted)
  let outcome = session.submit("balancer lb2 to c")
  #expect(outcome.diagnostics.hasPrefix("<repl>:7:17: error[E0212]: "))
}

@Test func keepsWarningsButAcceptsTheStatement() {
  let session = Session()
  _ = session.submit("server web-1")
  let outcome = session.submit("balancer weighted")
  #expect(outcome.accepted)
  #expect(outcome.diagnostics.contains("warning[W0200]"))
}

@Test func ignoresBlankInput() {
  let session = Session()
  #expect(session.submit("   ").accepted)
  #expect(session.source == "")
}

@Test func anActionWithoutAtHappensNow() {
  let session = Session()
  _ = session.submit("server web-1 cpu 4")
  let outcome = session.submit("fail web-1 for 30s")
  #expect(outcome.accepted)
  #expect(outcome.note == nil)
  #expect(session.source == "server web-1 cpu 4\nat 0s fail web-1 for 30s\n")
  #expect(session.scenario?.events.first?.action == .fail(component: "web-1", duration: 30))
}

@Test func stepsAndAppliesActionsToTheLiveSimulation() throws {
  let session = Session()
  _ = session.submit("server web-1 cpu 4")
  _ = session.submit("server web-2 cpu 4")
  _ = session.submit("balancer lb round-robin")
  _ = session.submit("traffic 200 rps for 1min")
  #expect(!session.isRunning)
  let first = try #require(session.step(seconds: 10))
  #expect(first.started)
  #expect(!first.interrupted)
  #expect(!first.finished)
  #expect(first.snapshot.time == 10)
  #expect(session.currentTime == 10)

  let outcome = session.submit("fail web-2")
  #expect(outcome.accepted)
  #expect(outcome.note == "applied at 10s: fail web-2")
  #expect(session.source.hasSuffix("at 10s fail web-2\n"))
  let failed = session.snapshot()?.components.first { $0.name == "web-2" }
  #expect(failed?.failed == true)
  #expect(!session.isStale)

  let changed = session.submit("traffic 400 rps")
  #expect(changed.accepted)
  #expect(changed.note == "applied at 10s: traffic 400 rps")
  #expect(session.snapshot()?.rate == 400)

  let second = try #require(session.step(seconds: 5))
  #expect(!second.started)
  #expect(second.snapshot.time == 15)
}

@Test func aTopologyChangeWhileRunningMarksTheSimulationStale() throws {
  let session = Session()
  _ = session.submit("server web-1")
  _ = session.submit("traffic 10 rps")
  _ = try #require(session.step(seconds: 1))
  let outcome = session.submit("server web-2")
  #expect(outcome.accepted)
  #expect(
    outcome.note
      == "the simulation at 1s keeps running the script as it was; `.reset` restarts it with this change"
  )
  #expect(session.isStale)
  session.reset()
  #expect(!session.isStale)
  #expect(!session.isRunning)
  #expect(session.currentTime == 0)
}

@Test func stepsStopWhenAskedAndAtTheEnd() throws {
  let session = Session()
  _ = session.submit("server web-1 cpu 4")
  // The engine asks `shouldStop` every 4096 events: 10 s at 2000 rps is far more.
  _ = session.submit("traffic 2000 rps for 20s")
  let stopped = try #require(session.step(seconds: 10, shouldStop: { true }))
  #expect(stopped.interrupted)
  #expect(stopped.snapshot.time < 10)
  session.reset()
  let whole = try #require(session.step(seconds: 100))
  #expect(whole.finished)
  #expect(whole.snapshot.time == 20)
}

@Test func runsToTheEndWithAReport() throws {
  let session = Session()
  _ = session.submit("server web-1")
  _ = session.submit("traffic 50 rps for 5s")
  let report = try #require(session.runToEnd())
  #expect(report.contains("<repl>"))
  #expect(session.currentTime == 5)
}

@Test func undoRemovesTheLastStatement() {
  let session = Session()
  _ = session.submit("server a")
  _ = session.submit("server b")
  #expect(session.undo() == "server b")
  #expect(session.source == "server a\n")
  #expect(session.componentNames == ["a"])
  #expect(session.undo() == "server a")
  #expect(session.undo() == nil)
  #expect(session.source == "")
}

@Test func clearForgetsEverything() {
  let session = Session()
  _ = session.submit("server a")
  _ = session.submit("traffic 10 rps")
  _ = session.step(seconds: 1)
  session.clear()
  #expect(session.source == "")
  #expect(!session.isRunning)
  #expect(session.componentNames == [])
}

@Test func formatsSavesAndLoads() throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("scale-session-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let session = Session()
  _ = session.submit("server   a  cpu 4   # the first")
  _ = session.submit("balancer lb weighted {\na weight 2\n}")
  let formatted = "server a cpu 4  # the first\nbalancer lb weighted {\n  a weight 2\n}\n"
  #expect(session.formattedSource() == formatted)
  let path = directory.appendingPathComponent("saved.scale").path
  try session.save(to: path)
  #expect(try String(contentsOfFile: path, encoding: .utf8) == formatted)

  let other = Session()
  let loaded = other.load(path: path)
  #expect(loaded.accepted)
  #expect(other.componentNames == ["a", "lb"])
  #expect(other.undo() == formatted.dropLast().description)
}

@Test func reportsALoadedFilesErrorsInItsOwnLines() throws {
  let directory = FileManager.default.temporaryDirectory
    .appendingPathComponent("scale-session-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: directory) }
  let path = directory.appendingPathComponent("bad.scale").path
  try Data("server a cpu 4\n\nserver b cpuu 2\n".utf8).write(to: URL(fileURLWithPath: path))
  let session = Session()
  _ = session.submit("server z")
  let outcome = session.load(path: path)
  #expect(!outcome.accepted)
  #expect(outcome.diagnostics.hasPrefix("\(path):3:10: error[E0201]: "))
  #expect(outcome.diagnostics.contains("\n  3 | server b cpuu 2\n    |          ^^^^\n"))
  #expect(session.source == "server z\n")
  #expect(session.load(path: directory.appendingPathComponent("none.scale").path).accepted == false)
}

@Test(arguments: [(0.0, "0s"), (10, "10s"), (2.5, "2.5s"), (0.001, "0.001s"), (1e-7, "0.0000001s")])
func writesTimesTheLexerReadsBack(seconds: Double, text: String) {
  #expect(Session.timeText(seconds) == text)
}
