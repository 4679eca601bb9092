import ScaleLanguage
import Testing

@testable import ScaleLSP

/// Drives a server as a client does, without a transport.
final class Client {
  let server = LanguageServer()
  var nextID = 0
  static let uri = "file:///shop.scale"

  init(_ text: String? = nil) {
    _ = request("initialize", [:])
    _ = server.handle(.notification(method: "initialized", params: [:]))
    if let text { open(text) }
  }

  func open(_ text: String, uri: String = Client.uri) {
    _ = server.handle(
      .notification(
        method: "textDocument/didOpen",
        params: [
          "textDocument": [
            "uri": .string(uri), "languageId": "scale", "version": 1, "text": .string(text),
          ]
        ]))
  }

  func request(_ method: String, _ params: JSONValue) -> JSONValue {
    nextID += 1
    let messages = server.handle(.request(id: .int(nextID), method: method, params: params))
    return messages.first ?? .null
  }

  /// The result of a request at a position of the open document.
  func at(_ method: String, line: Int, character: Int, _ extra: [String: JSONValue] = [:])
    -> JSONValue
  {
    var params: [String: JSONValue] = [
      "textDocument": ["uri": .string(Client.uri)],
      "position": ["line": .int(line), "character": .int(character)],
    ]
    params.merge(extra) { _, new in new }
    return request(method, .object(params))["result"] ?? .null
  }
}

let shop = """
  server web count 3 cpu 2
  balancer lb least-connections to web
  cache sessions ttl 60s
  traffic 100 rps for 1min
  expect web-1 utilisation < 80%
  at 1min fail web-2 for 30s

  """

@Test func requestsBeforeInitializeAndAfterShutdownFail() {
  let server = LanguageServer()
  let early = server.handle(.request(id: .int(1), method: "textDocument/hover", params: nil))
  #expect(early.first?["error"]?["code"] == .int(ErrorCode.serverNotInitialized.rawValue))
  _ = server.handle(.request(id: .int(2), method: "initialize", params: [:]))
  let shutdown = server.handle(.request(id: .int(3), method: "shutdown", params: nil))
  #expect(shutdown.first?["result"] == .null)
  let late = server.handle(.request(id: .int(4), method: "textDocument/hover", params: nil))
  #expect(late.first?["error"]?["code"] == .int(ErrorCode.invalidRequest.rawValue))
  #expect(server.exitCode == nil)
  _ = server.handle(.notification(method: "exit", params: nil))
  #expect(server.exitCode == 0)
}

@Test func exitWithoutShutdownIsCodeOne() {
  let server = LanguageServer()
  _ = server.handle(.notification(method: "exit", params: nil))
  #expect(server.exitCode == 1)
}

@Test func unknownMethodsAreMethodNotFoundAndNotificationsAreIgnored() {
  let client = Client()
  #expect(client.request("foo/bar", nil)["error"]?["code"] == .int(-32601))
  #expect(client.server.handle(.notification(method: "foo/bar", params: nil)).isEmpty)
  let missing = client.request("textDocument/hover", ["textDocument": ["uri": "file:///none"]])
  #expect(missing["error"]?["code"] == .int(ErrorCode.invalidParams.rawValue))
}

@Test func diagnosticsAreTheFrontEndsWithUTF16Ranges() {
  let text = "# café ☕\nserver web cpu 2\nbalancer lb wieghted\n"
  let client = Client(text)
  #expect(client.server.hasPendingDiagnostics)
  let published = client.server.publishDiagnostics()
  #expect(!client.server.hasPendingDiagnostics)
  let expected = Frontend.compile(text).diagnostics
  #expect(!expected.isEmpty)
  let params = published.first?["params"]
  #expect(params?["uri"] == .string(Client.uri))
  #expect(params?["version"] == 1)
  let diagnostics = params?["diagnostics"]?.arrayValue ?? []
  #expect(diagnostics.count == expected.count)
  for (lsp, diagnostic) in zip(diagnostics, expected) {
    #expect(lsp["code"] == .string(diagnostic.id))
    #expect(lsp["message"]?.stringValue?.hasPrefix(diagnostic.message) == true)
    #expect(lsp["range"]?["start"]?["line"] == .int(diagnostic.range.start.line - 1))
  }
}

@Test func aChangeRepublishesAndClosingClears() {
  let client = Client("sever web\n")
  _ = client.server.publishDiagnostics()
  _ = client.server.handle(
    .notification(
      method: "textDocument/didChange",
      params: [
        "textDocument": ["uri": .string(Client.uri), "version": 2],
        "contentChanges": [
          [
            "range": [
              "start": ["line": 0, "character": 0], "end": ["line": 0, "character": 5],
            ],
            "text": "server",
          ]
        ],
      ]))
  let after = client.server.publishDiagnostics()
  #expect(after.first?["params"]?["version"] == 2)
  #expect(
    after.first?["params"]?["diagnostics"]?.arrayValue?.contains { $0["severity"] == 1 } == false)
  _ = client.server.handle(
    .notification(
      method: "textDocument/didClose", params: ["textDocument": ["uri": .string(Client.uri)]]))
  #expect(client.server.publishDiagnostics().first?["params"]?["diagnostics"] == [])
}

@Test func fixItsBecomeQuickFixes() {
  let client = Client("sever web cpu 2\n")
  let actions =
    client.request(
      "textDocument/codeAction",
      [
        "textDocument": ["uri": .string(Client.uri)],
        "range": ["start": ["line": 0, "character": 1], "end": ["line": 0, "character": 1]],
        "context": ["diagnostics": []],
      ])["result"]?.arrayValue ?? []
  #expect(actions.count == 1)
  #expect(actions.first?["kind"] == "quickfix")
  let edit = actions.first?["edit"]?["changes"]?[Client.uri]?.arrayValue?.first
  #expect(edit?["newText"] == "server")
}

@Test func completionOffersAttributesComponentsValuesAndUnits() {
  let client = Client(
    shop + "server api \nbalancer b2 round-robin to w\ncache c hashing \ntraffic 5m\n")
  func labels(_ line: Int, _ character: Int) -> [String] {
    (client.at("textDocument/completion", line: line, character: character)["items"]?.arrayValue
      ?? []).compactMap { $0["label"]?.stringValue }
  }
  #expect(labels(6, 11).contains("cpu"))
  #expect(labels(6, 11).contains("max-connections"))
  #expect(labels(7, 28) == ["web", "web-1", "web-2", "web-3"])
  #expect(labels(8, 16) == ["modulo", "consistent", "jump"].sorted())
  #expect(labels(9, 10) == ["5min", "5ms"])
  #expect(labels(6, 0).contains("server"))  // a keyword at the start of a line
}

@Test func hoverShowsDocumentationDefaultsAndWhatItFollows() {
  let client = Client(shop)
  let keyword = client.at("textDocument/hover", line: 1, character: 3)
  let text = keyword["contents"]?["value"]?.stringValue ?? ""
  #expect(text.contains("**balancer**"))
  #expect(text.contains("Follows: nginx"))
  let attribute = client.at("textDocument/hover", line: 2, character: 16)["contents"]?["value"]
  #expect(attribute?.stringValue?.contains("Default: 300 s") == true)
  let value = client.at("textDocument/hover", line: 1, character: 15)["contents"]?["value"]
  #expect(value?.stringValue?.contains("least_conn") == true)
  let member = client.at("textDocument/hover", line: 4, character: 8)["contents"]?["value"]
  #expect(member?.stringValue?.contains("a member of the pool `web`") == true)
  #expect(client.at("textDocument/hover", line: 6, character: 0) == .null)
}

@Test func definitionAndReferencesOfComponents() {
  let client = Client(shop)
  let definition = client.at("textDocument/definition", line: 5, character: 15)  // web-2
  #expect(definition["range"]?["start"] == ["line": 0, "character": 7])
  let references = client.at(
    "textDocument/references", line: 1, character: 34, ["context": ["includeDeclaration": true]])
  #expect(references.arrayValue?.count == 2)  // `web` on lines 1 and 2
  let withoutDeclaration = client.at(
    "textDocument/references", line: 1, character: 34, ["context": ["includeDeclaration": false]])
  #expect(withoutDeclaration.arrayValue?.count == 1)
}

@Test func renamingAPoolRenamesItsMembers() {
  let client = Client(shop)
  let edit = client.at("textDocument/rename", line: 0, character: 8, ["newName": "api"])
  let edits = edit["changes"]?[Client.uri]?.arrayValue ?? []
  // `web` (declaration, `to web`), `web-1` and `web-2` prefixes.
  #expect(edits.count == 4)
  #expect(edits.allSatisfy { $0["newText"] == "api" })
  let bad = client.request(
    "textDocument/rename",
    [
      "textDocument": ["uri": .string(Client.uri)],
      "position": ["line": 0, "character": 8], "newName": "cpu",
    ])
  #expect(bad["error"]?["code"] == .int(ErrorCode.requestFailed.rawValue))
  let member = client.at("textDocument/prepareRename", line: 4, character: 8)
  #expect(member == .null)
}

@Test func renamingADefaultNameWritesIt() {
  let client = Client("server web\nbalancer weighted\nhealth-check lb every 5s\n")
  let edits =
    client.at("textDocument/rename", line: 2, character: 13, ["newName": "edge"])[
      "changes"]?[Client.uri]?.arrayValue ?? []
  #expect(edits.count == 2)
  #expect(edits.first?["newText"] == " edge")
}

@Test func symbolsOutlineTheTopology() {
  let client = Client(
    "server web count 2\nbalancer lb weighted {\n  web-1 weight 3\n}\nexpect p99 < 1s\n")
  let symbols =
    client.request(
      "textDocument/documentSymbol", ["textDocument": ["uri": .string(Client.uri)]])["result"]?
    .arrayValue ?? []
  #expect(symbols.map { $0["name"] } == ["web", "lb", "expect p99 < 1s"])
  #expect(symbols[1]["children"]?.arrayValue?.first?["name"] == "web-1")
}

@Test func formattingIsScaleFmt() {
  let text = "server   web  cpu 2\n\n\n\nseed 1"
  let client = Client(text)
  let edits =
    client.request("textDocument/formatting", ["textDocument": ["uri": .string(Client.uri)]])[
      "result"]?.arrayValue ?? []
  #expect(edits.first?["newText"] == .string(Formatter.format(source: text).text))
  let broken = Client("server web cpu\n}")
  let none = broken.request(
    "textDocument/formatting", ["textDocument": ["uri": .string(Client.uri)]])
  #expect(none["result"] == [])
}
