import ScaleKit
import Testing

@testable import ScaleREPL

@Test func statementsPrintNothingAndShowPrintsTheScript() {
  let repl = REPLSession()
  #expect(repl.handle("server web-1 cpu 4") == REPLSession.Reply())
  #expect(repl.handle("server web-2 cpu 4") == REPLSession.Reply())
  #expect(repl.handle(".show").output == "server web-1 cpu 4\nserver web-2 cpu 4\n")
}

@Test func aBlockUsesTheContinuationPrompt() {
  let repl = REPLSession()
  _ = repl.handle("server a")
  #expect(repl.prompt == "scale> ")
  _ = repl.handle("balancer lb weighted {")
  #expect(repl.prompt == "...> ")
  // Inside a block a line starting with `.` is not a meta-command.
  _ = repl.handle("  a weight 2")
  #expect(repl.prompt == "...> ")
  _ = repl.handle("}")
  #expect(repl.prompt == "scale> ")
  #expect(repl.handle(".show").output == "server a\nbalancer lb weighted {\n  a weight 2\n}\n")
}

@Test func interruptDropsAnOpenBlock() {
  let repl = REPLSession()
  _ = repl.handle("balancer lb {")
  repl.interrupt()
  #expect(repl.prompt == "scale> ")
  #expect(repl.handle(".show").output == "")
}

@Test func errorsGoToTheErrorStreamAndTheSessionGoesOn() {
  let repl = REPLSession()
  let reply = repl.handle("server a cpu 0")
  #expect(reply.output == "")
  #expect(reply.errors.hasPrefix("<repl>:1:14: error["))
  #expect(!reply.quit)
  #expect(
    repl.handle(".bogus").errors == "error: unknown command `.bogus`; `.help` lists the commands\n")
  #expect(repl.handle("server a").errors == "")
}

@Test func undoReportsWhatItRemoved() {
  let repl = REPLSession()
  _ = repl.handle("server a")
  _ = repl.handle("server b cpu 2")
  #expect(repl.handle(".undo").output == "removed: server b cpu 2\n")
  #expect(repl.handle(".show").output == "server a\n")
  _ = repl.handle(".undo")
  #expect(repl.handle(".undo").errors == "nothing to undo\n")
}

@Test func helpListsEveryMetaCommand() {
  let help = REPLSession().handle(".help").output
  #expect(help == HelpText.text)
  for info in MetaCommand.all {
    #expect(help.contains("\n  \(info.name)"), "\(info.name) missing from .help")
    let line = info.argument == nil ? info.name : info.name + (info.takesPath ? " x.scale" : " 1s")
    #expect((try? MetaCommand.parse(line).get()) != nil, "\(line) does not parse")
  }
  #expect(MetaCommand.all.count == 12)
}

@Test func statusNeedsASimulation() {
  let repl = REPLSession()
  #expect(repl.handle(".status").output == "no simulation yet: `.step 10s` starts one\n")
}

@Test func stepsShowTheStateAndActionsApplyBetweenSteps() {
  let repl = REPLSession()
  _ = repl.handle("server web-1 cpu 2")
  _ = repl.handle("server web-2 cpu 2")
  _ = repl.handle("balancer lb")
  _ = repl.handle("traffic 100 rps for 30s")
  let step = repl.handle(".step 10s").output
  #expect(step.hasPrefix("t = 10s of 30s  ·  offered 100 rps  ·  in flight "))
  #expect(step.contains("\nweb-2      server  "))
  #expect(repl.handle("fail web-2").output == "applied at 10s: fail web-2\n")
  let status = repl.handle(".status").output
  #expect(status.contains("web-2      server      "))
  #expect(status.contains("failed"))
  #expect(status.contains("recent events:\n  10s  fail web-2: "))
  let end = repl.handle(".step 1min").output
  #expect(end.contains("t = 30s of 30s"))
  #expect(end.hasSuffix("the run is over (its duration is reached); `.run` shows the report\n"))
  #expect(repl.handle(".step 1s").output == "the run is over; `.reset` starts it again\n")
  #expect(
    repl.handle(".reset").output == "the simulation restarts at 0s with the script as it is\n")
  #expect(repl.handle(".step 1s").output.hasPrefix("t = 1s of 30s"))
}

@Test func runPrintsTheReport() {
  let repl = REPLSession()
  _ = repl.handle("server web-1")
  _ = repl.handle("traffic 20 rps for 2s")
  let report = repl.handle(".run").output
  #expect(report.contains("<repl>"))
  #expect(report.hasSuffix("\n"))
}

@Test func quitStops() {
  #expect(REPLSession().handle(".quit").quit)
  #expect(REPLSession().handle("  .exit").quit)
}

@Test func completionUsesTheSessionsComponents() {
  let repl = REPLSession(listDirectory: { _ in [] })
  _ = repl.handle("server web-1")
  _ = repl.handle("server web-2")
  #expect(repl.completions(lineBeforeCursor: "fail ") == ["web-1", "web-2"])
  #expect(repl.completions(lineBeforeCursor: "ser") == ["server"])
  #expect(repl.completions(lineBeforeCursor: "server web-3 c") == ["contention", "count", "cpu"])
  #expect(repl.completions(lineBeforeCursor: "server s") == [])
  #expect(
    repl.completions(lineBeforeCursor: "cache c hashing ") == ["consistent", "jump", "modulo"])
  _ = repl.handle("balancer lb {")
  #expect(repl.completions(lineBeforeCursor: "  web") == ["web-1", "web-2"])
}

@Test func theVocabularyComesFromTheLanguage() {
  let vocabulary = REPLSession().vocabulary
  #expect(vocabulary.keywords == Session.statementKeywords)
  #expect(vocabulary.keywords.contains("server"))
  #expect(vocabulary.attributes["server"]?.contains("max-connections") == true)
  #expect(vocabulary.keywords.contains("route") && vocabulary.keywords.contains("link"))
  #expect(vocabulary.attributes["cache"]?.contains("warm") == true)
}

@Test func routeAndZoneNamesComeFromTheScript() {
  let repl = REPLSession()
  _ = repl.handle("server web count 2 zone a")
  _ = repl.handle("database orders zone b")
  _ = repl.handle("route browse: web -> orders")
  #expect(repl.vocabulary.routeNames == ["browse"])
  #expect(repl.vocabulary.zoneNames == ["a", "b"])
  #expect(repl.completions(lineBeforeCursor: "expect route ") == ["browse"])
  #expect(repl.completions(lineBeforeCursor: "fail zone ") == ["a", "b"])
}

@Test func saveExplainsAMissingFolder() {
  let repl = REPLSession()
  _ = repl.handle("server a")
  #expect(
    repl.handle(".save /nonexistent-scale-dir/x.scale").errors
      == "error: cannot write `/nonexistent-scale-dir/x.scale`: no such folder `/nonexistent-scale-dir`\n"
  )
}

@Test func expandsTheHomeFolder() {
  #expect(REPLSession.expandingTilde("~/x.scale") == homeDirectory + "/x.scale")
  #expect(REPLSession.expandingTilde("a/~/x") == "a/~/x")
}

@Test func statusShowsUtilisationOverTheLastStep() {
  let repl = REPLSession()
  _ = repl.handle("server web count 2 cpu 2")
  _ = repl.handle("balancer lb")
  _ = repl.handle("traffic 400 rps for 1min")
  _ = repl.handle(".step 10s")
  _ = repl.handle("fail web-2")
  let step = repl.handle(".step 10s").output
  #expect(step.contains("component  kind        util    busy   queue  health   (util since 10s)\n"))
  #expect(step.contains("\nweb-2      server      0.0%    0/2    0      failed\n"))
  #expect(repl.handle(".status").output == step)
}

/// Issue 10, item 2: a server added during the session shows its utilisation over the step
/// as busy over provisioned core-seconds, like `scale run`: round-robin over three 2-core
/// servers at 3000 rps with 1 ms service is 50 % each. The per-step figure used to be
/// derived from cumulative shares as if every server had existed since 0 s: 100 % for its
/// first step, ~40 % for the next.
@Test func aServerAddedDuringTheSessionShowsItsStepUtilisation() throws {
  let repl = REPLSession()
  for line in [
    "seed 1", "server web count 2 cpu 2", "balancer lb round-robin", "traffic 3000 rps for 2min",
  ] {
    _ = repl.handle(line)
  }
  _ = repl.handle(".step 10s")
  _ = repl.handle("add server web-3 cpu 2")
  for _ in 0..<2 {
    let step = repl.handle(".step 10s").output
    let row = try #require(step.split(separator: "\n").first { $0.hasPrefix("web-3 ") })
    let cell = try #require(row.split(separator: " ").first { $0.hasSuffix("%") })
    let util = try #require(Double(cell.dropLast())) / 100
    #expect(abs(util - 0.5) < 0.05, "\(row)")
  }
}
