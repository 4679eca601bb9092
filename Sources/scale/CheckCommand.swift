import ArgumentParser
import ScaleDiagnostics
import ScaleKit

enum DiagnosticFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Parse and validate scripts without running them.",
    discussion: "Exit 0 when every file is valid (warnings allowed), 2 when one has errors."
  )

  @Argument(help: "Scripts to check (`-` reads standard input).")
  var files: [String]

  @Option(help: "Diagnostics as `text` (for people) or `json` (for editors and CI).")
  var format: DiagnosticFormat = .text

  @Option(help: "Colour: auto (only on a terminal), always, never.")
  var color: ColorChoice = .auto

  mutating func run() throws {
    let loaded = loadScripts(files)
    var statuses = [loaded.status]
    var json: [(fileName: String, diagnostic: Diagnostic)] = []
    var errors = 0
    var warnings = 0
    let useColor = color.enabled(forFileDescriptor: 2)
    for file in loaded.files {
      let outcome = Runner.check(file)
      statuses.append(outcome.exitStatus)
      errors += outcome.diagnostics.filter { $0.severity == .error }.count
      warnings += outcome.diagnostics.filter { $0.severity == .warning }.count
      switch format {
      case .text: Terminal.err(Runner.render(outcome.diagnostics, in: file, color: useColor))
      case .json: json += outcome.diagnostics.map { (file.name, $0) }
      }
    }
    switch format {
    case .text:
      if errors + warnings > 0 {
        Terminal.err(DiagnosticRenderer.summary(errors: errors, warnings: warnings) + "\n")
      }
    case .json:
      Terminal.out(DiagnosticRenderer.renderJSON(json) + "\n")
    }
    let status = ExitStatus.combined(statuses)
    if status != .success { throw status.exitCode }
  }
}
