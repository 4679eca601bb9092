import ScaleEngine
import ScaleKit
import ScaleLanguage
import ScaleModel
import Testing

/// Scripts that fail, recover and measure the stations inside a database by name
/// (`orders/replica-1`, `orders/shard-2`), end to end: checked, lowered, run.
@Suite struct RunnerStationsTests {
  static let replicated = """
    seed 7
    server web-1 cpu 8
    database orders replicas 2 reads eventual
    traffic 400 rps for 1min read 90%
    at 30s fail orders/replica-1
    at 40s fail orders/replica-2

    """

  /// Reads per station at `time`.
  static func reads(_ simulation: Simulation, _ time: Double) -> [String: Int] {
    simulation.run(until: time)
    let result = simulation.result()
    var reads: [String: Int] = [:]
    for name in ["orders", "orders/replica-1", "orders/replica-2"] {
      reads[name] = result.component(name)?.reads ?? -1
    }
    return reads
  }

  @Test func aFailedReplicaGetsNoReadsAndThePrimaryTakesThemWhenNoneIsLeft() throws {
    let compiled = Frontend.compile(Self.replicated)
    let scenario = try #require(compiled.scenario)
    let simulation = Simulation(scenario: scenario)
    let at30 = Self.reads(simulation, 30)
    let at40 = Self.reads(simulation, 40)
    let at60 = Self.reads(simulation, 60)
    // The primary's figure is the database's: every read of every station.
    func own(_ r: [String: Int]) -> Int {
      (r["orders"] ?? 0) - (r["orders/replica-1"] ?? 0) - (r["orders/replica-2"] ?? 0)
    }
    // Before 30 s: eventual reads spread over both replicas, none on the primary.
    #expect(own(at30) == 0)
    #expect((at30["orders/replica-1"] ?? 0) > 4_000)
    #expect((at30["orders/replica-2"] ?? 0) > 4_000)
    // 30–40 s: replica-1 is down; replica-2 takes every read (about 3 600 in 10 s).
    #expect(at40["orders/replica-1"] == at30["orders/replica-1"])
    let second = (at40["orders/replica-2"] ?? 0) - (at30["orders/replica-2"] ?? 0)
    #expect(second > 3_300 && second < 3_900)
    #expect(own(at40) == 0)
    // After 40 s no replica is up: reads go to the primary (the seed's fallback).
    #expect(at60["orders/replica-2"] == at40["orders/replica-2"])
    let primary = own(at60) - own(at40)
    #expect(primary > 6_700 && primary < 7_700)
    let result = simulation.result()
    let failed = result.events.filter { $0.kind == .fail }.map(\.component)
    #expect(failed == ["orders/replica-1", "orders/replica-2"])
    #expect(result.component("orders/replica-1")?.healthy == false)
  }

  @Test func anExpectationOnAShardIsJudgedOnThatShard() throws {
    let source = """
      seed 3
      server web-1 cpu 8
      database orders service 2ms
      shard orders 2
      traffic 400 rps for 30s read 50%
      at 10s fail orders/shard-2 for 5s
      expect orders/shard-1 utilisation < 20%
      expect orders/shard-2 errors > 5%
      expect orders/shard-1 errors < 0.1%

      """
    let outcome = Runner.run(source: source, fileName: "shards.scale")
    let result = try #require(outcome.result)
    #expect(result.verdicts.map(\.outcome) == [.pass, .pass, .pass])
    let shard1 = try #require(result.component("orders/shard-1"))
    let measured = try #require(result.verdicts.first?.measured)
    #expect(measured == shard1.utilisation)
  }
}
