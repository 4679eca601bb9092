import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// The five examples on the card must check with no error, each on its own line and all
/// together, and lower to exactly these components.
enum Card {
  static let lines = [
    "server web-1 cpu 4",
    "balancer weighted",
    "cache ttl 60 nodes 3",
    "shard 4",
    "autoscale 30..70",
  ]
}

@Test(arguments: Card.lines)
func cardLineChecksWithoutErrors(line: String) {
  let result = Frontend.compile(line)
  #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
  #expect(result.scenario != nil)
}

@Test func cardLinesWarnOnlyWhereHonest() {
  // Alone, a balancer has no servers and an autoscaler has nothing to grow.
  #expect(CheckHarness.ids("server web-1 cpu 4") == [])
  #expect(CheckHarness.ids("balancer weighted") == ["W0200"])
  #expect(CheckHarness.ids("cache ttl 60 nodes 3") == [])
  #expect(CheckHarness.ids("shard 4") == [])
  #expect(CheckHarness.ids("autoscale 30..70") == ["W0205"])
}

@Test func cardLinesTogetherLowerExactly() throws {
  let result = Frontend.compile(Card.lines.joined(separator: "\n"))
  #expect(result.diagnostics.isEmpty, "\(CheckHarness.render(result.diagnostics))")
  let scenario = try #require(result.scenario)
  #expect(
    scenario
      == Scenario(
        servers: [ServerSpec(name: "web-1", cores: 4)],
        balancers: [BalancerSpec(name: "lb", strategy: .weighted)],
        caches: [CacheSpec(name: "cache", ttl: 60, nodes: 3)],
        databases: [DatabaseSpec(name: "db", shards: 4)],
        autoscalers: [AutoscalerSpec(group: "lb", mode: .threshold(low: 0.3, high: 0.7))]))
}

@Test func cardServerLowersToFourCoresWithTheSeedsDefaults() throws {
  let scenario = try #require(Frontend.compile("server web-1 cpu 4").scenario)
  let server = try #require(scenario.servers.first)
  #expect(server.cores == 4)
  #expect(server.maxConnections == 400)
  #expect(server.service == .exponential(mean: 0.001))
}

@Test func eachCardLineLowersExactlyOnItsOwn() {
  #expect(
    Frontend.compile("server web-1 cpu 4").scenario
      == Scenario(servers: [ServerSpec(name: "web-1", cores: 4)]))
  #expect(
    Frontend.compile("balancer weighted").scenario
      == Scenario(balancers: [BalancerSpec(name: "lb", strategy: .weighted)]))
  #expect(
    Frontend.compile("cache ttl 60 nodes 3").scenario
      == Scenario(caches: [CacheSpec(name: "cache", ttl: 60, nodes: 3)]))
  #expect(
    Frontend.compile("shard 4").scenario
      == Scenario(databases: [DatabaseSpec(name: "db", shards: 4)]))
  // Nothing to grow: the autoscaler is dropped (with W0205).
  #expect(Frontend.compile("autoscale 30..70").scenario == Scenario())
}
