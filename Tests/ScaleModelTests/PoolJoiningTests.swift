import ScaleModel
import Testing

/// The pool a server added during the run joins, and the topology's pools.
@Suite struct PoolJoiningTests {
  static func pool(_ name: String, _ count: Int) -> [ServerSpec] {
    (1...count).map { ServerSpec(name: "\(name)-\($0)", pool: name) }
  }

  @Test func thePoolsAreTheServersThatNameThem() {
    let s = Scenario(
      servers: Self.pool("web", 2) + [ServerSpec(name: "solo")] + Self.pool("api", 1))
    #expect(
      s.topology.pools == [.init(name: "web", members: [0, 1]), .init(name: "api", members: [3])])
    #expect(Scenario(servers: [ServerSpec(name: "a")]).topology.pools.isEmpty)
  }

  @Test func aServerJoinsThePoolEveryServerOfItsBalancerBelongsTo() {
    let web = [Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1)]
    let s = Scenario(
      servers: Self.pool("web", 2) + Self.pool("api", 1) + [ServerSpec(name: "solo")],
      balancers: [
        BalancerSpec(name: "lb", backends: web),
        BalancerSpec(name: "all"),
        BalancerSpec(name: "odd", backends: [Backend(server: "solo", weight: 1)]),
      ])
    let joining = PoolJoining(s)
    let new = ServerSpec(name: "new")
    #expect(joining.pool(joinedBy: new, balancer: nil) == "web")  // the entry balancer, lb
    #expect(joining.pool(joinedBy: new, balancer: "lb") == "web")
    #expect(joining.pool(joinedBy: new, balancer: "all") == nil)  // two pools and a loner
    #expect(joining.pool(joinedBy: new, balancer: "odd") == nil)  // no pool at all
    #expect(joining.pool(joinedBy: new, balancer: "nosuch") == nil)
    // A name numbered in another pool joins none; one numbered in this pool joins it.
    #expect(joining.pool(joinedBy: ServerSpec(name: "v2-1"), balancer: "lb") == nil)
    #expect(joining.pool(joinedBy: ServerSpec(name: "web-9"), balancer: "lb") == "web")
    // An explicit pool wins.
    #expect(joining.pool(joinedBy: ServerSpec(name: "new", pool: "api"), balancer: "lb") == "api")
  }

  @Test func withNoBalancerTheServersTheClientCallsDecide() {
    let one = PoolJoining(Scenario(servers: Self.pool("web", 2)))
    #expect(one.pool(joinedBy: ServerSpec(name: "web-3"), balancer: nil) == "web")
    let loner = PoolJoining(Scenario(servers: [ServerSpec(name: "api")]))
    #expect(loner.pool(joinedBy: ServerSpec(name: "api-2"), balancer: nil) == nil)
  }

  @Test func addedServersPoolsByName() {
    var s = Scenario(
      servers: Self.pool("web", 2), balancers: [BalancerSpec(name: "lb")],
      autoscalers: [AutoscalerSpec(group: "web")],
      events: [
        TimedEvent(time: 1, action: .addServer(ServerSpec(name: "extra"), balancer: nil))
      ])
    s.servers.append(ServerSpec(name: "other"))
    // `lb` has every server, now of two kinds: `extra` joins nothing; web-7 is a scale-out.
    let pools = AddedServerPools(s)
    #expect(pools.pool(of: "extra") == nil)
    #expect(pools.pool(of: "web-7") == "web")
    #expect(pools.pool(of: "api-7") == nil)
    s.servers.removeLast()
    #expect(AddedServerPools(s).pool(of: "extra") == "web")
  }
}
