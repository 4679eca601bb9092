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
  /// For each of the 2^b equal slices of the hash space (by a hash's top b bits), the index
  /// of the first point at or after the slice's start, then `points.count`: a look-up
  /// searches one slice (about one point) instead of the whole ring (every cached read and
  /// fill, and every write's invalidation, looks a key up here).
  private var sliceStart: [Int32] = []
  /// 64 − b.
  private var sliceShift: UInt64 = 63

  /// Most slices: 2^16 (a quarter of a megabyte for the largest rings).
  static let maxSliceBits = 16

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
    // First index with points[i] >= h (binary search within h's slice: the first point
    // at or after h is at or after the slice's first one, and at or before the next
    // slice's), wrapping to 0.
    let slice = Int(truncatingIfNeeded: h &>> sliceShift)
    var low = 0
    var high = points.count
    if slice &+ 1 < sliceStart.count {
      low = Int(sliceStart[slice])
      high = Int(sliceStart[slice &+ 1])
    }
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
    var bits = 1
    while bits < HashRing.maxSliceBits && (1 << bits) < points.count { bits += 1 }
    sliceShift = UInt64(64 - bits)
    sliceStart = []
    sliceStart.reserveCapacity((1 << bits) + 1)
    var i = 0
    for slice in 0..<(1 << bits) {
      let start = UInt64(slice) << sliceShift
      while i < points.count && points[i] < start { i += 1 }
      sliceStart.append(Int32(truncatingIfNeeded: i))
    }
    sliceStart.append(Int32(truncatingIfNeeded: points.count))
  }
}
