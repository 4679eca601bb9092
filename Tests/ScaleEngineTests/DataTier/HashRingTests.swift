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

  /// The slice directory finds the same point as a search of the whole ring: the first point
  /// at or after the hash, wrapping past the top (random hashes, points themselves and their
  /// neighbours, slice edges; small and resized rings, and one with more points than slices).
  @Test(arguments: [(1, 1), (3, 160), (7, 5), (100, 1000)])
  func sliceLookupAgreesWithAFullSearch(nodes: Int, virtualNodes: Int) {
    var ring = HashRing(nodes: nodes, virtualNodes: virtualNodes)
    func expected(_ h: UInt64) -> Int {
      var low = 0
      var high = ring.points.count
      while low < high {
        let mid = (low + high) / 2
        if ring.points[mid] < h { low = mid + 1 } else { high = mid }
      }
      return Int(ring.owners[low == ring.points.count ? 0 : low])
    }
    var rng = RandomStream(seed: UInt64(nodes))
    for round in 0..<2 {
      var hashes: [UInt64] = [0, UInt64.max, 1 << 63, (1 << 63) - 1]
      for _ in 0..<300 { hashes.append(rng.next()) }
      for _ in 0..<100 {
        let p = ring.points[rng.nextInt(below: ring.points.count)]
        hashes += [p, p &- 1, p &+ 1]
      }
      for k in 0..<64 { hashes.append(UInt64(k) << 58) }
      for h in hashes { #expect(ring.node(forHash: h) == expected(h), "hash \(h)") }
      if round == 0 { ring.resize(to: nodes + 2) }
    }
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
