import Testing

@testable import ScaleReport

@Test func pkMatchesMM1AndMD1() {
  // M/D/1, λ = 0.8, μ = 1 → Wq = 2.0 (half of M/M/1's 4).
  let md1 = PollaczekKhinchine.meanWait(arrivalRate: 0.8, meanService: 1, squaredCV: 0)
  #expect(md1.map { Swift.abs($0 - 2) < 1e-12 } == true)
  let mm1 = PollaczekKhinchine.meanWait(arrivalRate: 0.8, meanService: 1, squaredCV: 1)
  #expect(mm1.map { Swift.abs($0 - 4) < 1e-12 } == true)
  let w = PollaczekKhinchine.meanResponse(arrivalRate: 0.8, meanService: 1, squaredCV: 0)
  #expect(w.map { Swift.abs($0 - 3) < 1e-12 } == true)
  #expect(PollaczekKhinchine.meanWait(arrivalRate: 1, meanService: 1, squaredCV: 1) == nil)
}
