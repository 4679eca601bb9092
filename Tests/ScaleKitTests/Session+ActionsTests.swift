import Foundation
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
