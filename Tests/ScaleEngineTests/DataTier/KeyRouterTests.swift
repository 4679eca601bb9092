import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct KeyRouterTests {
  /// N → N + 1 with 100k keys: modulo moves N/(N + 1), jump and the ring about 1/(N + 1).
  @Test(arguments: [
    (KeyHashing.modulo, 10.0 / 11.0, 0.004),
    (KeyHashing.jump, 1.0 / 11.0, 0.003),
    (KeyHashing.consistent, 1.0 / 11.0, 0.025),
  ])
  func remapTenToEleven(hashing: KeyHashing, expected: Double, tolerance: Double) {
    let f = KeyRouter.remapFraction(from: 10, to: 11, hashing: hashing, keys: 100_000)
    #expect(abs(f - expected) < tolerance)
  }

  @Test(arguments: [KeyHashing.modulo, .jump, .consistent])
  func sameCountMovesNothing(hashing: KeyHashing) {
    #expect(KeyRouter.remapFraction(from: 7, to: 7, hashing: hashing, keys: 10_000) == 0)
  }

  /// Consistent schemes only move keys onto the new node when one is added.
  @Test(arguments: [KeyHashing.jump, .consistent])
  func movedKeysGoToTheNewNode(hashing: KeyHashing) {
    let before = KeyRouter(hashing: hashing, nodes: 3)
    var after = before
    after.resize(to: 4)
    var moved = 0
    for key in 0..<20_000 {
      let a = before.node(for: key)
      let b = after.node(for: key)
      if a != b {
        moved += 1
        #expect(b == 3)
      }
    }
    #expect(abs(Double(moved) / 20_000 - 0.25) < 0.03)
  }

  /// Every scheme spreads uniform keys evenly: each of 8 nodes gets 1/8 ± 2.5 points of
  /// share (the ring's 160 virtual nodes give ≈ 8 % relative spread).
  @Test(arguments: [KeyHashing.modulo, .jump, .consistent])
  func balance(hashing: KeyHashing) {
    let router = KeyRouter(hashing: hashing, nodes: 8)
    var counts = [Int](repeating: 0, count: 8)
    for key in 0..<80_000 { counts[router.node(for: key)] += 1 }
    for c in counts { #expect(abs(Double(c) / 80_000 - 0.125) < 0.025) }
  }

  @Test func badInputIsClamped() {
    let zero = KeyRouter(hashing: .modulo, nodes: 0)
    #expect(zero.nodeCount == 1)
    #expect(zero.node(for: -5) == 0)
    let huge = KeyRouter(hashing: .jump, nodes: Int.max)
    #expect(huge.nodeCount == KeyRouter.maxNodes)
    let n = huge.node(for: Int.min)
    #expect(n >= 0 && n < KeyRouter.maxNodes)
    let ring = KeyRouter(hashing: .consistent, nodes: 2, virtualNodes: -3)
    #expect(ring.virtualNodes == 1)
    #expect([0, 1].contains(ring.node(for: 42)))
  }

  @Test func routingIsDeterministicAcrossInstances() {
    let a = KeyRouter(hashing: .consistent, nodes: 5)
    let b = KeyRouter(hashing: .consistent, nodes: 5)
    for key in 0..<1000 { #expect(a.node(for: key) == b.node(for: key)) }
  }
}
