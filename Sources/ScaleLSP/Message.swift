/// JSON-RPC 2.0 messages as LSP uses them.

/// A request's id: a number or a string (JSON-RPC 2.0 §4).
public enum RequestID: Sendable, Hashable {
  case int(Int)
  case string(String)

  init?(_ value: JSONValue?) {
    if let number = value?.intValue {
      self = .int(number)
    } else if let text = value?.stringValue {
      self = .string(text)
    } else {
      return nil
    }
  }

  public var json: JSONValue {
    switch self {
    case .int(let value): return .int(value)
    case .string(let value): return .string(value)
    }
  }
}

/// Error codes of JSON-RPC and LSP 3.17.
public enum ErrorCode: Int, Sendable {
  case parseError = -32700
  case invalidRequest = -32600
  case methodNotFound = -32601
  case invalidParams = -32602
  case internalError = -32603
  case serverNotInitialized = -32002
  case requestFailed = -32803
  case requestCancelled = -32800
}

/// A message from the client.
public enum IncomingMessage: Sendable, Equatable {
  case request(id: RequestID, method: String, params: JSONValue?)
  case notification(method: String, params: JSONValue?)
  /// A response to a request of ours (the server sends none, so it is ignored).
  case response
  /// Not a JSON-RPC message: answer with this error (id null when it could not be read).
  case invalid(id: RequestID?, code: ErrorCode, message: String)

  /// Reads a message body.
  public static func parse(_ body: [UInt8]) -> IncomingMessage {
    guard let json = JSONValue.parse(body) else {
      return .invalid(id: nil, code: .parseError, message: "the message is not valid JSON")
    }
    return parse(json)
  }

  static func parse(_ json: JSONValue) -> IncomingMessage {
    guard case .object = json else {
      return .invalid(id: nil, code: .invalidRequest, message: "a message must be a JSON object")
    }
    let id = RequestID(json["id"])
    guard let method = json["method"]?.stringValue else {
      if json["result"] != nil || json["error"] != nil { return .response }
      return .invalid(id: id, code: .invalidRequest, message: "the message has no `method`")
    }
    let params = json["params"]
    if json["id"] == nil { return .notification(method: method, params: params) }
    guard let id else {
      return .invalid(id: nil, code: .invalidRequest, message: "`id` must be a number or a string")
    }
    return .request(id: id, method: method, params: params)
  }

  /// The method, if the message has one.
  public var method: String? {
    switch self {
    case .request(_, let method, _), .notification(let method, _): return method
    default: return nil
    }
  }
}

/// Builders of outgoing messages.
public enum Outgoing {
  public static func result(_ id: RequestID, _ result: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "id": id.json, "result": result]
  }

  public static func error(_ id: RequestID?, _ code: ErrorCode, _ message: String) -> JSONValue {
    [
      "jsonrpc": "2.0", "id": id?.json ?? .null,
      "error": ["code": .int(code.rawValue), "message": .string(message)],
    ]
  }

  public static func notification(_ method: String, _ params: JSONValue) -> JSONValue {
    ["jsonrpc": "2.0", "method": .string(method), "params": params]
  }
}
