import ScaleModel

/// Spreads keys over `shards` database shards by key hash (`KeyRouter`: modulo as the seed's
/// `ShardedDatabase`, or jump / consistent) and counts each shard's load, so a hot shard
/// under skewed keys shows: with Zipf popularity the shard holding the top key receives at
/// least that key's share of requests, however many shards there are.
public struct ShardRouter: Sendable {
  public private(set) var router: KeyRouter
  /// Requests routed to each shard (targeted plus scatter).
  public private(set) var load: [Int]
  /// Scatter-gather requests (each also counted once on every shard).
  public private(set) var scatters = 0

  public init(shards: Int, hashing: KeyHashing, virtualNodes: Int = Defaults.virtualNodes) {
    router = KeyRouter(hashing: hashing, nodes: shards, virtualNodes: virtualNodes)
    load = [Int](repeating: 0, count: router.nodeCount)
  }

  public var shardCount: Int { router.nodeCount }

  /// The shard owning `key` (no counting).
  public func shard(for key: Int) -> Int { router.node(for: key) }

  /// A targeted request for `key`: counts it and returns its shard.
  public mutating func route(_ key: Int) -> Int {
    let s = router.node(for: key)
    load[s] += 1
    return s
  }

  /// A scatter-gather request (the seed's `read_all`): counts it on every shard and returns
  /// the shards to query.
  public mutating func scatter() -> Range<Int> {
    scatters += 1
    for s in load.indices { load[s] += 1 }
    return 0..<shardCount
  }

  /// Share of all shard requests that went to the busiest shard (0 when none).
  public var hottestShare: Double {
    let total = load.reduce(0, +)
    guard total > 0, let top = load.max() else { return 0 }
    return Double(top) / Double(total)
  }

  /// Zeroes the load counters (end of warm-up).
  public mutating func resetCounters() {
    load = [Int](repeating: 0, count: shardCount)
    scatters = 0
  }
}
