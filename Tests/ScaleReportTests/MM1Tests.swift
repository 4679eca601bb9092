import Testing

@testable import ScaleReport

@Test func mm1Vector() {
  // λ = 0.8, μ = 1 → W = 5, Wq = 4, L = 4, p50 = 3.466, p99 = 23.026.
  #expect(
    MM1.meanResponse(arrivalRate: 0.8, serviceRate: 1).map { Swift.abs($0 - 5) < 1e-12 } == true)
  #expect(MM1.meanWait(arrivalRate: 0.8, serviceRate: 1).map { Swift.abs($0 - 4) < 1e-12 } == true)
  #expect(
    MM1.meanInSystem(arrivalRate: 0.8, serviceRate: 1).map { Swift.abs($0 - 4) < 1e-12 } == true)
  #expect(
    MM1.responseQuantile(0.5, arrivalRate: 0.8, serviceRate: 1).map {
      Swift.abs($0 - 3.4657) < 1e-4
    } == true)
  #expect(
    MM1.responseQuantile(0.99, arrivalRate: 0.8, serviceRate: 1).map {
      Swift.abs($0 - 23.026) < 1e-3
    } == true)
  #expect(MM1.utilisation(arrivalRate: 0.8, serviceRate: 1) == 0.8)
}

@Test func mm1Unstable() {
  #expect(MM1.meanResponse(arrivalRate: 1, serviceRate: 1) == nil)
  #expect(MM1.responseQuantile(0.99, arrivalRate: 2, serviceRate: 1) == nil)
  #expect(MM1.responseQuantile(1, arrivalRate: 0.5, serviceRate: 1) == nil)
}
