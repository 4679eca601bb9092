/// A consistent-hash ring with virtual nodes (Karger et al., STOC 1997; ketama as in nginx's
/// `hash … consistent`): every node owns `virtualNodes` points; a key belongs to the first
/// point at or after its hash, wrapping past the top.
///
/// Points depend only on (node, virtual node), so going from N to N + 1 nodes adds the new
/// node's points and moves only the keys that now fall just before them (expected
/// 1/(N + 1) of the keys; per-node share spread ≈ 1/√V).
public struct HashRing: Sendable, Equatable {
  /// Sorted ring points and, in the same order, the node that owns each.
  public private(set) var points: [UInt64] = []
  public private(set) var owners: [Int32] = []
  public private(set) var nodeCount: Int
  public let virtualNodes: Int

  /// Largest virtual-node count per node accepted (more only costs memory).
  public static let maxVirtualNodes = 10_000
  /// Largest ring: with more than this many points in all, each node gets
  /// `maxPoints / nodes` points (at least 1), so memory and build time stay bounded.
  public static let maxPoints = 2_000_000

  /// Points per node actually placed.
  public var pointsPerNode: Int { max(1, min(virtualNodes, HashRing.maxPoints / nodeCount)) }

  /// A ring of `nodes` nodes (at least 1) with `virtualNodes` points each (clamped to
  /// `1...maxVirtualNodes`).
  public init(nodes: Int, virtualNodes: Int) {
    self.nodeCount = max(1, nodes)
    self.virtualNodes = min(max(1, virtualNodes), HashRing.maxVirtualNodes)
    rebuild()
  }

  /// Changes the node count; nodes 0..<min(old, new) keep their points.
  public mutating func resize(to nodes: Int) {
    let n = max(1, nodes)
    guard n != nodeCount else { return }
    nodeCount = n
    rebuild()
  }

  /// The node owning a key hash.
  public func node(forHash h: UInt64) -> Int {
    // First index with points[i] >= h (binary search), wrapping to 0.
    var low = 0
    var high = points.count
    while low < high {
      let mid = low + (high - low) / 2
      if points[mid] < h { low = mid + 1 } else { high = mid }
    }
    if low == points.count { low = 0 }
    return owners.isEmpty ? 0 : Int(owners[low])
  }

  private mutating func rebuild() {
    let perNode = pointsPerNode
    var pairs: [(UInt64, Int32)] = []
    pairs.reserveCapacity(nodeCount * perNode)
    for node in 0..<nodeCount {
      for v in 0..<perNode {
        pairs.append((KeyMix.point(node: node, vnode: v), Int32(truncatingIfNeeded: node)))
      }
    }
    // Ties (vanishingly rare) are broken by node id so the ring is deterministic.
    pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
    points = pairs.map(\.0)
    owners = pairs.map(\.1)
  }
}
