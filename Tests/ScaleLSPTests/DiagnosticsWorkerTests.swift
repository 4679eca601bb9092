import Foundation
import Testing

@testable import ScaleLSP

/// What the worker published, in order.
final class Published: @unchecked Sendable {
  private let lock = NSLock()
  private var messages: [JSONValue] = []
  let arrived = DispatchSemaphore(value: 0)

  func append(_ message: JSONValue) {
    lock.lock()
    messages.append(message)
    lock.unlock()
    arrived.signal()
  }

  var all: [JSONValue] {
    lock.lock()
    defer { lock.unlock() }
    return messages
  }
}

@Test func theWorkerPublishesChecksAndClearsInOrder() {
  let published = Published()
  let worker = DiagnosticsWorker { published.append($0) }
  worker.check(TextDocument(uri: "a", version: 3, text: "sever web\n"))
  published.arrived.wait()  // no deadline: only the order matters, not the speed
  worker.clear("a")
  published.arrived.wait()
  let messages = published.all
  #expect(messages.count == 2)
  #expect(messages.first?["params"]?["version"] == 3)
  #expect(messages.first?["params"]?["diagnostics"]?.arrayValue?.first?["code"] == "E0200")
  #expect(messages.last?["params"]?["diagnostics"] == [])
}
