import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

@Test(arguments: Golden.names("format"))
func formatterGolden(_ name: String) throws {
  let source = try #require(Golden.read("format", name, "scale"))
  let (formatted, diagnostics) = Formatter.format(source: source)
  #expect(diagnostics.isEmpty)
  Golden.check(formatted, "format", name, "formatted")
  // Idempotent, and the canonical text parses to the same tree.
  #expect(Formatter.format(source: formatted).text == formatted)
  #expect(Normalized(Parser.parse(formatted)) == Normalized(Parser.parse(source)))
}

/// Formatting is idempotent on every golden input that parses without errors.
@Test(arguments: ["parser", "format", "render"])
func formattingEveryGoldenIsIdempotent(_ kind: String) throws {
  for name in Golden.names(kind) {
    let source = try #require(Golden.read(kind, name, "scale"))
    let tree = Parser.parse(source)
    let once = Formatter.format(tree)
    let twice = Formatter.format(Parser.parse(once))
    #expect(once == twice, "\(kind)/\(name)")
    if tree.diagnostics.isEmpty {
      #expect(Normalized(Parser.parse(once)) == Normalized(tree), "\(kind)/\(name)")
    }
  }
}
