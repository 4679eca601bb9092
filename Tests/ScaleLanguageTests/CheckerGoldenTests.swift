import Foundation
import Testing

@testable import ScaleLanguage

/// Golden diagnostics: every `Golden/check/NAME.scale` is compiled and its diagnostics,
/// one per line (`line:col-line:col id severity message | help`), must equal `NAME.diag`.
/// `SCALE_UPDATE_GOLDEN=1 swift test --filter CheckerGolden` rewrites the `.diag` files.
enum CheckGolden {
  static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden/check")

  static var names: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return files.filter { $0.hasSuffix(".scale") }.map { String($0.dropLast(6)) }.sorted()
  }
}

@Test func goldenCheckDirectoryIsNotEmpty() {
  #expect(CheckGolden.names.count >= 20)
}

@Test(arguments: CheckGolden.names)
func goldenCheckDiagnostics(name: String) throws {
  let source = try String(
    contentsOf: CheckGolden.directory.appendingPathComponent(name + ".scale"), encoding: .utf8)
  let actual = CheckHarness.render(Frontend.compile(source).diagnostics) + "\n"
  let expectedURL = CheckGolden.directory.appendingPathComponent(name + ".diag")
  if ProcessInfo.processInfo.environment["SCALE_UPDATE_GOLDEN"] == "1" {
    try actual.write(to: expectedURL, atomically: true, encoding: .utf8)
    return
  }
  let expected = (try? String(contentsOf: expectedURL, encoding: .utf8)) ?? "(missing \(name).diag)"
  #expect(actual == expected, "golden \(name)")
}
