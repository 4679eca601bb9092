import Foundation
import Testing

@testable import ScaleREPL

@Test func resolvesTheHistoryPathInOrder() {
  let all = ["SCALE_HISTORY": "/h/env", "XDG_STATE_HOME": "/state", "HOME": "/home/u"]
  #expect(HistoryStore.resolvePath(option: "/opt", environment: all) == "/opt")
  #expect(HistoryStore.resolvePath(option: nil, environment: all) == "/h/env")
  #expect(
    HistoryStore.resolvePath(
      option: nil, environment: ["XDG_STATE_HOME": "/state", "HOME": "/home/u"])
      == "/state/scale/history")
  #expect(
    HistoryStore.resolvePath(option: nil, environment: ["XDG_STATE_HOME": "", "HOME": "/home/u"])
      == "/home/u/.local/state/scale/history")
  #expect(HistoryStore.resolvePath(option: nil, environment: [:]) == nil)
}

func temporaryPath() -> String {
  FileManager.default.temporaryDirectory
    .appendingPathComponent("scale-history-\(UUID().uuidString)/sub/history").path
}

@Test func savesAppendsAndKeepsTheLastLines() throws {
  let path = temporaryPath()
  defer {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
  }
  var first = HistoryStore(path: path, limit: 3)
  #expect(first.load() == [])
  first.record("server a")
  first.record("   ")
  first.record("server b")
  try first.save()
  #expect(first.sessionLines == [])
  #expect(try String(contentsOfFile: path, encoding: .utf8) == "server a\nserver b\n")

  var second = HistoryStore(path: path, limit: 3)
  #expect(second.load() == ["server a", "server b"])
  second.record("server c")
  second.record("server d")
  try second.save()
  #expect(second.load() == ["server b", "server c", "server d"])
}
