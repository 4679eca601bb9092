import ArgumentParser
import ScaleKit

@main
struct ScaleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scale",
    abstract: "Describe a system's topology, simulate traffic through it, and check what holds.",
    discussion: """
      Exit codes: 0 success, 1 an `expect` failed (or `fmt --check` found unformatted \
      files), 2 invalid script, 3 inconclusive `expect`, 4 unreadable or unwritable file, \
      64 bad command line, 130 interrupted. See docs/cli.md.
      """,
    version: "0.1.0",
    subcommands: [
      RunCommand.self, CheckCommand.self, FormatCommand.self, GraphCommand.self,
      AnalyzeCommand.self, SweepCommand.self, CapacityCommand.self, MergeCommand.self,
      REPLCommand.self, LSPCommand.self,
    ]
  )

  /// Ignores SIGPIPE and notes closed standard streams before anything is written, so a
  /// closed, full or vanished output is a clean exit 4 (see `Terminal`).
  static func main() {
    Terminal.guardStandardStreams()
    main(nil)
  }
}
