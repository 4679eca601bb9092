import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// `at … add server`: the pool the new server joins is written into its event (its `pool`,
/// else the one pool every server of its balancer belongs to), and a later `fail POOL`
/// fails it too.
@Suite struct LoweringPoolsTests {
  static let topology = """
    server web count 3
    server api count 2
    balancer lb to web
    balancer side to api, web-1
    traffic 100 rps for 1min

    """

  static func added(_ lines: String) throws -> [String: String?] {
    let result = Frontend.compile(topology + lines)
    let scenario = try #require(result.scenario, "\(result.diagnostics)")
    var out: [String: String?] = [:]
    for e in scenario.events {
      if case .addServer(let spec, _) = e.action { out[spec.name] = .some(spec.pool) }
    }
    return out
  }

  @Test func aServerAddedToAPoolsBalancerJoinsIt() throws {
    let pools = try Self.added(
      """
      at 10s add server web-4
      at 10s add server web-5 to lb
      at 10s add server x to side
      at 10s add server y pool api to lb
      """)
    #expect(pools["web-4"] == .some("web"))  // lb, the entry balancer, has web only
    #expect(pools["web-5"] == .some("web"))
    #expect(pools["x"] == .some(nil))  // side mixes api and web
    #expect(pools["y"] == .some("api"))  // explicit wins
  }

  @Test func poolMustNameAPool() {
    let unknown = Frontend.compile(Self.topology + "at 10s add server y pool wbe\n")
    #expect(unknown.scenario == nil)
    #expect(unknown.diagnostics.contains { $0.message.contains("unknown pool `wbe`") })
    let server = Frontend.compile(Self.topology + "at 10s add server y pool web-1\n")
    #expect(server.scenario == nil)
  }

  @Test func failingAPoolFailsTheServersThatJoinedItBefore() throws {
    let scenario = try #require(
      Frontend.compile(
        Self.topology
          + "at 10s add server web-4\nat 20s fail web for 5s\nat 30s add server web-5\n"
      ).scenario)
    let failed = scenario.events.compactMap { e -> String? in
      if case .fail(let name, _) = e.action { return name }
      return nil
    }
    #expect(failed == ["web-1", "web-2", "web-3", "web-4"])
  }
}
