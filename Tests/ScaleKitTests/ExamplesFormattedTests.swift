import Foundation
import ScaleKit
import Testing

/// Every bundled script is in the canonical layout, so `scale fmt --check examples` is a
/// clean CI gate and students copy well-formatted code.
@Test func everyExampleIsFormatted() throws {
  let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  let folders = ["examples", "examples/exercises"].map { root.appendingPathComponent($0) }
  var seen = 0
  for folder in folders {
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    for name in names where name.hasSuffix(".scale") {
      let file = try ScriptFile.load(path: folder.appendingPathComponent(name).path)
      let outcome = Runner.format(file)
      #expect(!outcome.hasErrors, "\(name) parses")
      #expect(outcome.isFormatted, "\(name) is formatted")
      seen += 1
    }
  }
  #expect(seen >= 20)
}
