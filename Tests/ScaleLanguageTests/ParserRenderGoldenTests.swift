import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

/// Every diagnostic of a malformed file, rendered as `scale check` prints it (no colour).
@Test(arguments: Golden.names("render"))
func renderGolden(_ name: String) throws {
  let source = try #require(Golden.read("render", name, "scale"))
  let tree = Parser.parse(source)
  #expect(!tree.diagnostics.isEmpty)
  let text = DiagnosticRenderer.render(
    tree.diagnostics, fileName: "\(name).scale", source: SourceText(source), color: false)
  let errors = tree.diagnostics.filter { $0.severity == .error }.count
  let warnings = tree.diagnostics.filter { $0.severity == .warning }.count
  Golden.check(
    text + "\n" + DiagnosticRenderer.summary(errors: errors, warnings: warnings) + "\n", "render",
    name, "txt")
}
