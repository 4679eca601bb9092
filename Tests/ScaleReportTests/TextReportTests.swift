import ScaleModel
import Testing

@testable import ScaleReport

@Test func shopReportMatchesGolden() {
  let text = TextReport.render(
    Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale", color: false)
  Golden.check(text, "shop-report.txt")
}

@Test func smallFailingReportMatchesGolden() {
  let text = TextReport.render(
    Fixtures.smallResult, scenario: Fixtures.smallScenario, fileName: "api.scale", color: false,
    width: 80)
  Golden.check(text, "small-report.txt")
}

@Test func lastLineTalliesTheVerdicts() {
  let text = TextReport.render(
    Fixtures.smallResult, scenario: Fixtures.smallScenario, fileName: "api.scale", color: true)
  let lines = text.split(separator: "\n")
  #expect(lines.last == "2 expectations: 0 passed, 2 failed")
  #expect(text.contains("  \u{1B}[31m✗\u{1B}[0m p99 < 200ms     measured 250.1ms\n"))
  #expect(text.contains("  \u{1B}[31m✗\u{1B}[0m errors < 0.1%   measured 0.52%\n"))
}

@Test func renderingIsDeterministic() {
  let a = TextReport.render(
    Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale", color: true)
  let b = TextReport.render(
    Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale", color: true)
  #expect(Array(a.utf8) == Array(b.utf8))
}

@Test(arguments: [60, 80, 120])
func longNamesKeepTablesWithinWidth(width: Int) {
  var result = Fixtures.shopResult
  result.components[0].name = "web-server-with-an-extraordinarily-long-name-in-region-eu-west-1"
  let text = TextReport.render(
    result, scenario: Fixtures.shopScenario, fileName: "shop.scale", color: false, width: width)
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let start = lines.firstIndex { $0 == "Servers" }
  let servers = lines.dropFirst((start ?? 0) + 1).prefix(4)
  #expect(start != nil)
  #expect(servers.allSatisfy { $0.count <= width })
  // The numeric columns stay aligned: every row ends at the same column as the header.
  let healthColumn = servers.first.map { $0.count - "health".count }
  #expect(
    servers.dropFirst().allSatisfy { line in
      healthColumn.map { line.count >= $0 && line.dropFirst($0).first != " " } ?? false
    })
}

@Test func emptyRunStillRenders() {
  let text = TextReport.render(
    RunResult(seed: 1, duration: 0), scenario: Scenario(), fileName: "empty.scale", color: false)
  #expect(text.hasSuffix("no expectations\n"))
  #expect(text.contains("no completed requests"))
}

@Test(arguments: [60, 72, 100])
func everyLineFitsTheWidth(width: Int) {
  var result = Fixtures.shopResult
  result.components[3].name = "balancer-with-a-name-much-longer-than-anyone-would-type"
  let text = TextReport.render(
    result, scenario: Fixtures.shopScenario, fileName: "shop.scale", color: false, width: width)
  let long = text.split(separator: "\n").filter { $0.count > width }
  #expect(long == [])
}
