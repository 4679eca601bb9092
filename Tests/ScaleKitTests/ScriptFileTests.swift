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

/// Issue 10 item 21: the limit holds while reading, so endless input stops at the cap.
@Test func endlessInputStopsAtTheLimit() throws {
  let fd = open("/dev/zero", O_RDONLY)
  #expect(fd >= 0)
  defer { close(fd) }
  #expect(throws: ScriptFile.LoadError.tooLarge(path: "zero", bytes: 100_001)) {
    try ScriptFile.readBounded(fd, path: "zero", limit: 100_000)
  }
}

@Test func oversizedFileIsRefusedBeforeReading() throws {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent(
    "scale-huge-\(UUID().uuidString).scale")
  #expect(FileManager.default.createFile(atPath: url.path, contents: nil))
  defer { try? FileManager.default.removeItem(at: url) }
  // A sparse 2 GiB file: refused from its size, without reading (or allocating) it.
  let handle = try FileHandle(forWritingTo: url)
  try handle.truncate(atOffset: 2 << 30)
  try handle.close()
  #expect(throws: ScriptFile.LoadError.tooLarge(path: url.path, bytes: 2 << 30)) {
    try ScriptFile.load(path: url.path)
  }
}

@Test func outputNamesAreUniqueAndStdinIsNamed() {
  #expect(
    OutputNames.unique(["a/shop.scale", "b/shop.scale", "<stdin>", "shop-2.scale", "x/.scale"])
      == ["shop", "shop-2", "stdin", "shop-2-2", ".scale"])
  #expect(OutputNames.base("/") == "script")
}

/// Issue 10 item 21: Ctrl-C during checking is answered (the check runs on its own thread
/// and the wait polls the stop flag); without a stop the outcome is the plain check's.
@Test func checkingStopsWhenAskedAndOtherwiseMatchesCheck() {
  let file = ScriptFile(name: "a.scale", source: "server web cpu 2\ntraffic 10 rps for 1s\n")
  #expect(Runner.checkInterruptibly(file, shouldStop: { true }) == nil)
  let checked = Runner.checkInterruptibly(file, shouldStop: { false })
  #expect(checked?.diagnostics == Runner.check(file).diagnostics)
  #expect(checked?.scenario != nil)
}
