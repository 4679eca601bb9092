import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Messages read but not yet handled, and the ids the client cancelled. The reader thread
/// fills it; the server's thread empties it.
final class Inbox: @unchecked Sendable {
  private let condition = NSCondition()
  private var messages: [IncomingMessage] = []
  private var head = 0
  private var cancelled: Set<RequestID> = []
  private var closed = false

  func push(_ message: IncomingMessage) {
    condition.lock()
    messages.append(message)
    condition.signal()
    condition.unlock()
  }

  /// `$/cancelRequest`: remembered until the request is taken (a request already answered
  /// is not affected, as the spec allows).
  func cancel(_ id: RequestID) {
    condition.lock()
    // Ids of requests answered before their cancel arrived stay here; bound the set.
    if cancelled.count >= 10_000 { cancelled.removeAll() }
    cancelled.insert(id)
    condition.unlock()
  }

  /// The input ended.
  func close() {
    condition.lock()
    closed = true
    condition.signal()
    condition.unlock()
  }

  var isEmpty: Bool {
    condition.lock()
    defer { condition.unlock() }
    return head == messages.count
  }

  /// The next message and whether it was cancelled; nil once the input ended and every
  /// message was taken.
  func pop() -> (message: IncomingMessage, cancelled: Bool)? {
    condition.lock()
    defer { condition.unlock() }
    while head == messages.count && !closed { condition.wait() }
    guard head < messages.count else { return nil }
    let message = messages[head]
    head += 1
    if head > 1024, head * 2 > messages.count {
      messages.removeFirst(head)
      head = 0
    }
    var wasCancelled = false
    if case .request(let id, _, _) = message { wasCancelled = cancelled.remove(id) != nil }
    return (message, wasCancelled)
  }
}

/// Runs a ``LanguageServer`` over standard input and output. A reader thread reads and parses
/// frames (and takes `$/cancelRequest` at once), so the server never waits on the pipe and a
/// cancelled request still queued is answered RequestCancelled without running. Diagnostics
/// are handed to a ``DiagnosticsWorker`` when no message is waiting, so a burst of edits is
/// checked once and a large document's check never delays other requests.
public enum StdioTransport {
  /// Serves until `exit` or the end of input; returns the exit code (0 after a `shutdown`).
  public static func run() -> Int32 {
    signal(SIGPIPE, SIG_IGN)
    let inbox = Inbox()
    let reader = Thread {
      readLoop(into: inbox)
    }
    reader.stackSize = 8 * 1024 * 1024
    reader.start()
    let server = LanguageServer(log: log)
    let worker = DiagnosticsWorker { send([$0]) }
    while true {
      if server.hasPendingDiagnostics && inbox.isEmpty {
        let (changed, closed) = server.takeStale()
        closed.forEach(worker.clear)
        changed.forEach(worker.check)
        continue
      }
      guard let (message, cancelled) = inbox.pop() else { break }
      if cancelled, case .request(let id, _, _) = message {
        send([LanguageServer.cancelled(id)])
        continue
      }
      send(server.handle(message))
      if let code = server.exitCode { return code }
    }
    return server.isShutDown ? 0 : 1
  }

  static func readLoop(into inbox: Inbox) {
    var frames = FrameReader()
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      frames.append(buffer[0..<count])
      while let frame = frames.next() {
        switch frame {
        case .message(let body):
          let message = IncomingMessage.parse(body)
          if case .notification("$/cancelRequest", let params) = message {
            if let id = RequestID(params?["id"]) { inbox.cancel(id) }
          } else {
            inbox.push(message)
          }
        case .invalidHeader(let reason):
          log("scale lsp: \(reason)")
          inbox.push(.invalid(id: nil, code: .parseError, message: reason))
        }
      }
    }
    inbox.close()
  }

  private static let outputLock = NSLock()

  /// Writes framed messages to standard output, whole messages at a time from either thread
  /// (a closed pipe is ignored: the client left).
  static func send(_ messages: [JSONValue]) {
    for message in messages {
      let frame = FrameWriter.frame(message.serialized)
      outputLock.lock()
      writeAll(frame, to: 1)
      outputLock.unlock()
    }
  }

  /// A line on standard error (the client shows it as the server's log).
  static func log(_ text: String) {
    writeAll(Array((text + "\n").utf8), to: 2)
  }

  private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) {
    bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let written = write(descriptor, raw.baseAddress.map { $0 + offset }, raw.count - offset)
        if written < 0 && errno == EINTR { continue }
        guard written > 0 else { return }
        offset += written
      }
    }
  }
}
