import ScaleModel
import ScaleReport
import Testing

/// An account's parts join into the sentence the reports print.
@Suite struct RunEventAccountTests {
  @Test func aRestatementJoinsItsPartsWithTheirPunctuation() {
    let fail = RunEvent.Account(
      restating: "web-2 fails", phrase: "it refuses every request",
      remark: "it recovers after 30 s")
    #expect(fail.text == "web-2 fails: it refuses every request; it recovers after 30 s")
    let down = RunEvent.Account(restating: "web-2 marked down", cause: "after 3 failed checks")
    #expect(down.text == "web-2 marked down after 3 failed checks")
    let back = RunEvent.Account(
      restating: "web-2 recovered", cause: "after its failure period",
      remark: "it gets traffic again once health checks mark it up")
    #expect(
      back.text
        == "web-2 recovered after its failure period; it gets traffic again once health checks"
        + " mark it up")
  }

  @Test func aPlainPhraseIsTheWholeDetail() {
    let event = RunEvent(time: 1, component: "traffic", fact: .trafficSet(rps: 5))
    #expect(event.detail == "traffic set to 5 rps")
    #expect(event.account.restatement == nil)
    #expect(RunEvent.Account("").text.isEmpty)
  }
}
