import Foundation

/// Checks documents on a thread of its own, so a large document's diagnostics never hold up
/// completion or hover. Only the newest version of each document waits: a version replaced
/// before its turn is never checked.
final class DiagnosticsWorker: @unchecked Sendable {
  private enum Job {
    case check(TextDocument)
    case clear(String)
  }

  private let condition = NSCondition()
  private var jobs: [(uri: String, job: Job)] = []
  private let publish: @Sendable (JSONValue) -> Void

  /// `publish` is called on the worker's thread with each notification.
  init(publish: @escaping @Sendable (JSONValue) -> Void) {
    self.publish = publish
    let thread = Thread { [self] in run() }
    thread.stackSize = 8 * 1024 * 1024
    thread.start()
  }

  func check(_ document: TextDocument) { submit(document.uri, .check(document)) }

  func clear(_ uri: String) { submit(uri, .clear(uri)) }

  private func submit(_ uri: String, _ job: Job) {
    condition.lock()
    jobs.removeAll { $0.uri == uri }
    jobs.append((uri, job))
    condition.signal()
    condition.unlock()
  }

  private func run() {
    while true {
      condition.lock()
      while jobs.isEmpty { condition.wait() }
      let (_, job) = jobs.removeFirst()
      condition.unlock()
      switch job {
      case .check(let document): publish(LanguageServer.diagnosticsNotification(document))
      case .clear(let uri): publish(LanguageServer.clearedDiagnostics(uri))
      }
    }
  }
}
