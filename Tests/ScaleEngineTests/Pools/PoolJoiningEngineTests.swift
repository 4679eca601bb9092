import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

/// A server added during the run joins a pool by `PoolJoining`'s rule, also for events built
/// in code (a checked script's event names the pool already).
@Suite struct PoolJoiningEngineTests {
  static func scenario(_ action: EventAction, backends: [Backend] = []) -> Scenario {
    var servers = PoolTests.members("web", count: 2, cores: 1, service: 0.002)
    servers.append(ServerSpec(name: "api-1", pool: "api", service: .exponential(mean: 0.002)))
    return Scenario(
      seed: 4, duration: 20, servers: servers,
      balancers: [
        BalancerSpec(name: "lb", strategy: .roundRobin, backends: backends),
        BalancerSpec(
          name: "side", strategy: .roundRobin, backends: [Backend(server: "api-1", weight: 1)]),
      ],
      traffic: TrafficSpec(rate: 300), events: [TimedEvent(time: 5, action: action)])
  }

  static let toWeb = [Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1)]

  @Test func aServerAddedToAPoolsBalancerJoinsThePool() throws {
    let r = Engine.run(
      Self.scenario(.addServer(ServerSpec(name: "web-3"), balancer: nil), backends: Self.toWeb))
    let pool = try #require(r.component("web"))
    #expect(pool.cores == 3)
    let added = try #require(r.component("web-3"))
    #expect(added.arrivals > 0)
    let members = ["web-1", "web-2", "web-3"].compactMap { r.component($0) }
    #expect(pool.arrivals == members.reduce(0) { $0 + $1.arrivals })
    #expect(r.intervals.last?.utilisation["web"] != nil)
  }

  @Test func anExplicitPoolWinsAndAMixedBalancerJoinsNone() throws {
    var spec = ServerSpec(name: "extra")
    spec.pool = "api"
    let explicit = Engine.run(Self.scenario(.addServer(spec, balancer: "lb"), backends: Self.toWeb))
    #expect(explicit.component("api")?.cores == 2)
    #expect(explicit.component("web")?.cores == 2)
    // lb names no backends: every server, of two pools, so the new one joins neither.
    let mixed = Engine.run(Self.scenario(.addServer(ServerSpec(name: "extra"), balancer: "lb")))
    #expect(mixed.component("web")?.cores == 2)
    #expect(mixed.component("api")?.cores == 1)
    let side = Engine.run(Self.scenario(.addServer(ServerSpec(name: "extra"), balancer: "side")))
    #expect(side.component("api")?.cores == 2)
  }
}
