import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// Helpers shared by the checker's tests.
enum CheckHarness {
  /// One diagnostic per line: `line:col-line:col id severity message | help`.
  static func render(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { d in
      "\(d.range) \(d.id) \(d.severity.rawValue) \(d.message)" + (d.help.map { " | \($0)" } ?? "")
    }
    .joined(separator: "\n")
  }

  static func ids(_ source: String) -> [String] {
    Frontend.compile(source).diagnostics.map(\.id)
  }

  static func errors(_ source: String) -> [String] {
    Frontend.compile(source).diagnostics.filter { $0.severity == .error }.map(\.id)
  }
}
