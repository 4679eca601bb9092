import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct BalancerStateWeightTests {
  static func balancer(_ strategy: BalancingStrategy, weights: [Int]) -> BalancerState {
    var b = BalancerState(name: "lb", strategy: strategy, failover: true, healthCheck: nil, seed: 1)
    for (i, w) in weights.enumerated() { b.addBackend(server: i, weight: w) }
    return b
  }

  @Test func smoothWeightedSharesFollowTheNewWeight() {
    var b = Self.balancer(.weighted, weights: [4, 4, 4, 1])
    var before = [0, 0, 0, 0]
    for _ in 0..<1300 { before[b.smoothWeightedPick()] += 1 }
    #expect(before == [400, 400, 400, 100])
    #expect(b.setWeight(server: 3, weight: 8) == 1)
    #expect(b.weights == [4, 4, 4, 8])
    var after = [0, 0, 0, 0]
    for _ in 0..<2000 { after[b.smoothWeightedPick()] += 1 }
    #expect(after == [400, 400, 400, 800])
  }

  @Test func theCurrentWeightIsKept() {
    // nginx: only weight and effective weight change; the running current weights stay.
    var b = Self.balancer(.weighted, weights: [5, 1, 1])
    _ = (0..<3).map { _ in b.smoothWeightedPick() }
    let current = b.currentWeights
    _ = b.setWeight(server: 1, weight: 5)
    #expect(b.currentWeights == current)
    // With {5, 5, 1} every 11 picks give a and b five each and c one.
    var counts = [0, 0, 0]
    for _ in 0..<110 { counts[b.smoothWeightedPick()] += 1 }
    #expect(counts == [50, 50, 10])
  }

  @Test func leastConnectionsDividesByTheNewWeight() {
    var b = Self.balancer(.leastConnections, weights: [1, 1])
    // Server 0 holds 2 connections, server 1 holds 3: server 0 wins at equal weights…
    let load: (Int) -> Int = { $0 == 0 ? 2 : 3 }
    #expect(b.leastConnectionsPick(load: load) == 0)
    // …but 3 / 2 < 2 / 1 once server 1 weighs 2.
    _ = b.setWeight(server: 1, weight: 2)
    #expect(b.leastConnectionsPick(load: load) == 1)
  }

  @Test func weightsAreClampedAndUnknownServersIgnored() {
    var b = Self.balancer(.weighted, weights: [2, 3])
    #expect(b.setWeight(server: 0, weight: 0) == 2)
    #expect(b.setWeight(server: 1, weight: Int.max) == 3)
    #expect(b.weights == [1, BalancerState.maximumWeight])
    #expect(b.setWeight(server: 7, weight: 4) == nil)
    #expect(b.weights == [1, BalancerState.maximumWeight])
  }
}
