import ArgumentParser
import ScaleKit
import ScaleReport

struct AnalyzeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "analyze",
    abstract: "Analytic estimates (utilisation, Erlang C, Little's law, the bottleneck) "
      + "beside the simulated figures.",
    discussion: "Flags stations with utilisation ≥ 1 and large disagreement between "
      + "theory and simulation. Exit codes as for `run`."
  )

  @Argument(help: "The script (`-` reads standard input).")
  var file: String

  @Option(help: "Seed for the simulated figures; overrides the script's `seed`.")
  var seed: UInt64?

  @Flag(help: "Only the analytic estimates; do not simulate.")
  var noRun = false

  @Option(help: "Colour: auto (only on a terminal), always, never.")
  var color: ColorChoice = .auto

  mutating func run() throws {
    let loaded = loadScripts([file])
    guard let script = loaded.files.first else { throw loaded.status.exitCode }
    let checked = Runner.check(script, seed: seed)
    Terminal.err(
      Runner.render(checked.diagnostics, in: script, color: color.enabled(forFileDescriptor: 2)))
    guard let scenario = checked.scenario, !checked.hasErrors else {
      throw ExitStatus.invalidInput.exitCode
    }
    let result = noRun ? nil : Runner.run(script, seed: seed).result
    Terminal.out(
      AnalysisReport.render(
        scenario, result: result, color: color.enabled(forFileDescriptor: 1),
        width: Terminal.width))
  }
}
