import Testing

@testable import ScaleEngine

@Suite struct HashRingTests {
  @Test func pointsAreSortedAndCounted() {
    let ring = HashRing(nodes: 3, virtualNodes: 160)
    #expect(ring.points.count == 480)
    #expect(ring.owners.count == 480)
    #expect(zip(ring.points, ring.points.dropFirst()).allSatisfy { $0 <= $1 })
  }

  /// A hash past the last point wraps to the first point's node; a hash equal to a point
  /// belongs to that point's node.
  @Test func wrapAndExactPoint() {
    let ring = HashRing(nodes: 4, virtualNodes: 10)
    guard let last = ring.points.last, let firstOwner = ring.owners.first else {
      Issue.record("empty ring")
      return
    }
    if last < UInt64.max {
      #expect(ring.node(forHash: last + 1) == Int(firstOwner))
    }
    #expect(ring.node(forHash: ring.points[5]) == Int(ring.owners[5]))
    #expect(ring.node(forHash: 0) == Int(firstOwner))
  }

  @Test func resizeKeepsExistingPoints() {
    let small = HashRing(nodes: 2, virtualNodes: 50)
    var big = small
    big.resize(to: 3)
    let kept = Set(zip(big.points, big.owners).filter { $0.1 < 2 }.map(\.0))
    #expect(kept == Set(small.points))
  }

  /// Rings past `maxPoints` give each node fewer points instead of growing without bound.
  @Test func pointsAreCapped() {
    let ring = HashRing(nodes: 1000, virtualNodes: 10_000)
    #expect(ring.pointsPerNode == 2000)
    #expect(ring.points.count == 2_000_000)
    #expect(HashRing(nodes: 10, virtualNodes: 160).pointsPerNode == 160)
  }
}
