import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

@Test func wordTokensBecomeWords() {
  // Braces have word kinds too: the parser makes them words only in a route's path.
  let (tokens, _) = Lexer.tokens("x 4 1..2 < , : -> { } # c\n")
  #expect(
    tokens.map { $0.wordKind != nil } == [
      true, true, true, true, true, true, true, true, true, false, false, false,
    ])
  #expect(tokens[0].wordKind == .identifier("x"))
  #expect(tokens[3].wordKind == .comparison("<"))
}

@Test func tokensNameThemselvesInMessages() {
  let (tokens, _) = Lexer.tokens("x 4 1..2 , {")
  #expect(
    tokens.map(\.description) == [
      "`x`", "the number `4`", "the range `1..2`", "`,`", "`{`", "the end of the file",
    ])
}
