import Foundation
import Testing

/// The engine emits facts; the report layer narrates them (ScaleReport's
/// RunEventNarration). These read the engine's sources: no run event is given words or
/// formatted numbers there.
@Suite struct EngineEmitsFactsTests {
  static let engine = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Sources/ScaleEngine")

  /// Every Swift file of the engine, by path relative to Sources/ScaleEngine.
  static func sources() throws -> [(name: String, text: String)] {
    let files = FileManager.default.enumerator(at: engine, includingPropertiesForKeys: nil)
    var result: [(String, String)] = []
    while let url = files?.nextObject() as? URL {
      guard url.pathExtension == "swift" else { continue }
      result.append((url.lastPathComponent, try String(contentsOf: url, encoding: .utf8)))
    }
    return result.sorted { $0.0 < $1.0 }
  }

  /// The calls of `function` in `text` (`note(…)`, whole, nested parentheses included), with
  /// the string literals among their arguments.
  static func calls(of function: String, in text: String) -> [(call: String, literals: [String])] {
    var found: [(String, [String])] = []
    var search = text.startIndex
    while let r = text.range(of: function + "(", range: search..<text.endIndex) {
      search = r.upperBound
      // Only the whole name: `note(`, not `denote(` or `noteCapReached(`.
      if r.lowerBound > text.startIndex {
        let before = text[text.index(before: r.lowerBound)]
        if before.isLetter || before.isNumber || before == "_" { continue }
      }
      var depth = 1
      var i = r.upperBound
      var literals: [String] = []
      while i < text.endIndex, depth > 0 {
        let c = text[i]
        if c == "\"" {
          var j = text.index(after: i)
          var literal = ""
          while j < text.endIndex, text[j] != "\"" {
            if text[j] == "\\" { j = text.index(after: j) }
            if j < text.endIndex {
              literal.append(text[j])
              j = text.index(after: j)
            }
          }
          literals.append(literal)
          i = j < text.endIndex ? text.index(after: j) : j
          continue
        }
        if c == "(" { depth += 1 }
        if c == ")" { depth -= 1 }
        i = text.index(after: i)
      }
      found.append((String(text[r.lowerBound..<i]), literals))
    }
    return found
  }

  @Test func theEngineFormatsNoNumbersForPeople() throws {
    let sources = try Self.sources()
    #expect(sources.count > 20)
    for (name, text) in sources {
      #expect(!text.contains("Format."), "\(name) formats numbers for people")
      #expect(!text.contains("RunEvent.Account"), "\(name) writes an account")
    }
  }

  @Test func noRunEventIsGivenWords() throws {
    var notes = 0
    for (name, text) in try Self.sources() {
      #expect(!text.contains(".told("), "\(name) tells an event in words")
      #expect(!text.contains("detail:"), "\(name) gives an event a detail")
      for function in ["note", "noteCapReached", "RunEvent"] {
        for (call, literals) in Self.calls(of: function, in: text) {
          notes += 1
          let words = literals.filter { !$0.isEmpty }
          if words.isEmpty { continue }
          Issue.record("\(name): \(call) gives words \(words)")
        }
      }
    }
    #expect(notes > 25)  // the scan finds the engine's notes
  }

  @Test func theScanFindsWordsWhereThereAreSome() {
    let text =
      #"  note(name, .told(.fail, "web-2 fails (\(n) held)")); denote("x"); note(c, .warmedUp)"#
    let found = Self.calls(of: "note", in: text)
    #expect(found.map(\.literals) == [["web-2 fails ((n) held)"], []])
    #expect(found.last?.call == "note(c, .warmedUp)")
  }
}
