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

@Test func explore() {
  let sources = [
    "server web-1 cpu 4", "balancer weighted", "cache ttl 60 nodes 3", "shard 4",
    "autoscale 30..70",
    "server web-1 cpu -1", "expect p99.9 < 1s", "server web-1 cpu 4ms", "cache ttl 60 rps",
    "traffic 2000rps", "server web-1 cpu 2.5", "cache tll 60",
  ]
  for s in sources {
    let r = Frontend.compile(s)
    print("== \(s)\n\(CheckHarness.render(r.diagnostics))\n\(r.scenario.map { "\($0)" } ?? "nil")")
  }
}
