import ScaleDiagnostics
import ScaleLanguage

/// An error a request answers with.
public struct ResponseError: Error, Equatable, Sendable {
  public var code: ErrorCode
  public var message: String
  public init(_ code: ErrorCode, _ message: String) {
    self.code = code
    self.message = message
  }
}

/// The language server's state and message dispatch, independent of any transport: a message
/// goes in, the messages to send come out. One thread drives it (``StdioTransport``), so it
/// needs no locks.
///
/// Lifecycle per LSP 3.17: requests before `initialize` fail with ServerNotInitialized and
/// notifications are dropped; after `shutdown`, requests fail with InvalidRequest; `exit`
/// ends the server with code 0 after a shutdown, 1 without one.
public final class LanguageServer {
  enum State { case uninitialized, running, shutDown }

  var state = State.uninitialized
  /// Whether `shutdown` was received.
  public var isShutDown: Bool { state == .shutDown }
  /// Set by `exit`: the process's exit code.
  public private(set) var exitCode: Int32?
  var documents = DocumentStore()
  /// Where the server writes its log (standard error in `scale lsp`).
  let log: (String) -> Void

  public init(log: @escaping (String) -> Void = { _ in }) {
    self.log = log
  }

  /// Handles one message; returns the responses and notifications to send, in order.
  /// Diagnostics of changed documents are not computed here but by ``publishDiagnostics()``,
  /// which the transport calls when no message is waiting, so a burst of edits costs one check.
  public func handle(_ message: IncomingMessage) -> [JSONValue] {
    switch message {
    case .response:
      return []
    case .invalid(let id, let code, let text):
      return [Outgoing.error(id, code, text)]
    case .notification(let method, let params):
      handleNotification(method, params)
      return []
    case .request(let id, let method, let params):
      switch respond(method, params) {
      case .success(let result): return [Outgoing.result(id, result)]
      case .failure(let error): return [Outgoing.error(id, error.code, error.message)]
      }
    }
  }

  /// The answer to a request cancelled before it ran.
  public static func cancelled(_ id: RequestID) -> JSONValue {
    Outgoing.error(id, .requestCancelled, "the request was cancelled")
  }

  private func respond(_ method: String, _ params: JSONValue?) -> Result<JSONValue, ResponseError> {
    switch state {
    case .uninitialized where method != "initialize":
      return .failure(ResponseError(.serverNotInitialized, "`initialize` must come first"))
    case .shutDown:
      return .failure(ResponseError(.invalidRequest, "the server is shutting down"))
    default: break
    }
    do {
      switch method {
      case "initialize":
        guard state == .uninitialized else {
          throw ResponseError(.invalidRequest, "`initialize` was already sent")
        }
        state = .running
        return .success(Self.initializeResult)
      case "shutdown":
        state = .shutDown
        return .success(.null)
      case "textDocument/completion": return .success(try completion(params))
      case "textDocument/hover": return .success(try hover(params))
      case "textDocument/definition": return .success(try definition(params))
      case "textDocument/references": return .success(try references(params))
      case "textDocument/prepareRename": return .success(try prepareRename(params))
      case "textDocument/rename": return .success(try rename(params))
      case "textDocument/documentSymbol": return .success(try documentSymbols(params))
      case "textDocument/formatting": return .success(try formatting(params))
      case "textDocument/codeAction": return .success(try codeActions(params))
      default:
        throw ResponseError(.methodNotFound, "unknown method `\(method)`")
      }
    } catch let error as ResponseError {
      return .failure(error)
    } catch {
      return .failure(ResponseError(.internalError, "\(error)"))
    }
  }

  private func handleNotification(_ method: String, _ params: JSONValue?) {
    if method == "exit" {
      exitCode = state == .shutDown ? 0 : 1
      return
    }
    guard state == .running else { return }
    switch method {
    case "textDocument/didOpen":
      guard let item = params?["textDocument"], let uri = item["uri"]?.stringValue,
        let text = item["text"]?.stringValue
      else { return log("didOpen without a text document") }
      update(TextDocument(uri: uri, version: item["version"]?.intValue ?? 0, text: text))
    case "textDocument/didChange":
      guard let uri = params?["textDocument"]?["uri"]?.stringValue, var document = documents[uri]
      else { return log("didChange of a document that is not open") }
      let version = params?["textDocument"]?["version"]?.intValue ?? document.version &+ 1
      for change in params?["contentChanges"]?.arrayValue ?? [] {
        guard let text = change["text"]?.stringValue else { continue }
        var range: (Position, Position)?
        if let start = Position(change["range"]?["start"]),
          let end = Position(change["range"]?["end"])
        {
          range = (start, end)
        }
        document = document.applying(text: text, range: range, version: version)
      }
      update(document)
    case "textDocument/didClose":
      guard let uri = params?["textDocument"]?["uri"]?.stringValue else { return }
      documents.close(uri)
    default:
      break  // `initialized`, `$/setTrace`, `$/cancelRequest` (handled by the transport), …
    }
  }

  private func update(_ document: TextDocument) { documents.update(document) }

  /// The open document a request is about.
  func document(_ params: JSONValue?) throws -> TextDocument {
    guard let uri = params?["textDocument"]?["uri"]?.stringValue else {
      throw ResponseError(.invalidParams, "`textDocument.uri` is missing")
    }
    guard let document = documents[uri] else {
      throw ResponseError(.invalidParams, "`\(uri)` is not open")
    }
    return document
  }

  /// The document and the byte offset of `params.position` (clamped).
  func documentAndOffset(_ params: JSONValue?) throws -> (ParsedDocument, Int) {
    let document = try document(params)
    guard let position = Position(params?["position"]) else {
      throw ResponseError(.invalidParams, "`position` is missing")
    }
    return (parse(document), document.offset(of: position))
  }

  /// The syntax tree and component index of a document, parsed once per version.
  func parse(_ document: TextDocument) -> ParsedDocument { documents.parse(document) }

  static let initializeResult: JSONValue = [
    "capabilities": [
      "positionEncoding": "utf-16",
      "textDocumentSync": ["openClose": true, "change": 2],
      "completionProvider": ["triggerCharacters": [" ", ","], "resolveProvider": false],
      "hoverProvider": true,
      "definitionProvider": true,
      "referencesProvider": true,
      "renameProvider": ["prepareProvider": true],
      "documentSymbolProvider": true,
      "documentFormattingProvider": true,
      "codeActionProvider": ["codeActionKinds": ["quickfix"]],
    ],
    "serverInfo": ["name": "scale", "version": "0.1.0"],
  ]
}

extension SourceRange {
  func contains(_ offset: Int) -> Bool { start.offset <= offset && offset <= end.offset }
}
