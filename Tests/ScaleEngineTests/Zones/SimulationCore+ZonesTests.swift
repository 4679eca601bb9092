import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// `fail zone` decides what is in the zone when it applies and keeps the zone dark: a server
/// that joins it meanwhile starts down and comes up with the zone; caches and every station of
/// a database (replicas included) in the zone fail with it.
@Suite struct ZoneTests {
  static func scenario(events: [EventAction], at times: [Double]) -> Scenario {
    var web = ServerSpec(name: "web-1", pool: "web", cores: 2, service: .exponential(mean: 0.001))
    web.zone = "b"
    var s = Scenario(
      seed: 3, duration: 60, servers: [web],
      balancers: [BalancerSpec(name: "lb", strategy: .roundRobin)],
      traffic: TrafficSpec(rate: 200))
    s.events = zip(times, events).map { TimedEvent(time: $0, action: $1) }
    return s
  }

  static var added: ServerSpec {
    var spec = ServerSpec(name: "web-9", cores: 2, service: .exponential(mean: 0.001))
    spec.zone = "a"
    return spec
  }

  @Test func aServerAddedToADarkZoneStartsDownAndComesUpWithIt() throws {
    let r = Engine.run(
      Self.scenario(
        events: [.failZone(zone: "a", duration: 30), .addServer(Self.added, balancer: "lb")],
        at: [10, 20]))
    let web9 = try #require(r.component("web-9"))
    #expect(abs(web9.downTime - 20) < 1e-6, "down \(web9.downTime) s")
    #expect(web9.healthy)
    let story = r.events.filter { $0.component == "web-9" }.map { ($0.time, $0.kind) }
    #expect(story.map(\.1) == [.addServer, .fail, .recover])
    #expect(story.last?.0 == 40)
    // web-1 (zone b) never failed.
    #expect(r.component("web-1")?.downTime == 0)
  }

  @Test func aServerAddedToAZoneDarkUntilRecoveredStaysDownUntilThen() throws {
    let r = Engine.run(
      Self.scenario(
        events: [
          .failZone(zone: "a", duration: nil), .addServer(Self.added, balancer: "lb"),
          .recoverZone(zone: "a"),
        ],
        at: [10, 20, 45]))
    let web9 = try #require(r.component("web-9"))
    #expect(abs(web9.downTime - 25) < 1e-6, "down \(web9.downTime) s")
    #expect(web9.arrivals > 0)
  }

  @Test func aServerAddedAfterTheZoneCameBackStartsUp() throws {
    let r = Engine.run(
      Self.scenario(
        events: [.failZone(zone: "a", duration: 5), .addServer(Self.added, balancer: "lb")],
        at: [10, 20]))
    #expect(r.component("web-9")?.downTime == 0)
  }

  /// A cache in the zone misses while the zone is dark and comes back empty; every station of
  /// a database in it fails, its replicas too.
  @Test func cachesAndEveryDatabaseStationFailWithTheZone() throws {
    var cache = CacheSpec(name: "sessions", ttl: 600)
    cache.zone = "a"
    cache.warm = true
    var db = DatabaseSpec(name: "orders", replicas: 2, reads: .eventual)
    db.zone = "a"
    var s = Scenario(
      seed: 4, duration: 60, servers: [ServerSpec(name: "web", cores: 4)], caches: [cache],
      databases: [db], traffic: TrafficSpec(rate: 200, readFraction: 1))
    s.events = [TimedEvent(time: 20, action: .failZone(zone: "a", duration: 10))]
    let r = Engine.run(s)
    for station in ["orders", "orders/replica-1", "orders/replica-2"] {
      let down = try #require(r.component(station)).downTime
      #expect(abs(down - 10) < 1e-6, "\(station) down \(down) s")
    }
    let during = r.intervals.filter { $0.start >= 20 && $0.end <= 30 }
    #expect(!during.isEmpty && during.allSatisfy { ($0.hitRate["sessions"] ?? 1) == 0 })
    #expect(r.intervals.filter { $0.end <= 20 }.allSatisfy { ($0.hitRate["sessions"] ?? 0) > 0.9 })
    #expect(
      r.events.contains { $0.component == "sessions" && $0.kind == .recover && $0.time == 30 })
    #expect(r.component("sessions")?.healthy == true)
  }
}
