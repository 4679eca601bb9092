import Foundation
import ScaleReport
import Testing

@testable import ScaleKit

/// Actions typed without `at` in the REPL session: a backend's new weight and a station's
/// failure apply to the live simulation like any other action.
@Test func aWeightAndAStationFailureTypedNowApplyToTheLiveSimulation() throws {
  let session = Session()
  _ = session.submit("server web count 2")
  _ = session.submit("balancer lb weighted")
  _ = session.submit("database orders replicas 2 reads eventual")
  _ = session.submit("traffic 200 rps for 1min")
  _ = try #require(session.step(seconds: 10))

  let weight = session.submit("set lb web-2 weight 5")
  #expect(weight.accepted, "\(weight.diagnostics)")
  #expect(weight.note == "applied at 10s: set lb web-2 weight 5")
  #expect(session.source.hasSuffix("at 10s set lb web-2 weight 5\n"))
  let events = session.snapshot()?.recentEvents.map(\.detail) ?? []
  #expect(events.contains("lb: web-2 weight 1 → 5"))

  let failed = session.submit("fail orders/replica-1")
  #expect(failed.accepted, "\(failed.diagnostics)")
  #expect(failed.note == "applied at 10s: fail orders/replica-1")
  let replica = session.snapshot()?.components.first { $0.name == "orders/replica-1" }
  #expect(replica?.failed == true)
  #expect(!session.isStale)
}

/// `fail zone a` and `fail POOL` typed now fail every member at once, not only the last one
/// the line expands to.
@Test func aZoneOrPoolFailureTypedNowFailsEveryMember() throws {
  let session = Session()
  _ = session.submit("server web count 3 zone a")
  _ = session.submit("server api count 2")
  _ = session.submit("balancer lb to web")
  _ = session.submit("traffic 100 rps for 1min")
  _ = try #require(session.step(seconds: 5))

  let zone = session.submit("fail zone a")
  #expect(zone.accepted, "\(zone.diagnostics)")
  let pool = session.submit("fail api")
  #expect(pool.accepted, "\(pool.diagnostics)")
  let failed = Set(session.snapshot()?.components.filter(\.failed).map(\.name) ?? [])
  #expect(failed == ["web-1", "web-2", "web-3", "api-1", "api-2"])
  #expect(!session.isStale)
}

/// `add server` typed now joins the pool of its balancer's servers, in the live simulation's
/// pool row; `pool NAME` names another.
@Test func aServerAddedNowJoinsItsBalancersPool() throws {
  let session = Session()
  _ = session.submit("server web count 2")
  _ = session.submit("server api count 1")
  _ = session.submit("balancer lb to web")
  _ = session.submit("traffic 100 rps for 1min")
  _ = try #require(session.step(seconds: 5))

  let added = session.submit("add server web-3 cpu 2")
  #expect(added.accepted, "\(added.diagnostics)")
  #expect(added.note == "applied at 5s: add server web-3 cpu 2")
  let explicit = session.submit("add server spare pool api")
  #expect(explicit.accepted, "\(explicit.diagnostics)")
  _ = try #require(session.step(seconds: 5))
  let pools = session.snapshot()?.components.filter { $0.kind == .pool } ?? []
  #expect(pools.first { $0.name == "web" }?.cores == 4)
  #expect(pools.first { $0.name == "api" }?.cores == 2)
  #expect(!session.isStale)
}
