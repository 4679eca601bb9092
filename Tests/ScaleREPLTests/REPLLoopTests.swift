import Testing

@testable import ScaleREPL

/// Lines from an array, recording the prompts asked for.
struct ScriptedSource: LineSource {
  var inputs: [REPLInput]
  var prompts: [String] = []
  mutating func read(prompt: String) -> REPLInput {
    prompts.append(prompt)
    guard !inputs.isEmpty else { return .end }
    return inputs.removeFirst()
  }
}

@Test func loopsUntilTheEndAndSplitsTheStreams() {
  var source = ScriptedSource(inputs: [
    .line("server a"), .line("balancer lb {"), .interrupted, .line("server b cpux 1"),
    .line(".show"),
  ])
  var out = ""
  var err = ""
  var entered: [String] = []
  REPLLoop.run(
    REPLSession(), source: &source,
    write: { text, isError in
      if isError { err += text } else { out += text }
    },
    entered: { entered.append($0) })
  #expect(out == "server a\n")
  #expect(err.hasPrefix("<repl>:2:10: error[E0201]: "))
  #expect(entered == ["server a", "balancer lb {", "server b cpux 1", ".show"])
  #expect(source.prompts == ["scale> ", "scale> ", "...> ", "scale> ", "scale> ", "scale> "])
}

@Test func quitEndsTheLoop() {
  var source = ScriptedSource(inputs: [.line(".quit"), .line("server a")])
  REPLLoop.run(REPLSession(), source: &source, write: { _, _ in })
  #expect(source.inputs == [.line("server a")])
}

@Test func anOpenBlockAtTheEndIsReported() {
  var source = ScriptedSource(inputs: [.line("server a"), .line("balancer lb {"), .line("a")])
  var err = ""
  REPLLoop.run(
    REPLSession(), source: &source, write: { text, isError in if isError { err += text } })
  #expect(err == "error: the input ended inside a `{` block; it was not added\n")
}
