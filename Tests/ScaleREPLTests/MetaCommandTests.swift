import Testing

@testable import ScaleREPL

@Test(arguments: [
  (".help", MetaCommand.help),
  ("  .show  ", .show),
  (".graph", .graph),
  (".status", .status),
  (".step 10s", .step(seconds: 10)),
  (".step 250ms", .step(seconds: 0.25)),
  (".step 2", .step(seconds: 2)),
  (".run", .run),
  (".reset", .reset),
  (".clear", .clear),
  (".undo", .undo),
  (".save out.scale", .save(path: "out.scale")),
  (".load dir/my file.scale", .load(path: "dir/my file.scale")),
  (".quit", .quit),
  (".exit", .quit),
])
func parsesMetaCommands(line: String, expected: MetaCommand) {
  #expect(MetaCommand.parse(line) == .success(expected))
}

@Test(arguments: [
  (".stp 1s", MetaCommand.ParseError.unknown(".stp", suggestion: ".step")),
  (".sh", .unknown(".sh", suggestion: ".show")),
  (".nonsense", .unknown(".nonsense", suggestion: nil)),
  (".step", .missingArgument(command: ".step", argument: "DURATION")),
  (".step 10m", .badDuration("10m")),
  (".step -1s", .badDuration("-1s")),
  (".save", .missingArgument(command: ".save", argument: "FILE")),
  (".run now", .unexpectedArgument(command: ".run")),
])
func rejectsBadMetaCommands(line: String, expected: MetaCommand.ParseError) {
  #expect(MetaCommand.parse(line) == .failure(expected))
}

@Test func recognisesTheDotPrefix() {
  #expect(MetaCommand.isMetaCommand("  .show"))
  #expect(!MetaCommand.isMetaCommand("server web-1"))
  #expect(!MetaCommand.isMetaCommand(""))
}

@Test func describesErrors() {
  #expect(
    MetaCommand.ParseError.unknown(".stp", suggestion: ".step").description
      == "unknown command `.stp` (did you mean `.step`?); `.help` lists the commands")
}
