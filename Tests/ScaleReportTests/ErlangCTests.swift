import Testing

@testable import ScaleReport

private func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
  guard let a else { return false }
  return Swift.abs(a - b) <= tolerance
}

// Test vectors of semantics-notes §10 (μ = 1).
@Test(arguments: [
  (2, 1.5, 0.642857, 1.285714), (4, 3.0, 0.509434, 0.509434), (10, 8.0, 0.409180, 0.204590),
  (16, 14.0, 0.508482, 0.254241),
])
func erlangCVectors(servers: Int, lambda: Double, c: Double, wq: Double) {
  #expect(close(ErlangC.waitProbability(servers: servers, load: lambda), c))
  #expect(close(ErlangC.meanWait(servers: servers, arrivalRate: lambda, serviceRate: 1), wq))
}

@Test func erlangCResponseAndQuantiles() {
  #expect(close(ErlangC.meanResponse(servers: 2, arrivalRate: 1.5, serviceRate: 1), 2.285714))
  #expect(
    close(ErlangC.waitQuantile(0.99, servers: 10, arrivalRate: 8, serviceRate: 1), 1.8558, 1e-4))
  // Below the wait probability's complement the quantile is zero.
  #expect(ErlangC.waitQuantile(0.5, servers: 10, arrivalRate: 8, serviceRate: 1) == 0)
  // c = 1 reduces to M/M/1: p99 of the time in system is ln(100)/(μ − λ).
  #expect(
    close(
      ErlangC.responseQuantile(0.99, servers: 1, arrivalRate: 0.8, serviceRate: 1), 23.02585, 1e-4))
  // The tail at the quantile is 1 %.
  let t = ErlangC.responseQuantile(0.99, servers: 4, arrivalRate: 3, serviceRate: 1) ?? 0
  #expect(close(ErlangC.responseTail(t, servers: 4, arrivalRate: 3, serviceRate: 1), 0.01, 1e-9))
  // θ = μ: c = 2, λ = 1 gives cμ − λ = μ, the special case.
  #expect(close(ErlangC.responseTail(0, servers: 2, arrivalRate: 1, serviceRate: 1), 1))
}

@Test func erlangBAndInvalidInput() {
  #expect(close(ErlangC.blocking(servers: 2, load: 1.5), 0.3103448))
  #expect(ErlangC.blocking(servers: 0, load: 3) == 1)
  #expect(ErlangC.waitProbability(servers: 2, load: 2.5) == 1)
  #expect(ErlangC.meanWait(servers: 2, arrivalRate: 2, serviceRate: 1) == nil)
  #expect(ErlangC.meanWait(servers: 0, arrivalRate: 0.5, serviceRate: 1) == nil)
  #expect(ErlangC.blocking(servers: 3, load: .nan) == nil)
  #expect(ErlangC.blocking(servers: ErlangC.maximumServers + 1, load: 1) == nil)
  // Large c stays finite and accurate (no factorial overflow).
  let big = ErlangC.waitProbability(servers: 5000, load: 4900) ?? -1
  #expect(big > 0 && big < 1)
}
