import Testing

@testable import ScaleLSP

@Test func aQueuedRequestCancelledBeforeItRunsIsMarked() {
  let inbox = Inbox()
  inbox.push(.request(id: .int(1), method: "textDocument/hover", params: nil))
  inbox.push(.request(id: .int(2), method: "textDocument/hover", params: nil))
  inbox.cancel(.int(1))
  inbox.close()
  #expect(inbox.pop()?.cancelled == true)
  #expect(inbox.pop()?.cancelled == false)
  #expect(inbox.pop() == nil)
  #expect(
    LanguageServer.cancelled(.int(1))["error"]?["code"]
      == .int(ErrorCode.requestCancelled.rawValue))
}

@Test func notificationsAreNeverCancelled() {
  let inbox = Inbox()
  inbox.push(.notification(method: "initialized", params: nil))
  inbox.cancel(.int(1))
  #expect(inbox.pop()?.cancelled == false)
}
