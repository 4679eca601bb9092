import ScaleModel

/// Maps key ids to one of N nodes (cache nodes or shards) with one of the three schemes of
/// `KeyHashing`: `modulo` (`hash(key) mod N`, the seed's `DistributedCache`), `consistent`
/// (a `HashRing` with virtual nodes) or `jump` (`JumpHash`). All three hash the key through
/// `KeyMix` first, so the mapping is deterministic and platform independent.
public struct KeyRouter: Sendable, Equatable {
  public let hashing: KeyHashing
  public private(set) var nodeCount: Int
  public let virtualNodes: Int
  private var ring: HashRing?

  /// Largest node count accepted; larger requests are clamped (a documented cap, not a crash).
  public static let maxNodes = 65_536

  /// A router over `nodes` nodes (clamped to `1...maxNodes`).
  public init(hashing: KeyHashing, nodes: Int, virtualNodes: Int = Defaults.virtualNodes) {
    self.hashing = hashing
    self.nodeCount = KeyRouter.clamp(nodes)
    self.virtualNodes = min(max(1, virtualNodes), HashRing.maxVirtualNodes)
    if hashing == .consistent {
      ring = HashRing(nodes: nodeCount, virtualNodes: self.virtualNodes)
    }
  }

  /// The node (0-based) that owns `key`.
  public func node(for key: Int) -> Int {
    let h = KeyMix.hash(key: key)
    switch hashing {
    case .modulo:
      return Int(h % UInt64(nodeCount))
    case .jump:
      return JumpHash.bucket(h, buckets: nodeCount)
    case .consistent:
      return ring?.node(forHash: h) ?? 0
    }
  }

  /// Changes the node count (nodes join or leave at the end: node ids 0..<N stay).
  public mutating func resize(to nodes: Int) {
    nodeCount = KeyRouter.clamp(nodes)
    ring?.resize(to: nodeCount)
  }

  /// The share of keys `0..<keys` whose node changes when `from` nodes become `to`.
  /// Modulo moves N/(N + 1) on N → N + 1; consistent and jump move about 1/(N + 1).
  public static func remapFraction(
    from: Int, to: Int, hashing: KeyHashing, keys: Int,
    virtualNodes: Int = Defaults.virtualNodes
  ) -> Double {
    guard keys > 0 else { return 0 }
    let before = KeyRouter(hashing: hashing, nodes: from, virtualNodes: virtualNodes)
    var after = before
    after.resize(to: to)
    return before.remapFraction(to: after, keys: keys)
  }

  /// The share of keys `0..<keys` that `other` maps to a different node than this router.
  public func remapFraction(to other: KeyRouter, keys: Int) -> Double {
    guard keys > 0 else { return 0 }
    var moved = 0
    for key in 0..<keys where node(for: key) != other.node(for: key) {
      moved += 1
    }
    return Double(moved) / Double(keys)
  }

  private static func clamp(_ n: Int) -> Int { min(max(1, n), maxNodes) }
}
