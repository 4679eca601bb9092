import ScaleKit
import ScaleModel
import Testing

@Test(arguments: [
  (0.975, 1, 12.706205), (0.975, 9, 2.262157), (0.975, 30, 2.042272), (0.995, 4, 4.604095),
  (0.95, 20, 1.724718),
])
func studentTQuantilesMatchTables(p: Double, nu: Int, expected: Double) {
  #expect(abs(StudentT.quantile(p, degreesOfFreedom: nu) - expected) < 1e-4)
}

@Test func estimateOfKnownSample() {
  // mean 5, sample sd sqrt(2.5); t(0.975, 4) = 2.776445
  let e = Replications.estimate([3, 4, 5, 6, 7], level: 0.95)
  #expect(e.mean == 5)
  #expect(abs(e.halfWidth - 2.776445 * (2.5 / 5).squareRoot()) < 1e-4)
}

@Test func seedsAreDistinctAndStable() {
  let seeds = (0..<100).map { Replications.seed(42, replication: $0) }
  #expect(Set(seeds).count == 100)
  #expect(seeds[0] == Replications.seed(42, replication: 0))
}

@Test func threeWayVerdicts() {
  let expectation = Expectation(metric: .latency(quantile: 0.99), comparison: .less, bound: 0.2)
  func results(_ values: [Double]) -> [RunResult] {
    values.map {
      RunResult(
        seed: 0, duration: 1,
        verdicts: [Verdict(expectation: expectation, outcome: .pass, measured: $0)])
    }
  }
  let pass = Replications.verdicts(results([0.10, 0.11, 0.12]), expectations: [expectation])
  #expect(pass[0].outcome == .pass)
  let fail = Replications.verdicts(results([0.30, 0.31, 0.32]), expectations: [expectation])
  #expect(fail[0].outcome == .fail)
  let unsure = Replications.verdicts(results([0.15, 0.25, 0.19]), expectations: [expectation])
  #expect(unsure[0].outcome == .inconclusive)
  #expect(unsure[0].interval?.contains(0.2) == true)
}
