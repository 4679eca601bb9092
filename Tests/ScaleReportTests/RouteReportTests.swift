import Foundation
import ScaleModel
import Testing

@testable import ScaleReport

// Per-route figures in every output format, for a small routed scenario (RouteFixtures).

@Test func routedTextReportMatchesGolden() {
  Golden.check(
    TextReport.render(
      RouteFixtures.result, scenario: RouteFixtures.scenario, fileName: "routes.scale",
      color: false),
    "routes-report.txt")
}

@Test func routedMachineFormatsMatchGolden() {
  Golden.check(
    JSONReport.render(
      RouteFixtures.result, scenario: RouteFixtures.scenario, fileName: "routes.scale"),
    "routes.json")
  Golden.check(CSVReport.components(RouteFixtures.result), "routes-components.csv")
  Golden.check(
    JUnitReport.render(results: [(fileName: "routes.scale", result: RouteFixtures.result)]),
    "routes.junit.xml")
}

@Test func routesTableIsAbsentWithoutRoutes() {
  let text = TextReport.render(
    Fixtures.smallResult, scenario: Fixtures.smallScenario, fileName: "a", color: false)
  #expect(!text.contains("Routes"))
  let json = JSONReport.render(
    Fixtures.smallResult, scenario: Fixtures.smallScenario, fileName: "a")
  #expect(!json.contains("\"routes\""))
  #expect(!json.contains("\"route\""))
}

@Test func routedTextReportFitsNarrowWidths() {
  for width in [60, 72, 100] {
    let text = TextReport.render(
      RouteFixtures.result, scenario: RouteFixtures.scenario, fileName: "r", color: false,
      width: width)
    for line in text.split(separator: "\n") {
      #expect(line.count <= width, "\(width): \(line)")
    }
    #expect(text.contains("checkout"))
  }
}

@Test func aRouteVerdictNamesItsRoute() {
  let verdicts = RouteFixtures.result.verdicts
  #expect(VerdictText.statement(verdicts[0].expectation) == "route checkout p99 < 150ms")
  // Rebuilt from its parts when the statement text is empty.
  #expect(VerdictText.statement(verdicts[1].expectation) == "route browse mean < 20ms")
}

@Test func routeShareAndErrorsAreOfTheRoutesOwnOffered() {
  var result = RouteFixtures.result
  result.routes[0].offered = 0
  result.routes[0].completed = 0
  result.routes[0].latency = LatencySummary()
  let text = TextReport.render(
    result, scenario: RouteFixtures.scenario, fileName: "r", color: false)
  let row = text.split(separator: "\n").first { $0.hasPrefix("  browse") }
  #expect(row.map { $0.contains("–") } == true)
  #expect(text.contains("0.303%"))  // checkout: 100 errors of 33,000 offered
}

@Test func routedGraphMatchesGolden() {
  let scenario = RouteFixtures.scenario
  Golden.check(GraphReport.text(scenario, result: nil), "routes-graph.txt")
  Golden.check(GraphReport.text(scenario, result: RouteFixtures.result), "routes-graph-result.txt")
  Golden.check(GraphReport.dot(scenario, result: nil), "routes.dot")
  Golden.check(GraphReport.mermaid(scenario, result: nil), "routes.mmd")
}

@Test func routeEdgesNameTheRoutesThatTakeThem() {
  let dot = GraphReport.dot(RouteFixtures.scenario, result: nil)
  // Every route enters through the balancer: labelled as before.
  #expect(dot.contains("\"client:client\" -> \"balancer:lb\";"))
  // Only checkout calls orders-api.
  #expect(dot.contains("\"server:web-1\" -> \"server:orders-api\" [label=\"checkout\"];"))
  // browse's cache-aside misses, by route.
  #expect(dot.contains("\"cache:catalog\" -> \"database:products\" [label=\"misses · browse\"];"))
}

@Test func theNarrationTellsEachRoutesOutcome() {
  let text = Explain.narrate(RouteFixtures.result, width: 100)
  #expect(text.hasPrefix("Nothing happened during the run"))
  #expect(
    text.contains(
      "Route checkout: 32,900 of 33,000 requests completed (100 rejected), taking 7.9ms on average."
    ))
  #expect(text.contains("Route browse: 66,000 of 66,000 requests completed, taking 4.8ms"))
  var withEvents = RouteFixtures.result
  withEvents.events = [RunEvent(time: 30, kind: .fail, component: "web-1", detail: "")]
  #expect(Explain.narrate(withEvents).hasSuffix("taking 10.1ms on average.\n"))
  // Without routes the narration is as before.
  #expect(!Explain.narrate(Fixtures.shopResult).contains("Route "))
}

@Test func hostileRoutesRenderAndAnalyseWithoutCrashing() {
  var result = RouteFixtures.result
  var r = RouteStats(name: "")
  r.offered = Int.max
  r.completed = Int.min
  r.errors = ErrorCounts(rejected: Int.max)
  r.latency = LatencySummary(count: 1, mean: .nan, p50: -1, p99: .infinity, max: 1e300)
  result.routes.append(r)
  result.offered = 0
  var scenario = RouteFixtures.scenario
  scenario.routes += [
    RouteSpec(name: "nan", share: .nan, steps: [RouteStep(["nowhere"]), RouteStep([])]),
    RouteSpec(name: "inf", share: .infinity, steps: [RouteStep(["lb", "orders"])]),
    RouteSpec(name: "empty", share: -1, steps: []),
  ]
  scenario.network = NetworkSpec(latency: .constant(.nan), crossZone: .constant(.infinity))
  scenario.traffic?.rate = .infinity
  _ = TextReport.render(result, scenario: scenario, fileName: "r", color: true, width: 40)
  _ = JSONReport.render(result, scenario: scenario, fileName: "r")
  _ = CSVReport.components(result)
  _ = Explain.narrate(result)
  _ = GraphReport.text(scenario, result: result)
  _ = GraphReport.dot(scenario, result: result)
  for rate in [0, 1, 1e300, Double.nan] {
    _ = AnalysisReport.render(
      Analysis.estimate(scenario, offeredRate: rate), result: result, color: false,
      routes: Analysis.routes(scenario, offeredRate: rate))
  }
  _ = AnalysisReport.render(scenario, result: result, color: false)
}

@Test func serversARunAddedAppearUnderTheirBalancerInEveryRoute() {
  var result = RouteFixtures.result
  var added = ComponentStats(name: "web-3", kind: .server)
  added.utilisation = 0.25
  result.components.append(added)
  let text = GraphReport.text(RouteFixtures.scenario, result: result)
  let lines = text.split(separator: "\n").filter {
    $0.contains("server web-3 · added during the run")
  }
  #expect(lines.count == 3)  // once under lb in each of the three routes
}
