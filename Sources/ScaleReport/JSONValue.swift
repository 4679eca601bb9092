import ScaleDiagnostics
import ScaleModel

/// A JSON document with object keys in insertion order, written deterministically.
/// Doubles use Swift's shortest round-trip text (`0.1`, `600.0`, `1e-05`), which is the same
/// on every platform; non-finite doubles are written as `null`.
indirect enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int)
  case uint(UInt64)
  case double(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    lhs.serialized() == rhs.serialized()
  }

  /// `value` as JSON, or `null` when nil.
  static func optional(_ value: Double?) -> JSONValue {
    value.map { .double($0) } ?? .null
  }

  /// Pretty-printed with two-space indentation, `"key": value`, no trailing newline.
  func serialized(indent: Int = 0) -> String {
    var out = ""
    write(to: &out, indent: indent)
    return out
  }

  private func write(to out: inout String, indent: Int) {
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .int(let n): out += String(n)
    case .uint(let n): out += String(n)
    case .double(let x): out += Format.machine(x) ?? "null"
    case .string(let s): JSONValue.writeString(s, to: &out)
    case .array(let items):
      guard !items.isEmpty else {
        out += "[]"
        return
      }
      let inner = String(repeating: " ", count: indent + 2)
      out += "[\n"
      for (index, item) in items.enumerated() {
        out += inner
        item.write(to: &out, indent: indent + 2)
        out += index == items.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "]"
    case .object(let members):
      guard !members.isEmpty else {
        out += "{}"
        return
      }
      let inner = String(repeating: " ", count: indent + 2)
      out += "{\n"
      for (index, member) in members.enumerated() {
        out += inner
        JSONValue.writeString(member.0, to: &out)
        out += ": "
        member.1.write(to: &out, indent: indent + 2)
        out += index == members.count - 1 ? "\n" : ",\n"
      }
      out += String(repeating: " ", count: indent) + "}"
    }
  }

  /// RFC 8259 string escaping, the project's one implementation (ScaleDiagnostics' JSON).
  static func writeString(_ s: String, to out: inout String) {
    out += JSON.string(s)
  }
}
