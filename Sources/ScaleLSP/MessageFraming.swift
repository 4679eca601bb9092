/// JSON-RPC framing over a byte stream, as LSP's base protocol defines it: each message is a
/// header (`Content-Length: N`, optionally `Content-Type`, lines ending in `\r\n`, then an empty
/// line) followed by N bytes of JSON.
///
/// `FrameReader` is fed bytes as they arrive and hands out whole message bodies. A header
/// without a usable `Content-Length` is reported and skipped; a body larger than
/// ``FrameReader/maximumBodySize`` is reported and its bytes are discarded as they come, so
/// no input makes the server allocate without bound or lose its place in the stream.
public struct FrameReader: Sendable {
  /// What the reader found next.
  public enum Frame: Sendable, Equatable {
    /// A message body (JSON text, not yet parsed).
    case message([UInt8])
    /// A header the reader could not use (reason for the log); its bytes are skipped.
    case invalidHeader(String)
  }

  /// The largest body accepted (a 10 MB document in JSON, with escapes, fits many times).
  public static let maximumBodySize = 256 * 1024 * 1024
  /// The longest header block accepted before the reader gives up on it.
  public static let maximumHeaderSize = 8 * 1024

  private var buffer: [UInt8] = []
  private var start = 0
  private var discarding = 0

  public init() {}

  /// Adds bytes read from the stream.
  public mutating func append(_ bytes: some Collection<UInt8>) {
    let skipped = min(discarding, bytes.count)
    discarding -= skipped
    buffer.append(contentsOf: bytes.dropFirst(skipped))
  }

  /// The next complete frame, or nil when more bytes are needed.
  public mutating func next() -> Frame? {
    compact()
    guard let headerEnd = findHeaderEnd() else {
      if buffer.count - start > Self.maximumHeaderSize {
        // No blank line in sight: drop what we have up to the last line break.
        buffer.removeAll(keepingCapacity: true)
        start = 0
        return .invalidHeader("header longer than \(Self.maximumHeaderSize) bytes")
      }
      return nil
    }
    let header = String(decoding: buffer[start..<headerEnd], as: UTF8.self)
    let bodyStart = headerEnd + 4
    guard let length = Self.contentLength(in: header) else {
      start = bodyStart
      return .invalidHeader("no valid Content-Length in header `\(header.prefix(80))`")
    }
    if length > Self.maximumBodySize {
      let available = buffer.count - bodyStart
      discarding = max(0, length - available)
      start = length >= available ? buffer.count : bodyStart + length
      return .invalidHeader("message of \(length) bytes is larger than the limit")
    }
    guard buffer.count - bodyStart >= length else { return nil }
    let body = Array(buffer[bodyStart..<(bodyStart + length)])
    start = bodyStart + length
    return .message(body)
  }

  /// The value of `Content-Length` (case-insensitive, as HTTP headers), if valid.
  static func contentLength(in header: String) -> Int? {
    var length: Int?
    for line in header.split(separator: "\r\n", omittingEmptySubsequences: true) {
      guard let colon = line.firstIndex(of: ":") else { return nil }
      let name = line[..<colon].trimmingWhitespace().lowercased()
      let value = line[line.index(after: colon)...].trimmingWhitespace()
      if name == "content-length" {
        guard let number = Int(value), number >= 0 else { return nil }
        length = number
      }
    }
    return length
  }

  /// Index of the `\r\n\r\n` ending the header that starts at `start`.
  private func findHeaderEnd() -> Int? {
    var index = start
    while index + 3 < buffer.count {
      if buffer[index] == 13, buffer[index + 1] == 10, buffer[index + 2] == 13,
        buffer[index + 3] == 10
      {
        return index
      }
      index += 1
    }
    return nil
  }

  /// Drops consumed bytes once they are most of the buffer (amortised O(1) per byte).
  private mutating func compact() {
    if start > 0, start >= buffer.count / 2 {
      buffer.removeFirst(start)
      start = 0
    }
  }
}

/// Frames a message body for the stream.
public enum FrameWriter {
  public static func frame(_ body: String) -> [UInt8] {
    let bytes = Array(body.utf8)
    return Array("Content-Length: \(bytes.count)\r\n\r\n".utf8) + bytes
  }
}

extension Substring {
  func trimmingWhitespace() -> Substring {
    var result = self
    while let first = result.first, first == " " || first == "\t" { result.removeFirst() }
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return result
  }
}
