import ArgumentParser
import Foundation
import ScaleKit
import ScaleModel

enum SweepOutput: String, ExpressibleByArgument, CaseIterable {
  case table, csv, html
}

/// Options shared by `sweep` and `capacity`.
struct SweepOptions: ParsableArguments {
  @Argument(help: "The script.")
  var file: String

  @Option(
    help: ArgumentHelp(
      "The parameter and its range: servers, rps, cache-nodes, ttl, replicas, shards, cpu or workers, e.g. `servers=2..10`.",
      valueName: "name=low..high"))
  var vary: String

  @Option(help: "Distance between values (default 1 for counts, else 10 points).")
  var step: Double?

  @Option(help: "Seed for every run; overrides the script's `seed`.")
  var seed: UInt64?

  /// The checked scenario and the range, or the exit status to leave with.
  func prepare() -> Result<(Scenario, SweepRange), ExitStatusError> {
    let loaded = loadScripts([file])
    guard let script = loaded.files.first else { return .failure(ExitStatusError(loaded.status)) }
    let checked = Runner.check(script, seed: seed)
    Terminal.err(Runner.render(checked.diagnostics, in: script, color: false))
    guard let scenario = checked.scenario, !checked.hasErrors else {
      return .failure(ExitStatusError(.invalidInput))
    }
    do {
      return .success((scenario, try SweepRange(parsing: vary, step: step)))
    } catch {
      Terminal.err("scale: error: \(error.description)\n")
      return .failure(ExitStatusError(.usage))
    }
  }
}

struct ExitStatusError: Error {
  var status: ExitStatus
  init(_ status: ExitStatus) { self.status = status }
}

struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run a script at every value of a parameter, on every core, and tabulate.",
    discussion: """
      Same seed, same table. Large sweeps split over a batch system with --shard I/N \
      (1-based) or --shard env[/N] (the index from Kubernetes indexed Jobs' \
      JOB_COMPLETION_INDEX or Slurm's SLURM_ARRAY_TASK_ID); `scale merge` joins the \
      shards' CSVs into the unsharded table.
      """
  )

  @OptionGroup var options: SweepOptions

  @Option(help: "Only this shard's points: I/N or env[/N].")
  var shard: String?

  @Option(
    help:
      "table (for people), csv (for merging and spreadsheets) or html (charts against the parameter with the expect bounds)."
  )
  var format: SweepOutput = .table

  mutating func run() throws {
    let (scenario, range): (Scenario, SweepRange)
    switch options.prepare() {
    case .success(let prepared): (scenario, range) = prepared
    case .failure(let error): throw error.status.exitCode
    }
    var part: SweepShard?
    if let shard {
      do {
        part = try SweepShard(parsing: shard, environment: ProcessInfo.processInfo.environment)
      } catch {
        Terminal.err("scale: error: \(error.description)\n")
        throw ExitStatus.usage.exitCode
      }
    }
    StopSignal.install()
    defer { StopSignal.uninstall() }
    let rows: [SweepRow]
    do {
      rows = try Sweep.run(
        scenario, range: range, shard: part, shouldStop: { StopSignal.isRequested },
        progress: ProgressBar.forPoints(label: options.file))
    } catch {
      Terminal.err("scale: error: \(error.description)\n")
      throw ExitStatus.usage.exitCode
    }
    if Terminal.stderrIsTerminal { Terminal.err(ProgressBar.clear) }
    switch format {
    case .table: Terminal.out(Sweep.table(rows, parameter: range.parameter))
    case .csv: Terminal.out(Sweep.csv(rows, parameter: range.parameter))
    case .html:
      Terminal.out(
        Sweep.html(rows, parameter: range.parameter, scenario: scenario, fileName: options.file))
    }
    if StopSignal.isRequested { throw ExitStatus.interrupted.exitCode }
  }
}

struct CapacityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "capacity",
    abstract: "Find the smallest value of a parameter at which every `expect` holds.",
    discussion: """
      E.g. `scale capacity shop.scale --vary servers=1..20` prints the fewest servers \
      that meet the script's expectations, and the table behind the answer. Exit 0 when \
      a value was found, 1 when none in the range works.
      """
  )

  @OptionGroup var options: SweepOptions

  @Option(
    help: "table (for people), csv, or html (charts against the parameter, the answer marked).")
  var format: SweepOutput = .table

  mutating func run() throws {
    let (scenario, range): (Scenario, SweepRange)
    switch options.prepare() {
    case .success(let prepared): (scenario, range) = prepared
    case .failure(let error): throw error.status.exitCode
    }
    StopSignal.install()
    defer { StopSignal.uninstall() }
    let found: (answer: Double?, rows: [SweepRow])
    do {
      found = try Sweep.capacity(
        scenario, range: range, shouldStop: { StopSignal.isRequested },
        progress: ProgressBar.forPoints(label: options.file))
    } catch {
      Terminal.err("scale: error: \(error.description)\n")
      throw ExitStatus.usage.exitCode
    }
    if Terminal.stderrIsTerminal { Terminal.err(ProgressBar.clear) }
    switch format {
    case .table: Terminal.out(Sweep.table(found.rows, parameter: range.parameter))
    case .csv: Terminal.out(Sweep.csv(found.rows, parameter: range.parameter))
    case .html:
      Terminal.out(
        Sweep.html(
          found.rows, parameter: range.parameter, scenario: scenario, fileName: options.file,
          answer: .some(found.answer)))
      if found.answer == nil { throw ExitStatus.expectationFailed.exitCode }
      return
    }
    if let answer = found.answer {
      Terminal.out(
        "\nsmallest \(range.parameter.rawValue) meeting every expect: \(Sweep.number(answer))\n")
    } else {
      Terminal.out("\nno \(range.parameter.rawValue) in \(options.vary) meets every expect\n")
      throw ExitStatus.expectationFailed.exitCode
    }
  }
}

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge the CSV outputs of a sharded sweep into one table, ordered by point."
  )

  @Argument(help: "CSV files written by `scale sweep --format csv --shard …`.")
  var files: [String]

  mutating func run() throws {
    var inputs: [String] = []
    for file in files {
      guard let data = FileManager.default.contents(atPath: file) else {
        Terminal.err("scale: error: cannot read `\(file)`\n")
        throw ExitStatus.ioError.exitCode
      }
      inputs.append(String(decoding: data, as: UTF8.self))
    }
    do {
      Terminal.out(try Sweep.merge(inputs))
    } catch {
      Terminal.err("scale: error: \(error.description)\n")
      throw ExitStatus.invalidInput.exitCode
    }
  }
}
