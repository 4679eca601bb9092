import Foundation
import ScaleKit
import Testing

/// Issue 10 item 17: `fmt`, `.save` and the history write through symlinks and keep modes.
@Suite struct FileReplacerTests {
  let dir: URL
  init() throws {
    dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "scale-replace-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
  }

  func mode(_ path: String) throws -> Int {
    let attributes = try FileManager.default.attributesOfItem(atPath: path)
    return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
  }

  @Test func writesThroughASymlinkAndKeepsTheMode() throws {
    let target = dir.appendingPathComponent("real.scale").path
    let link = dir.appendingPathComponent("link.scale").path
    try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.scale")
    try FileReplacer.replace(link, with: "new\n")
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == "real.scale")
    #expect(try String(contentsOfFile: target, encoding: .utf8) == "new\n")
    #expect(try mode(target) == 0o640)
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path)
    #expect(leftovers.sorted() == ["link.scale", "real.scale"])
  }

  @Test func aNewFileGetsTheRequestedMode() throws {
    let path = dir.appendingPathComponent("new").path
    try FileReplacer.replace(path, with: "x\n", newFileMode: 0o600)
    #expect(try mode(path) == 0o600)
  }

  @Test func anUnwritableFolderIsAnError() {
    #expect(throws: FileReplacer.Failure.self) {
      try FileReplacer.replace("/nonexistent-folder/x.scale", with: "x\n")
    }
  }
}
