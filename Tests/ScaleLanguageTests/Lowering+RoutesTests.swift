import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// Routes, network latency, links and zones as the model receives them.
enum RoutesScript {
  /// The example (design/graph.md), with traffic so it runs.
  static let source = """
    server web count 4 cpu 4 service 2ms zone a
    server orders-api count 3 cpu 2 service 1ms zone b
    balancer lb to web
    balancer orders-lb least-connections to orders-api
    cache sessions nodes 3 hashing consistent zone a
    cache catalog ttl 10min warm
    database orders replicas 2 reads eventual zone b
    database products

    route browse 70% read: lb -> web -> catalog -> products
    route checkout 25% write: lb -> web -> sessions -> orders-lb -> orders
    route search 5% keys zipf 1.1 over 10k: lb -> web -> { catalog, products }

    network latency 0.2ms cross-zone 2ms
    link web -> orders-lb latency lognormal 1ms sd 0.3ms

    traffic 1000 rps for 10min
    at 3min fail zone a for 1min
    at 4min fail orders-api            # a whole pool: every member
    at 5min recover zone a
    expect route checkout p99 < 150ms
    expect route browse errors < 1%
    """

  static func scenario(_ source: String = source) throws -> Scenario {
    let result = Frontend.compile(source)
    #expect(!result.hasErrors, "\(CheckHarness.render(result.diagnostics))")
    return try #require(result.scenario)
  }
}

@Test func routesLowerWithSharesKindsKeysAndSteps() throws {
  let scenario = try RoutesScript.scenario()
  #expect(
    scenario.routes == [
      RouteSpec(
        name: "browse", share: 0.7, kind: .read,
        steps: [
          RouteStep(["lb"], line: 10), RouteStep(["web"], line: 10),
          RouteStep(["catalog"], line: 10), RouteStep(["products"], line: 10),
        ], line: 10),
      RouteSpec(
        name: "checkout", share: 0.25, kind: .write,
        steps: [
          RouteStep(["lb"], line: 11), RouteStep(["web"], line: 11),
          RouteStep(["sessions"], line: 11), RouteStep(["orders-lb"], line: 11),
          RouteStep(["orders"], line: 11),
        ], line: 11),
      RouteSpec(
        name: "search", share: 0.05, kind: nil, keys: .zipf(exponent: 1.1, count: 10_000),
        steps: [
          RouteStep(["lb"], line: 12), RouteStep(["web"], line: 12),
          RouteStep(["catalog", "products"], line: 12),
        ], line: 12),
    ])
}

@Test func networkLinksZonesAndWarmCachesLower() throws {
  let scenario = try RoutesScript.scenario()
  #expect(
    scenario.network
      == NetworkSpec(latency: .exponential(mean: 0.0002), crossZone: .exponential(mean: 0.002)))
  #expect(
    scenario.links == [
      LinkSpec(from: "web", to: "orders-lb", latency: .lognormal(mean: 0.001, stddev: 0.0003))
    ])
  // `count` servers: every member has the zone.
  #expect(
    scenario.servers.map(\.zone) == Array(repeating: "a", count: 4)
      + Array(repeating: "b", count: 3))
  #expect(scenario.caches.map(\.zone) == ["a", nil])
  #expect(scenario.caches.map(\.warm) == [false, true])
  #expect(scenario.databases.map(\.zone) == ["b", nil])
}

@Test func poolEventsExpandInDeclarationOrderAndZoneEventsStayOne() throws {
  let scenario = try RoutesScript.scenario()
  // The engine decides what is in a zone when the event applies (servers added later too).
  let expected =
    [TimedEvent(time: 180, action: .failZone(zone: "a", duration: 60), line: 18)]
    + ["orders-api-1", "orders-api-2", "orders-api-3"].map {
      TimedEvent(time: 240, action: .fail(component: $0, duration: nil), line: 19)
    }
    + [TimedEvent(time: 300, action: .recoverZone(zone: "a"), line: 20)]
  #expect(scenario.events == expected)
}

@Test func aZoneOnlyAnAddedServerHasIsKnown() throws {
  let scenario = try RoutesScript.scenario(
    """
    server web count 2 zone a
    balancer lb to web
    route r: lb -> web
    traffic 10 rps for 1min
    at 10s fail zone c for 20s
    at 20s add server web-9 zone c to lb
    """)
  #expect(
    scenario.events.map(\.action).first == .failZone(zone: "c", duration: 20))
  #expect(
    CheckHarness.errors("server web zone a\ntraffic 1 rps for 1min\nat 1s fail zone c") == ["E0212"]
  )
}

@Test func expectRouteLowers() throws {
  let scenario = try RoutesScript.scenario()
  let routes = scenario.expectations.map(\.route)
  #expect(routes == ["checkout", "browse"])
  #expect(scenario.expectations.map(\.component) == [nil, nil])
  #expect(scenario.expectations[0].metric == .latency(quantile: 0.99))
  #expect(scenario.expectations[0].text == "route checkout p99 < 150ms")
  #expect(scenario.expectations[1].metric == .errorRate)
}

@Test func aSingleRouteMayLeaveItsShareOut() throws {
  let scenario = try RoutesScript.scenario(
    """
    server web count 2
    database db
    route all: web -> db
    traffic 10 rps for 1min
    """)
  #expect(scenario.routes.map(\.share) == [1])
  #expect(scenario.routes.map(\.kind) == [nil])
}

@Test func scriptsWithoutRoutesKeepTheirScenario() throws {
  // No route: no routes, no network, no links; the topology is today's default path.
  let scenario = try RoutesScript.scenario(Shop.source)
  #expect(scenario == Shop.expected)
  #expect(scenario.routes.isEmpty && scenario.network == nil && scenario.links.isEmpty)
}

@Test func theTopologyPlansTheLoweredRoutes() throws {
  let scenario = try RoutesScript.scenario()
  let plans = scenario.topology.plans
  #expect(plans.count == 3)
  // `lb -> web`: the balancer already picked a `web` server, so `web` adds no step.
  #expect(plans[0].count == 3)
  #expect(plans[2].last?.calls.count == 2)
}

@Test(arguments: [
  ("route a 60%: web\nroute b 30%: web", "E0222"),
  ("route a: web\nroute b 30%: web", "E0222"),
  ("route a 0%: web", "E0204"),
  ("route a 120%: web", "E0204"),
  ("route a: web -> jobs -> db", "E0223"),
  ("route a: web -> { db, web }", "E0224"),
  ("route a: web -> { db, jobs }", "E0224"),
  ("route a:", "E0225"),
  ("route a: web ->", "E0225"),
  ("route a: -> web", "E0225"),
  ("route a: web -> { }", "E0225"),
  ("route a: web -> { db, db }", "E0209"),
  ("route a: web -> wbe", "E0212"),
  ("route a: web\nroute a: web", "E0210"),
  ("route a: web -> cb", "E0213"),
  ("route a 50% write read: web", "E0209"),
  ("route a: web db", "E0208"),
  ("route a: web -> { db", "E0208"),
  ("route a: web -> { db { web } }", "E0208"),
  ("route a web", "E0207"),
  ("route a: web\nexpect route b p99 < 1s", "E0212"),
  ("route a: web\nexpect route a hit-rate > 1%", "E0214"),
  ("route a: web\nexpect route a utilisation < 50%", "E0214"),
  ("route a: web\nlink web -> nope latency 1ms", "E0212"),
  ("route a: web\nnetwork latency 1ms\nnetwork latency 2ms", "E0211"),
  ("route a: web\nlink web -> db latency 1ms\nlink web -> db latency 2ms", "E0211"),
  ("route a: web\nat 1s fail zone z", "E0212"),
  ("route a: web\nat 1s recover zone b", "E0212"),
  ("server x zone 4", "E0203"),
  ("at 5s add server late\nroute a: late", "E0216"),
])
func routeErrors(source: String, id: String) {
  let topology = """
    server web count 2 zone a
    database db
    queue jobs
    circuit-breaker cb on db
    traffic 10 rps for 1min
    """
  #expect(CheckHarness.errors(topology + "\n" + source).contains(id), "\(source)")
}

@Test(arguments: [
  ("network latency 1ms", "W0213"),
  ("link web -> db latency 1ms", "W0213"),
])
func networkWithoutRoutesWarns(source: String, id: String) {
  let script = "server web count 2\ndatabase db\ntraffic 10 rps for 1min\n" + source
  #expect(CheckHarness.ids(script) == [id])
}

@Test func asyncWithRoutesWarnsOnce() {
  let script = """
    server web count 2
    database db
    traffic 10 rps async 10% for 1min
    route a: web -> db
    """
  // No "async writes need a queue" on top: routes decide.
  #expect(CheckHarness.ids(script) == ["W0214"])
}

@Test func routesWithinTheLimitsCheck() {
  let sixteen = (0..<8).map { _ in "web -> db" }.joined(separator: " -> ")
  #expect(CheckHarness.errors("server web count 2\ndatabase db\nroute r: \(sixteen)") == [])
  #expect(
    CheckHarness.errors("server web count 2\ndatabase db\nroute r: \(sixteen) -> db") == ["E0206"])
}

@Test func aComponentNamedRouteIsStillAnExpectation() throws {
  let scenario = try RoutesScript.scenario(
    """
    server route
    traffic 10 rps for 1min
    expect route p99 < 1s
    """)
  #expect(scenario.expectations.map(\.component) == ["route"])
  #expect(scenario.expectations.map(\.route) == [nil])
}

@Test func poolAndZoneEventsHaveACap() {
  // Three failures of the largest pool are 300 000 events: more than the cap, one error.
  let script = """
    server web count 100000 zone a
    traffic 10 rps for 1min
    at 1s fail web
    at 2s recover web
    at 3s fail zone a
    """
  #expect(CheckHarness.errors(script) == ["E0206"])
}

@Test func anUnknownZoneListsTheDeclaredOnes() {
  let script = """
    server web count 2 zone east
    database db zone west
    route r: web -> db
    traffic 10 rps for 1min
    at 1s fail zone eats
    at 2s fail zone north
    """
  let errors = Frontend.compile(script).diagnostics.filter { $0.severity == .error }
  #expect(
    errors.map(\.help) == [
      "did you mean `east`? zones: `east`, `west`", "zones: `east`, `west`",
    ])
}

@Test(arguments: [
  ("route a keys: web", ["E0202"]),
  ("route a keys zipf x over 10: web", ["E0203"]),
  ("route a keys pareto over 10: web", ["E0218"]),
])
func badRouteKeysGiveOneDiagnostic(source: String, ids: [String]) {
  #expect(CheckHarness.errors("server web count 2\n" + source) == ids, "\(source)")
}
