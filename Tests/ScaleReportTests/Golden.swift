import Foundation
import Testing

/// Golden-file comparison. Files live in Tests/ScaleReportTests/Golden/ (copied into the
/// test bundle); `SCALE_UPDATE_GOLDEN=1 swift test …` rewrites them in the source tree.
enum Golden {
  static var sourceDirectory: URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
  }

  static func check(
    _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let sourceFile = sourceDirectory.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["SCALE_UPDATE_GOLDEN"] == "1" {
      do {
        try actual.write(to: sourceFile, atomically: true, encoding: .utf8)
      } catch {
        Issue.record("could not write \(name): \(error)", sourceLocation: sourceLocation)
      }
      return
    }
    let bundled = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Golden")
    guard
      let url = bundled
        ?? (FileManager.default.fileExists(atPath: sourceFile.path) ? sourceFile : nil),
      let expected = try? String(contentsOf: url, encoding: .utf8)
    else {
      Issue.record(
        "missing golden file \(name); run with SCALE_UPDATE_GOLDEN=1",
        sourceLocation: sourceLocation)
      return
    }
    if expected != actual {
      let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
      let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
      var first = 0
      while first < Swift.min(expectedLines.count, actualLines.count)
        && expectedLines[first] == actualLines[first]
      {
        first += 1
      }
      let want = first < expectedLines.count ? String(expectedLines[first]) : "<end>"
      let got = first < actualLines.count ? String(actualLines[first]) : "<end>"
      Issue.record(
        "\(name) differs at line \(first + 1):\n  expected: \(want)\n  actual:   \(got)",
        sourceLocation: sourceLocation)
    }
  }
}
