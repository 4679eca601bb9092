import ArgumentParser
import ScaleKit
import ScaleReport

enum GraphFormat: String, ExpressibleByArgument, CaseIterable {
  case text, dot, mermaid
}

struct GraphCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "graph",
    abstract: "Show the component graph as text, Graphviz DOT or Mermaid.",
    discussion: "With --run the script is simulated first and the graph is annotated with "
      + "each component's utilisation and the bottleneck."
  )

  @Argument(help: "The script (`-` reads standard input).")
  var file: String

  @Option(help: "text, dot or mermaid.")
  var format: GraphFormat = .text

  @Flag(
    name: .customLong("run"), help: "Simulate first and annotate utilisation and the bottleneck.")
  var annotate = false

  @Option(help: "Seed for the annotating run; overrides the script's `seed`.")
  var seed: UInt64?

  @Option(help: "Colour: auto (only on a terminal), always, never.")
  var color: ColorChoice = .auto

  mutating func run() throws {
    let loaded = loadScripts([file])
    guard let script = loaded.files.first else { throw loaded.status.exitCode }
    let useColor = color.enabled(forFileDescriptor: 2)
    let checked = Runner.check(script, seed: seed)
    Terminal.err(Runner.render(checked.diagnostics, in: script, color: useColor))
    guard let scenario = checked.scenario, !checked.hasErrors else {
      throw ExitStatus.invalidInput.exitCode
    }
    let result = annotate ? Runner.run(script, seed: seed).result : nil
    switch format {
    case .text: Terminal.out(GraphReport.text(scenario, result: result))
    case .dot: Terminal.out(GraphReport.dot(scenario, result: result))
    case .mermaid: Terminal.out(GraphReport.mermaid(scenario, result: result))
    }
  }
}
