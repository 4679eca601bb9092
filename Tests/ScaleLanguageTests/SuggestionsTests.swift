import Testing

@testable import ScaleLanguage

@Test(arguments: [
  ("", "", 0), ("abc", "", 3), ("", "abc", 3), ("kitten", "sitting", 3),
  ("weighted", "wieghted", 1), ("ttl", "tll", 1), ("cpu", "cpus", 1), ("same", "same", 0),
  ("ca", "abc", 3), ("p99", "p90", 1),
])
func editDistance(a: String, b: String, expected: Int) {
  #expect(Suggestions.distance(a, b) == expected)
  #expect(Suggestions.distance(b, a) == expected)
}

@Test func closestPicksTheNearestWithinTheThreshold() {
  #expect(Suggestions.closest(to: "wieghted", among: StatementSchema.strategies) == "weighted")
  #expect(Suggestions.closest(to: "sever", among: StatementSchema.statementKeywords) == "server")
  #expect(Suggestions.closest(to: "frobnicate", among: StatementSchema.statementKeywords) == nil)
  // Short words allow one edit only: `x` suggests nothing.
  #expect(Suggestions.closest(to: "x", among: ["a", "xy"]) == nil)
  #expect(Suggestions.closest(to: "cpu", among: ["cpu"]) == nil)
}

@Test func tiesGoToTheSortedFirstWhateverTheOrder() {
  #expect(Suggestions.closest(to: "web-0", among: ["web-2", "web-1"]) == "web-1")
  #expect(Suggestions.closest(to: "web-0", among: ["web-1", "web-2"]) == "web-1")
}

@Test func caseOnlyDifferencesCountAsOneEdit() {
  #expect(Suggestions.closest(to: "Server", among: ["server", "seed"]) == "server")
  #expect(Suggestions.didYouMean("Server", among: ["server"]) == "did you mean `server`?")
}
