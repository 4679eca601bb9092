import Testing

@testable import ScaleReport

@Test(arguments: [(8, 5.69), (16, 8.04), (32, 9.03), (64, 7.82)])
func uslCapacityVector(n: Int, capacity: Double) {
  let c = UniversalScalability.capacity(n, sigma: 0.05, kappa: 0.001)
  #expect(Swift.abs(c - capacity) < 0.005)
}

@Test func uslPeakAndEffectiveService() {
  let peak = UniversalScalability.peak(sigma: 0.05, kappa: 0.001) ?? 0
  #expect(Swift.abs(peak - 30.82) < 0.01)
  #expect(UniversalScalability.peak(sigma: 0.05, kappa: 0) == nil)
  // 8 cores with C(8) = 5.69 act like 5.69 cores: each core's mean service grows by 8/5.69.
  let mean = UniversalScalability.effectiveMeanService(
    0.001, cores: 8, contention: .init(sigma: 0.05, kappa: 0.001))
  #expect(
    Swift.abs(mean - 0.001 * 8 / UniversalScalability.capacity(8, sigma: 0.05, kappa: 0.001))
      < 1e-15)
  #expect(UniversalScalability.effectiveMeanService(0.001, cores: 8, contention: nil) == 0.001)
}
