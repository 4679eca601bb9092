import Foundation

/// A parsed JSON value for the tests (objects unordered).
indirect enum JSONTree: Decodable, Equatable {
  case null, bool(Bool), number(Double), string(String), array([JSONTree])
  case object([String: JSONTree])

  init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSONTree].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSONTree].self))
    }
  }

  static func parse(_ text: String) throws -> JSONTree {
    try JSONDecoder().decode(JSONTree.self, from: Data(text.utf8))
  }

  subscript(key: String) -> JSONTree? {
    if case .object(let members) = self { return members[key] }
    return nil
  }
}

/// The subset of JSON Schema 2020-12 that docs/schema/run-result-v1.json uses: `type`
/// (one or a list), `const`, `enum`, `required`, `properties`, `additionalProperties`
/// (false or a schema), `items`, `minimum`, `oneOf` and local `$ref`s into `$defs`.
/// Returns one message per violation.
struct SchemaValidator {
  let root: JSONTree

  func validate(_ value: JSONTree) -> [String] {
    check(value, against: root, path: "$")
  }

  private func resolve(_ schema: JSONTree) -> JSONTree {
    guard case .string(let ref)? = schema["$ref"], ref.hasPrefix("#/$defs/") else { return schema }
    let name = String(ref.dropFirst("#/$defs/".count))
    return root["$defs"]?[name] ?? .object([:])
  }

  private func typeName(_ value: JSONTree) -> [String] {
    switch value {
    case .null: return ["null"]
    case .bool: return ["boolean"]
    case .number(let n): return n == n.rounded() ? ["number", "integer"] : ["number"]
    case .string: return ["string"]
    case .array: return ["array"]
    case .object: return ["object"]
    }
  }

  private func check(_ value: JSONTree, against raw: JSONTree, path: String) -> [String] {
    let schema = resolve(raw)
    var problems: [String] = []
    if let type = schema["type"] {
      var allowed: [String] = []
      if case .string(let t) = type { allowed = [t] }
      if case .array(let ts) = type {
        allowed = ts.compactMap { if case .string(let t) = $0 { return t } else { return nil } }
      }
      if Set(allowed).isDisjoint(with: typeName(value)) {
        problems.append("\(path): \(typeName(value)) is not \(allowed)")
        return problems
      }
    }
    if let constant = schema["const"], constant != value {
      problems.append("\(path): not the const")
    }
    if case .array(let options)? = schema["enum"], !options.contains(value) {
      problems.append("\(path): not in enum")
    }
    if case .number(let minimum)? = schema["minimum"], case .number(let n) = value, n < minimum {
      problems.append("\(path): below minimum")
    }
    if case .array(let options)? = schema["oneOf"] {
      let matching = options.filter { check(value, against: $0, path: path).isEmpty }.count
      if matching != 1 { problems.append("\(path): matches \(matching) of oneOf") }
    }
    if case .array(let items) = value, let itemSchema = schema["items"] {
      for (index, item) in items.enumerated() {
        problems += check(item, against: itemSchema, path: "\(path)[\(index)]")
      }
    }
    if case .object(let members) = value {
      if case .array(let required)? = schema["required"] {
        for case .string(let key) in required where members[key] == nil {
          problems.append("\(path): missing \(key)")
        }
      }
      let properties: [String: JSONTree]
      if case .object(let p)? = schema["properties"] { properties = p } else { properties = [:] }
      for (key, member) in members.sorted(by: { $0.key < $1.key }) {
        if let propertySchema = properties[key] {
          problems += check(member, against: propertySchema, path: "\(path).\(key)")
        } else if let extra = schema["additionalProperties"] {
          if extra == .bool(false) {
            problems.append("\(path): unexpected key \(key)")
          } else {
            problems += check(member, against: extra, path: "\(path).\(key)")
          }
        }
      }
    }
    return problems
  }
}
