import Testing

@testable import ScaleLSP

@Test func framesArriveWhateverTheChunking() {
  let body = #"{"jsonrpc":"2.0","method":"initialized","params":{}}"#
  let stream = FrameWriter.frame(body) + FrameWriter.frame("[1]")
  var reader = FrameReader()
  var frames: [FrameReader.Frame] = []
  for byte in stream {
    reader.append([byte])
    while let frame = reader.next() { frames.append(frame) }
  }
  #expect(frames == [.message(Array(body.utf8)), .message(Array("[1]".utf8))])
}

@Test func headerNamesAreCaseInsensitiveAndContentTypeIsAccepted() {
  var reader = FrameReader()
  reader.append(
    Array(
      "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}".utf8)
  )
  #expect(reader.next() == .message(Array("{}".utf8)))
  #expect(reader.next() == nil)
}

@Test func aHeaderWithoutLengthIsReportedAndTheNextMessageStillArrives() {
  var reader = FrameReader()
  reader.append(Array("Content-Length: x\r\n\r\n".utf8) + FrameWriter.frame("{}"))
  guard case .invalidHeader = reader.next() else {
    Issue.record("expected an invalid header")
    return
  }
  #expect(reader.next() == .message(Array("{}".utf8)))
}

@Test func anOversizedBodyIsDiscardedNotBuffered() {
  var reader = FrameReader()
  let length = FrameReader.maximumBodySize + 10
  reader.append(Array("Content-Length: \(length)\r\n\r\n".utf8))
  guard case .invalidHeader = reader.next() else {
    Issue.record("expected an invalid header")
    return
  }
  reader.append([UInt8](repeating: 65, count: 10))  // part of the discarded body
  #expect(reader.next() == nil)
}

@Test func malformedJSONIsAParseErrorAndOtherShapesAreInvalidRequests() {
  #expect(
    IncomingMessage.parse(Array("{\"jsonrpc\":".utf8))
      == .invalid(id: nil, code: .parseError, message: "the message is not valid JSON"))
  guard case .invalid(_, .invalidRequest, _) = IncomingMessage.parse(Array("[1,2]".utf8)) else {
    Issue.record("an array is not a request")
    return
  }
  #expect(
    IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","id":"a","method":"x"}"#.utf8))
      == .request(id: .string("a"), method: "x", params: nil))
  #expect(
    IncomingMessage.parse(Array(#"{"jsonrpc":"2.0","method":"x","params":[true]}"#.utf8))
      == .notification(method: "x", params: [true]))
}

@Test func outputIsDeterministicJSON() {
  let message = Outgoing.error(.int(3), .methodNotFound, "unknown method `a\"b`")
  #expect(
    message.serialized
      == #"{"error":{"code":-32601,"message":"unknown method `a\"b`"},"id":3,"jsonrpc":"2.0"}"#)
}

@Test func anAbsurdLengthDoesNotOverflow() {
  var reader = FrameReader()
  reader.append(Array("Content-Length: \(Int.max)\r\n\r\nabc".utf8))
  guard case .invalidHeader = reader.next() else {
    Issue.record("expected an invalid header")
    return
  }
  #expect(reader.next() == nil)
}
