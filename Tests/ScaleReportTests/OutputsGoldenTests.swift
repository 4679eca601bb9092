import ScaleModel
import Testing

@testable import ScaleReport

// Goldens of the machine formats and the graph; the format-specific checks live in each
// renderer's own test file.

@Test func jsonMatchesGolden() {
  Golden.check(
    JSONReport.render(Fixtures.shopResult, scenario: Fixtures.shopScenario, fileName: "shop.scale"),
    "shop.json")
}

@Test func junitMatchesGolden() {
  Golden.check(
    JUnitReport.render(results: [
      (fileName: "shop.scale", result: Fixtures.shopResult),
      (fileName: "api.scale", result: Fixtures.smallResult),
    ]), "checks.junit.xml")
}

@Test func csvMatchesGolden() {
  Golden.check(CSVReport.timeSeries(Fixtures.shopResult), "shop-intervals.csv")
  Golden.check(CSVReport.components(Fixtures.shopResult), "shop-components.csv")
}

@Test func graphMatchesGolden() {
  Golden.check(GraphReport.text(Fixtures.shopScenario, result: nil), "shop-graph.txt")
  Golden.check(
    GraphReport.text(Fixtures.shopScenario, result: Fixtures.shopResult), "shop-graph-result.txt")
  Golden.check(GraphReport.dot(Fixtures.shopScenario, result: Fixtures.shopResult), "shop.dot")
  Golden.check(GraphReport.mermaid(Fixtures.shopScenario, result: Fixtures.shopResult), "shop.mmd")
}

@Test func analysisMatchesGolden() {
  let scenario = Fixtures.shopScenario
  let estimates = Analysis.estimate(scenario, cacheHitRate: 0.85)
  Golden.check(
    AnalysisReport.render(estimates, result: Fixtures.shopResult, color: false),
    "shop-analysis.txt")
  Golden.check(
    AnalysisReport.render(
      Analysis.estimate(Fixtures.smallScenario), result: Fixtures.smallResult, color: false),
    "small-analysis.txt")
}

@Test func narrationMatchesGolden() {
  Golden.check(Explain.narrate(Fixtures.shopResult, width: 80), "shop-explain.txt")
}

@Test func everyRendererIsDeterministic() {
  let scenario = Fixtures.shopScenario
  func all() -> [String] {
    let result = Fixtures.shopResult
    return [
      TextReport.render(result, scenario: scenario, fileName: "s", color: true),
      JSONReport.render(result, scenario: scenario, fileName: "s"),
      JUnitReport.render(results: [(fileName: "s", result: result)]),
      CSVReport.timeSeries(result), CSVReport.components(result),
      GraphReport.text(scenario, result: result), GraphReport.dot(scenario, result: result),
      GraphReport.mermaid(scenario, result: result),
      AnalysisReport.render(
        Analysis.estimate(scenario, cacheHitRate: 0.5), result: result, color: true),
      Explain.narrate(result),
    ]
  }
  let first = all()
  let second = all()
  #expect(first.map { Array($0.utf8) } == second.map { Array($0.utf8) })
}
