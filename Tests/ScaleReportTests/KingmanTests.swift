import Testing

@testable import ScaleReport

@Test func kingmanIsExactForMM1AndHalvesForDeterministicService() {
  let mm1 = Kingman.meanWait(utilisation: 0.8, arrivalSCV: 1, serviceSCV: 1, meanService: 1)
  #expect(mm1.map { Swift.abs($0 - 4) < 1e-12 } == true)
  let md1 = Kingman.meanWait(utilisation: 0.8, arrivalSCV: 1, serviceSCV: 0, meanService: 1)
  #expect(md1.map { Swift.abs($0 - 2) < 1e-12 } == true)
  #expect(Kingman.meanWait(utilisation: 1, arrivalSCV: 1, serviceSCV: 1, meanService: 1) == nil)
}

@Test func allenCunneenScalesErlangC() {
  // c = 10, λ = 8, μ = 1: Wq(M/M/10) = 0.204590; D/M/10 halves it; M/M/10 keeps it.
  let mmc = Kingman.meanWait(
    servers: 10, arrivalRate: 8, meanService: 1, arrivalSCV: 1, serviceSCV: 1)
  #expect(mmc.map { Swift.abs($0 - 0.204590) < 1e-6 } == true)
  let dmc = Kingman.meanWait(
    servers: 10, arrivalRate: 8, meanService: 1, arrivalSCV: 0, serviceSCV: 1)
  #expect(dmc.map { Swift.abs($0 - 0.102295) < 1e-6 } == true)
}
