import Foundation
import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

/// Golden files under Tests/ScaleLanguageTests/Golden/<kind>/: `NAME.scale` is the input, the
/// expected output sits beside it. `SCALE_UPDATE_GOLDEN=1 swift test` rewrites the expected
/// files in the source tree instead of comparing.
enum Golden {
  /// The copy bundled with the tests (what they read).
  static let bundled: URL? = Bundle.module.url(forResource: "Golden", withExtension: nil)
  /// The source tree's folder (what an update writes).
  static let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Golden")
  static var updating: Bool { ProcessInfo.processInfo.environment["SCALE_UPDATE_GOLDEN"] == "1" }

  /// The names of the `.scale` inputs of a kind, sorted.
  static func names(_ kind: String) -> [String] {
    guard let folder = bundled?.appendingPathComponent(kind),
      let files = try? FileManager.default.contentsOfDirectory(atPath: folder.path)
    else { return [] }
    return files.filter { $0.hasSuffix(".scale") }.map { String($0.dropLast(".scale".count)) }
      .sorted()
  }

  static func read(_ kind: String, _ name: String, _ ext: String) -> String? {
    guard let url = bundled?.appendingPathComponent(kind).appendingPathComponent("\(name).\(ext)"),
      let data = try? Data(contentsOf: url)
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// Compares `actual` with the expected file, or rewrites it when updating.
  static func check(
    _ actual: String, _ kind: String, _ name: String, _ ext: String,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  ) {
    if updating {
      let url = source.appendingPathComponent(kind).appendingPathComponent("\(name).\(ext)")
      #expect(throws: Never.self) { try Data(actual.utf8).write(to: url) }
      return
    }
    let expected = read(kind, name, ext)
    #expect(
      expected != nil, "missing golden \(kind)/\(name).\(ext)", sourceLocation: sourceLocation)
    #expect(
      actual == expected, "golden \(kind)/\(name).\(ext) differs", sourceLocation: sourceLocation)
  }
}

@Test func goldenFilesArePresent() {
  #expect(Golden.names("parser").count >= 6)
  #expect(Golden.names("format").count >= 4)
  #expect(Golden.names("render").count >= 3)
}

@Test(arguments: Golden.names("parser"))
func parserGolden(_ name: String) throws {
  let source = try #require(Golden.read("parser", name, "scale"))
  Golden.check(Parser.parse(source).dump(), "parser", name, "tree")
}
