import Foundation
import ScaleModel
import Testing

@testable import ScaleReport

private func schema() throws -> JSONTree {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("docs/schema/run-result-v1.json")
  return try JSONTree.parse(String(contentsOf: url, encoding: .utf8))
}

@Test(arguments: ["shop", "small", "empty", "routes"])
func outputValidatesAgainstTheSchema(fixture: String) throws {
  let (result, scenario): (RunResult, Scenario)
  switch fixture {
  case "shop": (result, scenario) = (Fixtures.shopResult, Fixtures.shopScenario)
  case "small": (result, scenario) = (Fixtures.smallResult, Fixtures.smallScenario)
  case "routes": (result, scenario) = (RouteFixtures.result, RouteFixtures.scenario)
  default: (result, scenario) = (RunResult(seed: UInt64.max, duration: 0), Scenario())
  }
  let text = JSONReport.render(result, scenario: scenario, fileName: "x.scale")
  let validator = SchemaValidator(root: try schema())
  #expect(validator.validate(try JSONTree.parse(text)) == [])
  // Foundation's parser accepts it too.
  #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
}

@Test func validatorCatchesViolations() throws {
  let validator = SchemaValidator(root: try schema())
  var text = JSONReport.render(
    Fixtures.smallResult, scenario: Fixtures.smallScenario, fileName: "a")
  text = text.replacingOccurrences(of: "\"interrupted\": false", with: "\"interrupted\": 0")
  text = text.replacingOccurrences(of: "\"kind\": \"server\"", with: "\"kind\": \"toaster\"")
  let problems = validator.validate(try JSONTree.parse(text))
  #expect(
    problems == [
      "$.components[0].kind: not in enum",
      "$.interrupted: [\"number\", \"integer\"] is not [\"boolean\"]",
    ])
}

@Test func topLevelKeysComeInTheDocumentedOrder() throws {
  let text = JSONReport.render(Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "s")
  guard case .array(let required)? = try schema()["required"] else {
    Issue.record("schema has no required list")
    return
  }
  let keys = required.compactMap { if case .string(let k) = $0 { return k } else { return nil } }
  let positions = keys.map { text.range(of: "\n  \"\($0)\": ")?.lowerBound }
  #expect(positions.allSatisfy { $0 != nil })
  let found = positions.compactMap { $0 }
  #expect(found == found.sorted())
  #expect(text.hasPrefix("{\n  \"schema\": \"scale.run/v1\",\n"))
}

@Test func jsonIsDeterministicAndEscapes() throws {
  var result = Fixtures.shopResult
  result.events.append(
    RunEvent(time: 1, kind: .rate, component: "c\"\\", detail: "tab\there\nnew\u{1}"))
  let a = JSONReport.render(result, scenario: Fixtures.shopScenario, fileName: "s")
  let b = JSONReport.render(result, scenario: Fixtures.shopScenario, fileName: "s")
  #expect(Array(a.utf8) == Array(b.utf8))
  #expect(a.contains(#""component": "c\"\\""#))
  #expect(a.contains(#""detail": "tab\there\nnew\u0001""#))
  let events = try JSONTree.parse(a)["events"]
  if case .array(let list)? = events, case .string(let detail)? = list.last?["detail"] {
    #expect(detail == "tab\there\nnew\u{1}")
  } else {
    Issue.record("no events array")
  }
}

@Test func nonFiniteNumbersBecomeNull() {
  var result = RunResult(seed: 1, duration: 10)
  result.latency.mean = .nan
  let text = JSONReport.render(result, scenario: Scenario(), fileName: "n")
  #expect(text.contains("\"mean\": null"))
}
