import ScaleModel
import Testing

@Suite struct StationNamesTests {
  @Test func anUnshardedDatabaseIsItsOwnPrimary() {
    let names = StationNames.stations(of: DatabaseSpec(name: "orders", replicas: 2))
    #expect(names.map(\.name) == ["orders", "orders/replica-1", "orders/replica-2"])
    #expect(names.map(\.kind) == [.database, .replica, .replica])
    #expect(names.map(\.replica) == [nil, 0, 1])
  }

  @Test func shardsNameTheirReplicasUnderThem() {
    let names = StationNames.stations(of: DatabaseSpec(name: "orders", replicas: 1, shards: 2))
    #expect(
      names.map(\.name) == [
        "orders/shard-1", "orders/shard-1/replica-1", "orders/shard-2", "orders/shard-2/replica-1",
      ])
    #expect(names.map(\.kind) == [.shard, .replica, .shard, .replica])
    #expect(names.map(\.shard) == [0, 0, 1, 1])
  }

  @Test func onlySimulatedStationsHaveNames() {
    let big = DatabaseSpec(name: "db", replicas: 100, shards: 10_000)
    #expect(StationNames.shardCount(big) == 64)
    #expect(StationNames.replicaCount(big) == 7)
    #expect(StationNames.stations(of: big).count == 512)
    #expect(StationNames.stations(of: DatabaseSpec(name: "db", replicas: -3, shards: 0)).count == 1)
  }

  @Test func cacheNodesCountFromOne() {
    #expect(StationNames.cacheNode(0, of: "sessions") == "sessions/node-1")
    #expect(StationNames.cacheNode(9, of: "c") == "c/node-10")
  }
}
