import ArgumentParser
import ScaleLSP

struct LSPCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "lsp",
    abstract: "Run the language server (LSP 3.17 over standard input and output).",
    discussion: """
      For editors: diagnostics as you type, completion, hover, go to definition, references, \
      rename, outline and formatting. See docs/editors.md.
      """
  )

  mutating func run() throws {
    let code = StdioTransport.run()
    if code != 0 { throw ExitCode(code) }
  }
}
