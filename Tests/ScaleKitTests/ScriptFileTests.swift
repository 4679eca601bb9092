import Foundation
import ScaleKit
import Testing

@Test func missingFileIsAnError() {
  #expect(throws: ScriptFile.LoadError.self) {
    try ScriptFile.load(path: "/nonexistent/nope.scale")
  }
}

@Test func directoryIsAnError() {
  #expect(throws: ScriptFile.LoadError.unreadable(path: "/tmp", reason: "is a directory")) {
    try ScriptFile.load(path: "/tmp")
  }
}

@Test func invalidUTF8IsKeptAsReplacementCharacters() throws {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "scale-bad-\(UUID().uuidString).scale")
  try Data([0x73, 0x65, 0x65, 0x64, 0x20, 0xFF, 0xFE, 0x0A]).write(to: url)
  defer { try? FileManager.default.removeItem(at: url) }
  let file = try ScriptFile.load(path: url.path)
  #expect(file.source.hasPrefix("seed "))
  #expect(file.source.contains("\u{FFFD}"))
}
