import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// Station names (`orders/replica-1`, `orders/shard-2`, `sessions/node-3`) in `fail`,
/// `recover` and `expect`.
@Suite struct LoweringStationsTests {
  static let topology = """
    server web-1
    database orders replicas 2 reads eventual
    shard orders 2
    database users replicas 1
    cache sessions nodes 2
    traffic 100 rps for 1min

    """

  static func compile(_ lines: String) -> CheckResult {
    Frontend.compile(topology + lines)
  }

  @Test(arguments: [
    "at 10s fail orders/shard-1/replica-2 for 5s",
    "at 10s fail orders/shard-2",
    "at 20s recover orders/shard-2",
    "at 10s fail users/replica-1",
    "expect orders/shard-2 utilisation < 80%",
    "expect orders/shard-1/replica-1 stale-reads < 1%",
    "expect users/replica-1 queue-length < 3",
    "expect orders/shard-2 p99 < 50ms",
    "expect sessions/node-2 hit-rate > 10%",
  ])
  func realStationsAreAccepted(line: String) {
    let result = Self.compile(line)
    #expect(!result.hasErrors, "\(CheckHarness.render(result.diagnostics))")
    #expect(result.scenario != nil)
  }

  @Test func theScenarioKeepsTheStationName() throws {
    let scenario = try #require(Self.compile("at 30s fail users/replica-1").scenario)
    #expect(scenario.events.map(\.action) == [.fail(component: "users/replica-1", duration: nil)])
  }

  @Test func nodesAddedAtRunTimeCanBeNamed() {
    #expect(
      !Self.compile("at 5s set sessions nodes 4\nexpect sessions/node-4 hit-rate > 1%")
        .hasErrors)
    #expect(Self.compile("expect sessions/node-3 hit-rate > 1%").hasErrors)
  }

  @Test(arguments: [
    ("at 10s fail orders/shard-3", "E0212", "did you mean `orders/shard-1`?"),
    ("at 10s fail users/replica-2", "E0212", "did you mean `users/replica-1`?"),
    ("at 10s fail ordres/shard-1", "E0212", "did you mean `orders/shard-1`?"),
    (
      "at 10s fail orders/replica-1", "E0212",
      "stations: `orders/shard-1`, `orders/shard-1/replica-1`, `orders/shard-1/replica-2`, "
        + "`orders/shard-2`, `orders/shard-2/replica-1`, `orders/shard-2/replica-2`"
    ),
    (
      "at 10s fail users/shard-1", "E0212",
      "stations: `users/replica-1`"
    ),
    ("expect sessions/node-3 hit-rate > 1%", "E0212", "did you mean `sessions/node-1`?"),
    (
      "at 10s fail sessions/node-1", "E0213",
      "`fail` works on servers, pools, databases, shards or replicas"
    ),
    ("at 10s remove users/replica-1", "E0213", "`remove` works on servers"),
    (
      "expect sessions/node-1 utilisation < 50%", "E0214",
      "`utilisation` is measured on servers, pools, balancers, databases, shards, replicas or queues"
    ),
    (
      "expect orders/shard-1 hit-rate > 1%", "E0214",
      "`hit-rate` is measured on caches or cache nodes"
    ),
    (
      "server a/b", "E0221",
      "`/` names the stations inside a database or cache (`orders/replica-1`); write `a-b`"
    ),
  ])
  func wrongStationsAreRejected(line: String, id: String, help: String) throws {
    let result = Self.compile(line)
    let diagnostic = try #require(
      result.diagnostics.first { $0.severity == .error }, "\(line) checked")
    #expect(diagnostic.id == id, "\(CheckHarness.render(result.diagnostics))")
    #expect(diagnostic.help == help)
    #expect(result.scenario == nil)
  }

  @Test func aDatabaseWithoutStationsSaysHowToGetThem() throws {
    let result = Frontend.compile(
      "database solo\ntraffic 1 rps for 1min\nat 1s fail solo/replica-1")
    let diagnostic = try #require(result.diagnostics.first { $0.id == "E0212" })
    #expect(diagnostic.message == "unknown component `solo/replica-1`")
    #expect(
      diagnostic.help
        == "no such station: a database has `NAME/replica-N` (with `replicas`) and "
        + "`NAME/shard-N` (with `shard`), a cache `NAME/node-N`")
  }

  @Test func clampedStationsHaveNoNames() {
    // 100 shards are simulated as 64: `db/shard-65` does not exist.
    let source = "database db\nshard db 100\ntraffic 1 rps for 1min\n"
    #expect(!Frontend.compile(source + "at 1s fail db/shard-64").hasErrors)
    #expect(Frontend.compile(source + "at 1s fail db/shard-65").hasErrors)
  }
}
