import Testing

@testable import ScaleReport

@Test func littlesLaw() {
  #expect(LittlesLaw.meanInSystem(arrivalRate: 0.8, meanTime: 5) == 4)
  #expect(LittlesLaw.meanTime(meanInSystem: 4, arrivalRate: 0.8) == 5)
  #expect(LittlesLaw.meanTime(meanInSystem: 4, arrivalRate: 0) == nil)
  #expect(
    Swift.abs(LittlesLaw.relativeError(meanInSystem: 4.2, arrivalRate: 0.8, meanTime: 5) - 0.05)
      < 1e-12)
  #expect(LittlesLaw.relativeError(meanInSystem: 0, arrivalRate: 0, meanTime: 5) == 0)
}
