import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct SimulationDatabaseTests {
  /// Eventual reads on 2 replicas with constant lag L = 50 ms; writes are Poisson at
  /// w = 5 per key per second (1000 rps, half writes, 100 keys); a read is stale iff a write
  /// committed within the last L, so the stale share is 1 − e^(−wL) = 1 − e^(−0.25).
  @Test func staleReadsMatchPoissonFormula() {
    let scenario = Scenario(
      seed: 11, duration: 210, warmup: 10,
      databases: [
        DatabaseSpec(
          name: "orders", cores: 64, service: .constant(0.001), replicas: 2, lag: .constant(0.05),
          reads: .eventual)
      ],
      traffic: TrafficSpec(rate: 1000, readFraction: 0.5, keys: .uniform(count: 100)))
    let r = Engine.run(scenario)
    guard let db = r.component("orders") else {
      Issue.record("no orders component")
      return
    }
    #expect(db.kind == .database)
    #expect(db.reads > 95_000)
    let share = Double(db.staleReads) / Double(db.reads)
    #expect(abs(share - (1 - exp(-0.25))) < 0.01)
    let r1 = r.component("orders/replica-1")
    let r2 = r.component("orders/replica-2")
    #expect(r1?.kind == .replica && r2?.kind == .replica)
    #expect((r1?.staleReads ?? 0) + (r2?.staleReads ?? 0) == db.staleReads)
    #expect((r1?.reads ?? 0) + (r2?.reads ?? 0) == db.reads)  // the primary serves no reads
    #expect(abs(Double(r1?.reads ?? 0) / Double(db.reads) - 0.5) < 0.01)
  }

  /// Strong reads never go stale.
  @Test func strongReadsAreFresh() {
    let scenario = Scenario(
      seed: 1, duration: 20,
      databases: [DatabaseSpec(name: "orders", replicas: 2, lag: .constant(1))],
      traffic: TrafficSpec(rate: 500, readFraction: 0.5, keys: .uniform(count: 10)))
    let r = Engine.run(scenario)
    #expect(r.component("orders")?.staleReads == 0)
    #expect((r.component("orders")?.reads ?? 0) > 4000)
  }

  /// Scatter-gather over 4 shards with exponential service s and no queueing: the mean answer
  /// time is the mean of the slowest of 4, s × (1 + 1/2 + 1/3 + 1/4).
  @Test func scatterGatherWaitsForTheSlowestShard() {
    let s = 0.01
    let scenario = Scenario(
      seed: 2, duration: 200,
      databases: [
        DatabaseSpec(
          name: "orders", cores: 64, service: .exponential(mean: s), shards: 4, scatterFraction: 1)
      ],
      traffic: TrafficSpec(rate: 200, readFraction: 1))
    let r = Engine.run(scenario)
    #expect(close(r.latency.mean, s * (1 + 1.0 / 2 + 1.0 / 3 + 1.0 / 4), within: 0.03))
    for k in 1...4 {
      let arrivals = r.component("orders/shard-\(k)")?.arrivals ?? 0
      #expect(arrivals >= r.completed && arrivals <= r.completed + 10)  // some still in service
    }
  }

  /// Zipf 1.1 over 10⁴ keys on 4 shards: the top key's shard carries at least p(top key).
  @Test func hotShardIsVisible() {
    let scenario = Scenario(
      seed: 4, duration: 100,
      databases: [DatabaseSpec(name: "orders", cores: 64, service: .constant(0.001), shards: 4)],
      traffic: TrafficSpec(rate: 1000, readFraction: 1, keys: .zipf(exponent: 1.1, count: 10_000)))
    let r = Engine.run(scenario)
    let shards = (1...4).compactMap { r.component("orders/shard-\($0)") }
    #expect(shards.count == 4)
    let total = Double(shards.reduce(0) { $0 + $1.arrivals })
    let top = Double(shards.map(\.arrivals).max() ?? 0) / total
    let zipf = TierTestZipf(exponent: 1.1, count: 10_000)
    #expect(top >= zipf.probability(rank: 0))
    #expect(top > 0.3)
    #expect(r.component("orders")?.arrivals == Int(total))
  }

  /// A failed replica: eventual reads go to the other; a failed primary fails writes.
  @Test func failures() {
    let scenario = Scenario(
      seed: 6, duration: 40,
      databases: [
        DatabaseSpec(
          name: "orders", cores: 16, service: .constant(0.001), replicas: 2, reads: .eventual)
      ],
      traffic: TrafficSpec(rate: 200, readFraction: 0.5),
      events: [
        TimedEvent(time: 10, action: .fail(component: "orders/replica-1", duration: nil)),
        TimedEvent(time: 20, action: .fail(component: "orders", duration: 10)),
      ])
    let r = Engine.run(scenario)
    let kinds = r.events.map { "\($0.kind.rawValue) \($0.component) \(Int($0.time))" }
    #expect(kinds == ["fail orders/replica-1 10", "fail orders 20", "recover orders 30"])
    let replica2 = r.component("orders/replica-2")?.reads ?? 0
    let replica1 = r.component("orders/replica-1")?.reads ?? 0
    #expect(replica2 > 2 * replica1)
    #expect(r.component("orders/replica-1")?.healthy == false)
    // Writes fail for 10 s of 40: about 100 × 10 = 1000 unavailable.
    #expect(abs(Double(r.errors.unavailable) - 1000) < 150)
    #expect(r.component("orders")?.errors.unavailable == r.errors.unavailable)
  }

  /// A timed failure of a sharded database recovers all its primaries with one event; a
  /// scale-up with downtime narrates the scale-up and the return.
  @Test func outagesAndScaleUp() {
    let scenario = Scenario(
      seed: 6, duration: 30,
      databases: [DatabaseSpec(name: "orders", cores: 2, service: .constant(0.001), shards: 2)],
      traffic: TrafficSpec(rate: 100, readFraction: 0.5),
      events: [
        TimedEvent(time: 5, action: .fail(component: "orders", duration: 5)),
        TimedEvent(
          time: 20,
          action: .scaleUp(component: "orders", cores: 16, ramGB: nil, storageGB: nil, downtime: 2)),
      ])
    let r = Engine.run(scenario)
    #expect(r.events.map(\.component) == ["orders", "orders", "orders", "orders"])
    #expect(r.events.map { Int($0.time) } == [5, 10, 20, 22])
    guard r.events.count == 4 else { return }
    if case .stationFailed(.database, _, .some(5)) = r.events[0].fact {
    } else {
      Issue.record("first: \(r.events[0].fact)")
    }
    #expect(r.events[1].fact == .recovered(.init(afterFailurePeriod: true)))
    #expect(r.events[2].fact == .scaledUp(.init(station: .database, cores: 16, downtime: 2)))
    #expect(r.events[3].fact == .backAfterScaleUp(station: .database, cores: 16))
    #expect(r.events.map(\.kind) == [.fail, .recover, .scaleUp, .scaleUpDone])
    #expect(r.component("orders/shard-1")?.cores == 16)
    // Down 5 s + 2 s of 30: about 700 of 3000 requests fail.
    #expect(abs(Double(r.errors.unavailable) - 700) < 100)
  }

  /// Oversized databases are clamped to the documented caps, and the run says so.
  @Test func stationsAreCapped() {
    let r = Engine.run(
      Scenario(
        duration: 1, databases: [DatabaseSpec(name: "big", replicas: 20, shards: 100)],
        traffic: TrafficSpec(rate: 10)))
    #expect(r.events.map(\.kind) == [.capped])
    #expect(r.component("big/shard-64/replica-7") != nil)
    #expect(r.component("big/shard-65") == nil)
    #expect(r.components.filter { $0.name.hasPrefix("big/") }.count == 512)
  }
}
