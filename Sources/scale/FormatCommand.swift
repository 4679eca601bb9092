import ArgumentParser
import Foundation
import ScaleKit

struct FormatCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "fmt",
    abstract: "Rewrite scripts in the canonical layout (comments kept).",
    discussion: """
      Without --check, files are rewritten in place and `-` formats standard input to \
      standard output. With --check nothing is written: a diff is shown for each file that \
      is not formatted and the exit code is 1. Files that do not parse are left untouched \
      (exit 2).
      """
  )

  @Argument(help: "Scripts to format (`-` reads standard input).")
  var files: [String]

  @Flag(help: "Only check: show a diff and exit 1 when a file is not formatted.")
  var check = false

  @Option(help: "Colour: auto (only on a terminal), always, never.")
  var color: ColorChoice = .auto

  mutating func run() throws {
    let loaded = loadScripts(files)
    var statuses = [loaded.status]
    let useColor = color.enabled(forFileDescriptor: 2)
    for file in loaded.files {
      let outcome = Runner.format(file)
      if outcome.hasErrors {
        Terminal.err(Runner.render(outcome.diagnostics, in: file, color: useColor))
        statuses.append(.invalidInput)
        continue
      }
      if check {
        if !outcome.isFormatted {
          Terminal.out(LineDiff.unified(old: file.source, new: outcome.formatted, name: file.name))
          statuses.append(.expectationFailed)
        }
      } else if file.name == ScriptFile.standardInputName {
        Terminal.out(outcome.formatted)
      } else if !outcome.isFormatted {
        do {
          try FileReplacer.replace(file.name, with: outcome.formatted)
        } catch {
          Terminal.err("scale: error: \(error.description)\n")
          statuses.append(.ioError)
        }
      }
    }
    let status = ExitStatus.combined(statuses)
    if status != .success { throw status.exitCode }
  }
}
