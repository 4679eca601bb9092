/// The base names of `run --out` files, one per input: the script's file name without
/// directory and extension (`stdin` for standard input). When two inputs share a base name
/// (`a/shop.scale b/shop.scale`) the later ones get `-2`, `-3`, … in input order, so no
/// output overwrites another (docs/cli.md).
public enum OutputNames {
  public static func unique(_ fileNames: [String]) -> [String] {
    var used = Set<String>()
    var names: [String] = []
    for fileName in fileNames {
      let base = self.base(fileName)
      var name = base
      var n = 2
      while used.contains(name) {
        name = "\(base)-\(n)"
        n += 1
      }
      used.insert(name)
      names.append(name)
    }
    return names
  }

  /// `shop` for `examples/shop.scale`, `stdin` for standard input, `script` when nothing
  /// is left (`.scale`, `/`).
  public static func base(_ fileName: String) -> String {
    if fileName == ScriptFile.standardInputName { return "stdin" }
    var last =
      fileName.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? ""
    if let dot = last.lastIndex(of: "."), dot != last.startIndex {
      last = String(last[..<dot])
    }
    return last.isEmpty || last == "." || last == ".." ? "script" : last
  }
}
