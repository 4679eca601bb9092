import ScaleModel
import Testing

@testable import ScaleReport

@Test func failureThenMarkDownIsOneStory() {
  let text = Explain.narrate(Fixtures.shopResult, width: 1000)
  #expect(text.contains("At 5:00, web-2 failed: it stops answering requests."))
  #expect(
    text.contains(
      "The balancer kept sending web-2 traffic until 5:15 (15s after it failed), when it marked it down"
        + " and stopped sending it requests."
    ))
  #expect(text.contains("It had been failed for 30s."))
  #expect(text.hasSuffix("300 rejected, 250 found no server.\n"))
}

@Test func quietRunsSaySo() {
  #expect(Explain.narrate(RunResult(seed: 1, duration: 60)).hasPrefix("Nothing happened"))
  var result = RunResult(seed: 1, duration: 60, offered: 10, completed: 10)
  result.events = [
    RunEvent(time: 1, kind: "mystery", component: "x", detail: ""),
    RunEvent(time: 2, kind: "ignored", component: "y", detail: "cannot fail y: no such component"),
  ]
  #expect(
    Explain.narrate(result)
      == "At 0:01, x: mystery.\n\nAt 0:02, an event could not be applied. Cannot fail y: no such"
      + " component.\n\nIn the measured part of the run 10 of 10 requests completed and none failed.\n"
  )
}
