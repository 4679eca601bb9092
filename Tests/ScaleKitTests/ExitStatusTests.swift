import ScaleKit
import Testing

@Test func exitCodesAreDistinct() {
  let codes = ExitStatus.allCases.map(\.rawValue)
  #expect(Set(codes).count == codes.count)
  #expect(ExitStatus.success.rawValue == 0)
  #expect(ExitStatus.expectationFailed.rawValue == 1)
  #expect(ExitStatus.invalidInput.rawValue == 2)
}

@Test func mostSevereOutcomeWins() {
  #expect(ExitStatus.combined([]) == .success)
  #expect(ExitStatus.combined([.success, .expectationFailed]) == .expectationFailed)
  #expect(ExitStatus.combined([.expectationFailed, .invalidInput]) == .invalidInput)
  #expect(ExitStatus.combined([.invalidInput, .ioError, .success]) == .ioError)
  #expect(ExitStatus.combined([.inconclusive, .expectationFailed]) == .inconclusive)
  #expect(ExitStatus.combined([.interrupted, .usage]) == .interrupted)
}
