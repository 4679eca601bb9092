import ScaleModel

/// Building HTML and SVG text: escaping (the XML rules of `XMLText`, which HTML5 accepts in
/// text and in quoted attributes) and coordinates written with one decimal, from integer
/// arithmetic (`Format.fixed`), so the same figures give the same bytes everywhere.
enum HTMLText {
  static func escape(_ text: String) -> String { XMLText.escape(text) }

  /// `<tag a="v"…>content</tag>`; attribute values escaped, `content` inserted as is.
  static func element(_ tag: String, _ attributes: [(String, String)] = [], _ content: String)
    -> String
  {
    "<" + tag + attributeText(attributes) + ">" + content + "</" + tag + ">"
  }

  /// `<tag a="v"…/>` (SVG shapes).
  static func empty(_ tag: String, _ attributes: [(String, String)]) -> String {
    "<" + tag + attributeText(attributes) + "/>"
  }

  static func attributeText(_ attributes: [(String, String)]) -> String {
    attributes.map { " " + $0.0 + "=\"" + escape($0.1) + "\"" }.joined()
  }

  /// A coordinate: one decimal, trailing `.0` dropped (`12.5`, `40`).
  static func number(_ x: Double) -> String {
    Format.trimZeros(Format.fixed(x.isFinite ? x : 0, decimals: 1))
  }

  /// `<title>` (a hover read-out in every browser, no script needed).
  static func title(_ text: String) -> String { element("title", [], escape(text)) }

  /// An id or class fragment from a name: letters and digits kept, anything else `-`.
  static func slug(_ name: String) -> String {
    String(
      name.lowercased().unicodeScalars.map { scalar -> Character in
        let v = scalar.value
        let alnum = (0x61...0x7A).contains(v) || (0x30...0x39).contains(v)
        return alnum ? Character(scalar) : "-"
      })
  }
}
