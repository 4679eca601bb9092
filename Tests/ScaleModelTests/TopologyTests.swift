import ScaleModel
import Testing

@Suite struct TopologyTests {
  typealias Node = Topology.Node

  func edges(_ t: Topology) -> [String] {
    t.edges.map { e in
      "\(e.from.kind.rawValue)\(e.from.index)>\(e.to.kind.rawValue)\(e.to.index)"
        + (e.traffic.rawValue.isEmpty ? "" : " " + e.traffic.rawValue)
        + (e.weight.map { " w\($0)" } ?? "")
    }
  }

  @Test func theDefaultPathGoesThroughTheFirstOfEachKind() {
    let s = Scenario(
      servers: [ServerSpec(name: "a"), ServerSpec(name: "b", weight: 3), ServerSpec(name: "c")],
      balancers: [
        BalancerSpec(
          name: "lb", strategy: .weighted,
          backends: [Backend(server: "a", weight: 1), Backend(server: "b", weight: 3)]),
        BalancerSpec(name: "lb2", backends: [Backend(server: "c", weight: 1)]),
      ],
      caches: [CacheSpec(name: "c1"), CacheSpec(name: "c2")],
      databases: [DatabaseSpec(name: "d1"), DatabaseSpec(name: "d2")],
      queues: [QueueSpec(name: "q1"), QueueSpec(name: "q2")],
      rateLimits: [RateLimitSpec(name: "edge", rate: 100)],
      traffic: TrafficSpec(rate: 10, readFraction: 0.8, asyncFraction: 0.5))
    let t = s.topology
    #expect(
      edges(t) == [
        "client0>rate-limit0", "rate-limit0>balancer0", "balancer0>server0 balanced w1",
        "balancer0>server1 balanced w3", "server0>queue0 async", "server1>queue0 async",
        "server0>cache0 reads", "server1>cache0 reads", "cache0>database0 misses",
        "server0>database0 writes", "server1>database0 writes",
      ])
    #expect(t.entryBalancer == 0)
    #expect(t.servingServers == [0, 1])
    #expect(t.pathQueue == 0 && t.pathCache == 0 && t.pathDatabase == 0)
    #expect(
      t.unreached == [
        Node(.balancer, 1), Node(.server, 2), Node(.queue, 1), Node(.cache, 1),
        Node(.database, 1),
      ])
  }

  @Test func withoutABalancerTheClientCallsEveryServer() {
    let s = Scenario(
      servers: [ServerSpec(name: "a"), ServerSpec(name: "b")],
      databases: [DatabaseSpec(name: "d")], traffic: TrafficSpec(rate: 10))
    #expect(
      edges(s.topology) == [
        "client0>server0", "client0>server1", "server0>database0 reads, writes",
        "server1>database0 reads, writes",
      ])
    #expect(s.topology.entryBalancer == nil)
  }

  @Test func withoutServersTheEntryCallsTheDataTier() {
    let s = Scenario(
      caches: [CacheSpec(name: "c")], databases: [DatabaseSpec(name: "d")],
      traffic: TrafficSpec(rate: 10))
    #expect(
      edges(s.topology) == [
        "client0>cache0 reads", "cache0>database0 misses", "client0>database0 writes",
      ])
  }

  @Test func aKindOfRequestTheTrafficNeverSendsTakesNoEdge() {
    let writesOnly = Scenario(
      servers: [ServerSpec(name: "a")], caches: [CacheSpec(name: "c")],
      databases: [DatabaseSpec(name: "d")], queues: [QueueSpec(name: "q")],
      traffic: TrafficSpec(rate: 10, readFraction: 0))
    #expect(edges(writesOnly.topology) == ["client0>server0", "server0>database0 reads, writes"])
    #expect(writesOnly.topology.unreached == [Node(.queue, 0), Node(.cache, 0)])
    let readsOnly = Scenario(
      servers: [ServerSpec(name: "a")], queues: [QueueSpec(name: "q")],
      traffic: TrafficSpec(rate: 10, readFraction: 1, asyncFraction: 0.5))
    #expect(readsOnly.topology.pathQueue == nil)
  }

  @Test func aBalancerWithNoMembersListedServesEveryServerOnce() {
    let s = Scenario(
      servers: [ServerSpec(name: "a"), ServerSpec(name: "b")],
      balancers: [BalancerSpec(name: "lb")], traffic: TrafficSpec(rate: 10))
    #expect(s.topology.servingServers == [0, 1])
    #expect(Topology.members(of: s.balancers[0], in: s).map(\.server) == ["a", "b"])
    #expect(s.topology.unreached.isEmpty)
  }
}
