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

/// Issue 10 item 17: two REPLs sharing the file lose no line (O_APPEND under flock).
@Test func twoWritersAtOnceLoseNoLines() throws {
  let path = temporaryPath()
  defer {
    try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent)
  }
  DispatchQueue.concurrentPerform(iterations: 2) { writer in
    var store = HistoryStore(path: path, limit: 10_000)
    for i in 0..<150 {
      store.record("writer \(writer) line \(i)")
      try? store.save()
    }
  }
  let lines = HistoryStore(path: path, limit: 10_000).load()
  #expect(lines.count == 300)
  #expect(Set(lines).count == 300)
}

@Test func historyIsPrivateAndKeepsASymlink() throws {
  let path = temporaryPath()
  let folder = (path as NSString).deletingLastPathComponent
  defer { try? FileManager.default.removeItem(atPath: folder) }
  var store = HistoryStore(path: path, limit: 2)
  store.record("server a")
  try store.save()
  let attributes = try FileManager.default.attributesOfItem(atPath: path)
  #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

  let link = folder + "/link"
  try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: path)
  var linked = HistoryStore(path: link, limit: 2)
  linked.record("server b")
  linked.record("server c")
  try linked.save()  // trims to 2 lines: rewrites the target, not the link
  #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == path)
  #expect(HistoryStore(path: path, limit: 2).load() == ["server b", "server c"])
  let after = try FileManager.default.attributesOfItem(atPath: path)
  #expect((after[.posixPermissions] as? NSNumber)?.intValue == 0o600)
}
