import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// Connection holding (design/graph.md §5): a synchronous call holds the caller's connection
/// while the callee works, so a database that slows down fills the web tier's
/// `max-connections` and the web tier refuses; without holding, the web tier never notices and
/// the database refuses instead.
@Suite struct BackPressureTests {
  /// web: 2 cores × 1 ms (2000/s), 50 connections; orders: 8 cores × 4 ms (2000/s) until 30 s,
  /// then 2 cores (500/s) at 1000 rps offered.
  static func scenario(routed: Bool) -> Scenario {
    var s = Scenario(
      seed: 5, duration: 60,
      servers: [
        ServerSpec(name: "web", cores: 2, service: .exponential(mean: 0.001), maxConnections: 50)
      ],
      databases: [DatabaseSpec(name: "orders", cores: 8, service: .exponential(mean: 0.004))],
      traffic: TrafficSpec(rate: 1000, readFraction: 1),
      events: [
        TimedEvent(
          time: 30,
          action: .scaleUp(component: "orders", cores: 2, ramGB: nil, storageGB: nil, downtime: 0))
      ])
    if routed {
      s.routes = [RouteSpec(name: "all", steps: [RouteStep(["web"]), RouteStep(["orders"])])]
    }
    return s
  }

  @Test func aSlowDatabaseFillsTheCallersConnections() throws {
    let r = Engine.run(Self.scenario(routed: true))
    let web = try #require(r.component("web"))
    let orders = try #require(r.component("orders"))
    // After 30 s the database serves 500/s of the 1000/s: the web tier's 50 held connections
    // fill and about half the requests are refused at the web tier, none at the database.
    let share = Double(web.errors.rejected) / Double(r.offered)
    #expect(share > 0.2 && share < 0.3, "web refused \(share) of all requests")
    #expect(orders.errors.rejected == 0)
    // Nothing is refused before the slow-down.
    let before = r.intervals.filter { $0.end <= 30 }.reduce(0) { $0 + $1.errors }
    #expect(before == 0)
    #expect(r.route("all")?.errors.rejected == r.errors.rejected)
  }

  @Test func withoutHoldingTheDatabaseRefusesInstead() throws {
    let r = Engine.run(Self.scenario(routed: false))
    let web = try #require(r.component("web"))
    let orders = try #require(r.component("orders"))
    #expect(web.errors.rejected == 0)
    #expect(orders.errors.rejected > 0)
  }
}
