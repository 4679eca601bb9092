import Testing

@testable import ScaleLSP

@Test func utf16PositionsMapToUTF8Offsets() {
  // `é` is 2 bytes and 1 UTF-16 unit; `😀` is 4 bytes and 2 units.
  let document = TextDocument(uri: "u", version: 1, text: "# é😀x\nserver web\n")
  #expect(document.offset(of: Position(line: 0, character: 2)) == 2)
  #expect(document.offset(of: Position(line: 0, character: 3)) == 4)  // after é
  #expect(document.offset(of: Position(line: 0, character: 5)) == 8)  // after 😀
  #expect(document.offset(of: Position(line: 0, character: 4)) == 4)  // inside the pair
  #expect(document.position(ofOffset: 8) == Position(line: 0, character: 5))
  #expect(document.position(ofOffset: 10) == Position(line: 1, character: 0))
}

@Test func outOfRangePositionsAreClamped() {
  let document = TextDocument(uri: "u", version: 1, text: "ab\r\ncd")
  #expect(document.offset(of: Position(line: 0, character: 99)) == 2)  // before \r\n
  #expect(document.offset(of: Position(line: 99, character: 0)) == 6)
  #expect(document.position(ofOffset: 1000) == Position(line: 1, character: 2))
  #expect(document.position(ofOffset: -5) == Position(line: 0, character: 0))
}

@Test func incrementalChangesReplaceRanges() {
  let document = TextDocument(uri: "u", version: 1, text: "server wéb cpu 2\n")
  let changed = document.applying(
    text: "4", range: (Position(line: 0, character: 15), Position(line: 0, character: 16)),
    version: 2)
  #expect(changed.text == "server wéb cpu 4\n")
  #expect(changed.version == 2)
  let whole = changed.applying(text: "seed 1\n", range: nil, version: 3)
  #expect(whole.text == "seed 1\n")
}
