import ArgumentParser
import Foundation
import ScaleDiagnostics
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
      "Also write every format into this directory, before standard output (NAME.txt, NAME.json, NAME.junit.xml, NAME.timeseries.csv, NAME.components.csv, NAME.html; with --replications NAME.replications.csv). NAME is the script's base name, `stdin` for `-`, with -2, -3… when two inputs share one.",
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

  /// One finished run, with the base name of its `--out` files.
  private typealias Finished = (file: ScriptFile, scenario: Scenario, result: RunResult)

  mutating func run() throws {
    let loaded = loadScripts(files)
    var statuses = [loaded.status]
    var suites = loaded.failures.map {
      JUnitReport.Suite.invalid(fileName: $0.path, message: "unreadable", diagnostics: $0.reason)
    }
    if replications > 1 { return try runReplications(loaded, statuses: statuses, suites: suites) }
    var finished: [Finished] = []
    let useColor = color.enabled(forFileDescriptor: 1)
    let diagnosticsColor = color.enabled(forFileDescriptor: 2)
    let showProgress = Terminal.stderrIsTerminal && format == .text
    // With --out the files are written before anything goes to standard output, so a reader
    // that stops early (`| head`) cannot lose them; without it text streams per script.
    var text = OutputBuffer(streaming: out == nil)
    StopSignal.install()
    defer { StopSignal.uninstall() }
    for file in loaded.files {
      let progress: ((Double) -> Void)? =
        showProgress ? { share in Terminal.err(ProgressBar.line(share, label: file.name)) } : nil
      guard
        let checked = Runner.checkInterruptibly(
          file, seed: seed, shouldStop: { StopSignal.isRequested })
      else {
        statuses.append(.interrupted)
        break
      }
      let outcome = Runner.run(
        checked, shouldStop: { StopSignal.isRequested }, progress: progress)
      if showProgress { Terminal.err(ProgressBar.clear) }
      Terminal.err(Runner.render(outcome.diagnostics, in: file, color: diagnosticsColor))
      statuses.append(outcome.exitStatus)
      guard let result = outcome.result, let scenario = outcome.scenario else {
        suites.append(Self.invalidSuite(file, outcome.diagnostics))
        continue
      }
      finished.append((file, scenario, result))
      suites.append(JUnitReport.Suite(fileName: file.name, result: result))
      if format == .text {
        let width = Terminal.width
        text.add(
          TextReport.render(
            result, scenario: scenario, fileName: file.name, color: useColor, width: width,
            narration: explain ? Explain.narrate(result, width: width - 2) : nil))
      }
      if result.interrupted { break }
    }
    if let out {
      statuses.append(write(finished, into: out))
    }
    switch format {
    case .text: text.flush()
    case .json:
      let documents = finished.map {
        JSONReport.render($0.result, scenario: $0.scenario, fileName: $0.file.name)
      }
      Terminal.out(
        (documents.count == 1 ? documents[0] : "[\n" + documents.joined(separator: ",\n") + "\n]")
          + "\n")
    case .junit:
      Terminal.out(JUnitReport.render(suites: suites))
    case .csv:
      for run in finished { Terminal.out(CSVReport.timeSeries(run.result)) }
    case .html:
      for run in finished {
        Terminal.out(HTMLReport.render(run.result, scenario: run.scenario, fileName: run.file.name))
      }
    }
    let status = ExitStatus.combined(statuses)
    if status != .success { throw status.exitCode }
  }

  /// The JUnit suite of a script that did not run: its diagnostics as an `<error>`.
  private static func invalidSuite(_ file: ScriptFile, _ diagnostics: [Diagnostic])
    -> JUnitReport.Suite
  {
    let errors = diagnostics.filter { $0.severity == .error }.count
    let warnings = diagnostics.filter { $0.severity == .warning }.count
    return .invalid(
      fileName: file.name,
      message: "invalid script: " + DiagnosticRenderer.summary(errors: errors, warnings: warnings),
      diagnostics: Runner.render(diagnostics, in: file, color: false))
  }

  /// Each script `replications` times; verdicts from confidence intervals. Every format
  /// and `--out` work as for a single run (docs/report-formats.md, "Replications").
  private func runReplications(
    _ loaded: LoadedScripts, statuses initial: [ExitStatus],
    suites initialSuites: [JUnitReport.Suite]
  ) throws {
    var statuses = initial
    var suites = initialSuites
    var runs: [ReplicatedRun] = []
    var text = OutputBuffer(streaming: out == nil)
    StopSignal.install()
    defer { StopSignal.uninstall() }
    for file in loaded.files {
      guard
        let checked = Runner.checkInterruptibly(
          file, seed: seed, shouldStop: { StopSignal.isRequested })
      else {
        statuses.append(.interrupted)
        break
      }
      Terminal.err(Runner.render(checked.diagnostics, in: file, color: false))
      guard let scenario = checked.scenario, !checked.hasErrors else {
        statuses.append(.invalidInput)
        suites.append(Self.invalidSuite(file, checked.diagnostics))
        continue
      }
      let results = Replications.run(
        scenario, count: replications, shouldStop: { StopSignal.isRequested })
      let verdicts = Replications.verdicts(results, expectations: scenario.expectations)
      let run = ReplicationReport.summary(
        file.name, results: results, verdicts: verdicts, interrupted: StopSignal.isRequested)
      runs.append(run)
      suites.append(ReplicationDocuments.junitSuite(run))
      if format == .text { text.add(ReplicationReport.render(run)) }
      if format == .html, let first = results.first {
        let replicated = HTMLReport.Replicated(runs: results.count, verdicts: verdicts)
        text.add(
          HTMLReport.render(first, scenario: scenario, fileName: file.name, replicated: replicated))
      }
      if StopSignal.isRequested {
        statuses.append(.interrupted)
      } else if verdicts.contains(where: { $0.outcome == .fail }) {
        statuses.append(.expectationFailed)
      } else if verdicts.contains(where: { $0.outcome == .inconclusive }) {
        statuses.append(.inconclusive)
      }
      if StopSignal.isRequested { break }
    }
    if let out {
      let names = OutputNames.unique(runs.map(\.fileName))
      var files: [(String, String)] = []
      for (name, run) in zip(names, runs) {
        let suite = ReplicationDocuments.junitSuite(run)
        files.append((name + ".txt", ReplicationReport.render(run)))
        files.append((name + ".json", ReplicationDocuments.json(run)))
        files.append((name + ".junit.xml", JUnitReport.render(suites: [suite])))
        files.append((name + ".replications.csv", ReplicationDocuments.csv(run)))
      }
      statuses.append(Self.write(files, into: out))
    }
    switch format {
    case .text, .html: text.flush()
    case .json: if !runs.isEmpty { Terminal.out(ReplicationDocuments.json(runs)) }
    case .junit: Terminal.out(JUnitReport.render(suites: suites))
    case .csv: for run in runs { Terminal.out(ReplicationDocuments.csv(run)) }
    }
    let status = ExitStatus.combined(statuses)
    if status != .success { throw status.exitCode }
  }

  /// Every format for every run, as files named after the script (`OutputNames`).
  private func write(_ runs: [Finished], into directory: String) -> ExitStatus {
    let names = OutputNames.unique(runs.map(\.file.name))
    let files = zip(names, runs).flatMap { name, run -> [(String, String)] in
      [
        (
          name + ".txt",
          TextReport.render(
            run.result, scenario: run.scenario, fileName: run.file.name, color: false,
            width: 100)
        ),
        (
          name + ".json",
          JSONReport.render(run.result, scenario: run.scenario, fileName: run.file.name) + "\n"
        ),
        (name + ".junit.xml", JUnitReport.render(results: [(run.file.name, run.result)])),
        (name + ".timeseries.csv", CSVReport.timeSeries(run.result)),
        (name + ".components.csv", CSVReport.components(run.result)),
        (
          name + ".html",
          HTMLReport.render(run.result, scenario: run.scenario, fileName: run.file.name)
        ),
      ]
    }
    return Self.write(files, into: directory)
  }

  /// Writes `(file name, text)` pairs into `directory` (created when missing).
  private static func write(_ files: [(String, String)], into directory: String) -> ExitStatus {
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: directory, withIntermediateDirectories: true)
      for (name, text) in files {
        let path = URL(fileURLWithPath: directory).appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
      }
      return .success
    } catch {
      Terminal.err(
        "scale: error: cannot write into `\(directory)`: \(error.localizedDescription)\n")
      return .ioError
    }
  }
}

/// Standard output text, streamed at once or held until `flush()`.
private struct OutputBuffer {
  let streaming: Bool
  private var held = ""
  init(streaming: Bool) { self.streaming = streaming }
  mutating func add(_ text: String) {
    if streaming { Terminal.out(text) } else { held += text }
  }
  mutating func flush() {
    Terminal.out(held)
    held = ""
  }
}
