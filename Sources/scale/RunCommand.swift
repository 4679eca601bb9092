import ArgumentParser
import Foundation
import ScaleKit
import ScaleModel
import ScaleReport

enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json, junit, csv, html
}

struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Simulate scripts and report what happened and which `expect`s hold.",
    discussion: """
      Exit 0 when every `expect` holds, 1 when one fails, 2 when a script is invalid, \
      3 when an `expect` is inconclusive, 130 when interrupted (the partial report is \
      printed). With several files and --format json the output is a JSON array.
      """
  )

  @Argument(help: "Scripts to run (`-` reads standard input).")
  var files: [String]

  @Option(help: "Seed for every random choice; overrides the script's `seed`.")
  var seed: UInt64?

  @Option(
    help:
      "Report format on standard output: text, json, junit, csv (time series), html (one self-contained page)."
  )
  var format: ReportFormat = .text

  @Option(
    help: ArgumentHelp(
      "Also write every format into this directory (NAME.txt, NAME.json, NAME.junit.xml, NAME.timeseries.csv, NAME.components.csv, NAME.html).",
      valueName: "dir"))
  var out: String?

  @Option(
    help: ArgumentHelp(
      "Run each script this many times with independent seeds and decide each `expect` with its confidence interval (default confidence 95%)."
    ))
  var replications: Int = 1

  @Flag(help: "Narrate what happened and why (teaching mode).")
  var explain = false

  @Option(help: "Colour: auto (only on a terminal), always, never.")
  var color: ColorChoice = .auto

  mutating func validate() throws {
    guard (1...1000).contains(replications) else {
      throw ValidationError("--replications must be between 1 and 1000")
    }
  }

  mutating func run() throws {
    if replications > 1 { return try runReplications() }
    let loaded = loadScripts(files)
    var statuses = [loaded.status]
    var finished: [(file: ScriptFile, scenario: Scenario, result: RunResult)] = []
    let useColor = color.enabled(forFileDescriptor: 1)
    let diagnosticsColor = color.enabled(forFileDescriptor: 2)
    let showProgress = Terminal.stderrIsTerminal && format == .text
    StopSignal.install()
    defer { StopSignal.uninstall() }
    for file in loaded.files {
      let progress: ((Double) -> Void)? =
        showProgress ? { share in Terminal.err(ProgressBar.line(share, label: file.name)) } : nil
      let outcome = Runner.run(
        file, seed: seed, shouldStop: { StopSignal.isRequested }, progress: progress)
      if showProgress { Terminal.err(ProgressBar.clear) }
      Terminal.err(Runner.render(outcome.diagnostics, in: file, color: diagnosticsColor))
      statuses.append(outcome.exitStatus)
      guard let result = outcome.result, let scenario = outcome.scenario else { continue }
      finished.append((file, scenario, result))
      if format == .text {
        Terminal.out(
          TextReport.render(
            result, scenario: scenario, fileName: file.name, color: useColor, width: Terminal.width)
        )
        if explain { Terminal.out("\n" + Explain.narrate(result)) }
      }
      if result.interrupted { break }
    }
    switch format {
    case .text: break
    case .json:
      let documents = finished.map {
        JSONReport.render($0.result, scenario: $0.scenario, fileName: $0.file.name)
      }
      Terminal.out(
        (documents.count == 1 ? documents[0] : "[\n" + documents.joined(separator: ",\n") + "\n]")
          + "\n")
    case .junit:
      Terminal.out(JUnitReport.render(results: finished.map { ($0.file.name, $0.result) }))
    case .csv:
      for run in finished { Terminal.out(CSVReport.timeSeries(run.result)) }
    case .html:
      for run in finished {
        Terminal.out(HTMLReport.render(run.result, scenario: run.scenario, fileName: run.file.name))
      }
    }
    if let out {
      statuses.append(write(finished, into: out))
    }
    let status = ExitStatus.combined(statuses)
    if status != .success { throw status.exitCode }
  }

  /// Each script `replications` times; verdicts from confidence intervals.
  private func runReplications() throws {
    let loaded = loadScripts(files)
    var statuses = [loaded.status]
    StopSignal.install()
    defer { StopSignal.uninstall() }
    for file in loaded.files {
      let checked = Runner.check(file, seed: seed)
      Terminal.err(Runner.render(checked.diagnostics, in: file, color: false))
      guard let scenario = checked.scenario, !checked.hasErrors else {
        statuses.append(.invalidInput)
        continue
      }
      let results = Replications.run(
        scenario, count: replications, shouldStop: { StopSignal.isRequested })
      let verdicts = Replications.verdicts(results, expectations: scenario.expectations)
      if format == .html, let first = results.first {
        let replicated = HTMLReport.Replicated(runs: results.count, verdicts: verdicts)
        Terminal.out(
          HTMLReport.render(first, scenario: scenario, fileName: file.name, replicated: replicated))
      } else {
        Terminal.out(ReplicationReport.render(file.name, results: results, verdicts: verdicts))
      }
      if StopSignal.isRequested {
        statuses.append(.interrupted)
      } else if verdicts.contains(where: { $0.outcome == .fail }) {
        statuses.append(.expectationFailed)
      } else if verdicts.contains(where: { $0.outcome == .inconclusive }) {
        statuses.append(.inconclusive)
      }
    }
    let status = ExitStatus.combined(statuses)
    if status != .success { throw status.exitCode }
  }

  /// Every format for every run, as files named after the script.
  private func write(
    _ runs: [(file: ScriptFile, scenario: Scenario, result: RunResult)], into directory: String
  ) -> ExitStatus {
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      for run in runs {
        let base = URL(fileURLWithPath: run.file.name).deletingPathExtension().lastPathComponent
        let stem = URL(fileURLWithPath: directory).appendingPathComponent(base).path
        let outputs: [(String, String)] = [
          (
            ".txt",
            TextReport.render(
              run.result, scenario: run.scenario, fileName: run.file.name, color: false,
              width: 100)
          ),
          (
            ".json",
            JSONReport.render(run.result, scenario: run.scenario, fileName: run.file.name) + "\n"
          ),
          (".junit.xml", JUnitReport.render(results: [(run.file.name, run.result)])),
          (".timeseries.csv", CSVReport.timeSeries(run.result)),
          (".components.csv", CSVReport.components(run.result)),
          (".html", HTMLReport.render(run.result, scenario: run.scenario, fileName: run.file.name)),
        ]
        for (suffix, text) in outputs {
          try text.write(toFile: stem + suffix, atomically: true, encoding: .utf8)
        }
      }
      return .success
    } catch {
      Terminal.err(
        "scale: error: cannot write into `\(directory)`: \(error.localizedDescription)\n")
      return .ioError
    }
  }
}
