import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct BalancerStateTests {
  static func balancer(_ strategy: BalancingStrategy, weights: [Int]) -> BalancerState {
    var b = BalancerState(
      name: "lb", strategy: strategy, failover: true, healthCheck: nil, seed: 1)
    for (i, w) in weights.enumerated() { b.addBackend(server: i, weight: w) }
    return b
  }

  @Test func smoothWeightedRoundRobinIsNginxSequence() {
    // semantics-notes §1.2: weights {5, 1, 1} → a a b a c a a, then repeats.
    var b = Self.balancer(.weighted, weights: [5, 1, 1])
    let names = ["a", "b", "c"]
    let picks = (0..<14).map { _ in names[b.smoothWeightedPick()] }
    #expect(picks.joined(separator: " ") == "a a b a c a a a a b a c a a")
  }

  @Test func smoothWeightedSharesFollowWeights() {
    var b = Self.balancer(.weighted, weights: [3, 2, 1])
    var counts = [0, 0, 0]
    for _ in 0..<600 { counts[b.smoothWeightedPick()] += 1 }
    #expect(counts == [300, 200, 100])
  }

  @Test func roundRobinRotatesAndSkipsMarkedDown() {
    var b = Self.balancer(.roundRobin, weights: [1, 1, 1])
    #expect((0..<6).map { _ in b.roundRobinPick() } == [0, 1, 2, 0, 1, 2])
    b.markedDown[1] = true
    b.rebuildEligible()
    #expect((0..<4).map { _ in b.roundRobinPick() } == [0, 2, 0, 2])
    b.markedDown = [true, true, true]
    b.rebuildEligible()
    #expect(b.roundRobinPick() == -1)
  }

  @Test func leastConnectionsPicksFewestPerWeightAndRotatesTies() {
    var b = Self.balancer(.leastConnections, weights: [1, 1, 1])
    let loads = [3, 1, 1]
    #expect(b.leastConnectionsPick { loads[$0] } == 1)
    #expect(b.leastConnectionsPick { loads[$0] } == 2)
    #expect(b.leastConnectionsPick { loads[$0] } == 1)
    var w = Self.balancer(.leastConnections, weights: [4, 1])
    // 6/4 < 2/1: the heavier server wins despite more connections.
    #expect(w.leastConnectionsPick { [6, 2][$0] } == 0)
  }

  /// The scan stops at the first idle backend and compares loads alone when weights are
  /// equal; both must pick exactly what a full weighted scan picks (first least load per
  /// weight in rotation order from the cursor), including after a weight changes.
  @Test(arguments: [false, true])
  func leastConnectionsAgreesWithAFullScan(weighted: Bool) {
    var rng = RandomStream(seed: weighted ? 7 : 8)
    let n = 9
    let weights = (0..<n).map { _ in weighted ? 1 + Int(rng.next() % 4) : 2 }
    var b = Self.balancer(.leastConnections, weights: weights)
    #expect(b.equalWeights == !weighted)
    var reference = b
    for round in 0..<2000 {
      if round == 1000 {
        _ = b.setWeight(server: 3, weight: 5)
        _ = reference.setWeight(server: 3, weight: 5)
      }
      let loads = (0..<n).map { _ in Int(rng.next() % 4) }
      let got = b.leastConnectionsPick { loads[$0] }
      // Reference: every eligible backend, in rotation order from the cursor.
      let m = reference.eligible.count
      if reference.cursor >= m { reference.cursor = 0 }
      var best = reference.cursor
      for k in 1..<m {
        let i = (reference.cursor + k) % m
        let p = reference.eligible[i]
        let q = reference.eligible[best]
        if loads[p] * reference.weights[q] < loads[q] * reference.weights[p] { best = i }
      }
      reference.cursor = best + 1
      #expect(got == reference.eligible[best], "round \(round)")
    }
    #expect(!b.equalWeights)
  }

  @Test func powerOfTwoPicksTheLessLoadedOfTwoDistinct() {
    var b = Self.balancer(.powerOfTwo, weights: [1, 1])
    let loads = [5, 2]
    for _ in 0..<50 { #expect(b.powerOfTwoPick { loads[$0] } == 1) }
    var single = Self.balancer(.powerOfTwo, weights: [1])
    #expect(single.powerOfTwoPick { _ in 0 } == 0)
  }

  @Test func hashIsStableAndSpreads() {
    let b = Self.balancer(.hash, weights: [1, 1, 1, 1])
    var counts = [0, 0, 0, 0]
    for key in 0..<40_000 {
      let p = b.hashPick(key: key)
      #expect(p == b.hashPick(key: key))
      counts[p] += 1
    }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
  }

  @Test func randomIsUniform() {
    var b = Self.balancer(.random, weights: [1, 1, 1, 1, 1])
    var counts = [Int](repeating: 0, count: 5)
    for _ in 0..<50_000 { counts[b.randomPick()] += 1 }
    #expect(counts.allSatisfy { abs($0 - 10_000) < 400 })
  }

  @Test func failoverTargetIsTheLeastLoadedOther() {
    let b = Self.balancer(.roundRobin, weights: [1, 1, 1])
    #expect(b.leastLoadedOther(excluding: 0) { [0, 4, 2][$0] } == 2)
    let one = Self.balancer(.roundRobin, weights: [1])
    #expect(one.leastLoadedOther(excluding: 0) { _ in 0 } == -1)
  }

  @Test func weightsBelowOneBecomeOne() {
    let b = Self.balancer(.weighted, weights: [0, -3])
    #expect(b.weights == [1, 1])
  }
}
