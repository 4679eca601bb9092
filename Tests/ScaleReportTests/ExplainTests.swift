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
  #expect(text.hasSuffix("300 rejected, 250 unavailable.\n"))
}

@Test func quietRunsSaySo() {
  #expect(Explain.narrate(RunResult(seed: 1, duration: 60)).hasPrefix("Nothing happened"))
  var result = RunResult(seed: 1, duration: 60, offered: 10, completed: 10)
  result.events = [
    RunEvent(time: 1, kind: .warm, component: "x", detail: ""),
    RunEvent(time: 2, kind: .ignored, component: "y", detail: "cannot fail y: no such component"),
  ]
  #expect(
    Explain.narrate(result)
      == "At 0:01, x: warm.\n\nAt 0:02, an event could not be applied. Cannot fail y: no such"
      + " component.\n\nIn the measured part of the run 10 of 10 requests completed and none failed.\n"
  )
}

/// Component names are identifiers: `web-2 marked down…` must not become `Web-2 marked…`.
@Test func narrationKeepsComponentNamesAsWritten() {
  var result = RunResult(seed: 1, duration: 60)
  result.components = [ComponentStats(name: "web-2", kind: .server)]
  result.events = [
    RunEvent(
      time: 10, kind: .markedDown, component: "web-1",
      account: RunEvent.Account("web-2 marked down", leadingName: "web-2")),
    RunEvent(time: 20, kind: .rate, component: "traffic", detail: "traffic ramps up"),
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(text.contains("web-2 marked down."))
  #expect(!text.contains("Web-2"))
  #expect(text.contains("Traffic ramps up."))
}

/// A scale-out event names the new server; its detail names the balancer, kept as written.
@Test func scaleOutNamesTheNewServerAndItsBalancer() {
  var result = RunResult(seed: 1, duration: 120)
  result.components = [
    ComponentStats(name: "lb", kind: .balancer), ComponentStats(name: "web-4", kind: .server),
  ]
  result.events = [
    RunEvent(
      time: 60, kind: .scaleOut, component: "web-4",
      account: RunEvent.Account(
        "lb: utilisation 81.3% above 70%; 3 → 4 servers, adding web-4", leadingName: "lb")),
    RunEvent(
      time: 100, kind: .scaleIn, component: "web-4",
      account: RunEvent.Account(
        "lb: utilisation 20.0% below 30%; 4 → 3 servers, removing web-4", leadingName: "lb")),
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(
    text.contains(
      "At 1:00, the autoscaler added server web-4. lb: utilisation 81.3% above 70%; 3 → 4"
        + " servers, adding web-4."))
  #expect(
    text.contains(
      "At 1:40, the autoscaler took server web-4 out: it gets no new requests and finishes"
        + " those it holds. lb: utilisation 20.0% below 30%"))
}

/// A weight change (`at … set lb web-4 weight 5`) reads as a traffic shift.
@Test func aWeightChangeIsATrafficShift() {
  var result = RunResult(seed: 1, duration: 60)
  result.components = [ComponentStats(name: "lb", kind: .balancer)]
  result.events = [
    RunEvent(
      time: 40, kind: .weight, component: "lb",
      account: RunEvent.Account("lb: v2-1 weight 1 → 4", leadingName: "lb"))
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(
    text.hasPrefix(
      "At 0:40, balancer lb shifted traffic: a backend got a new weight. lb: v2-1 weight 1 → 4.\n"
    ))
}

/// Issue 10 item 18: each event is told once — a detail that restates the event keeps only
/// what it adds — and the narration says why a number moved.
@Test func eachEventToldOnceAndNumbersThatMovedAreExplained() {
  var result = RunResult(seed: 1, duration: 6)
  result.events = [
    RunEvent(
      time: 2.5, kind: .fail, component: "web-2",
      account: RunEvent.Account(
        restating: "web-2 fails", phrase: "it refuses every request",
        remark: "it recovers after 1 min")),
    RunEvent(
      time: 4.5, kind: .markedDown, component: "web-2",
      account: RunEvent.Account(restating: "web-2 marked down", cause: "after 1 failed check")),
  ]
  result.intervals = (0..<6).map { k in
    var i = IntervalStats(start: Double(k), end: Double(k + 1))
    i.offered = 100
    i.errors = (3...4).contains(k) ? 30 : 0
    return i
  }
  let text = Explain.narrate(result, width: 1000)
  #expect(!text.contains("web-2 fails"))
  #expect(text.contains("It refuses every request; it recovers after 1 min."))
  #expect(!text.contains("web-2 marked down after"))
  #expect(text.contains("This came after 1 failed check."))
  #expect(text.contains("Around it, errors went from 0% to 30% (0:01–0:02 against 0:03–0:04)."))
  #expect(text.contains("Around it, errors went from 30% to 0% (0:03–0:04 against 0:05–0:06)."))
}

/// Issue 10 item 18: with `--explain` the narration takes the timeline's place, so each
/// event is told once and the tally stays the last line; labels never touch their numbers.
@Test func narrationReplacesTheTimelineAndTheTallyStaysLast() {
  var result = RunResult(seed: 1, duration: 60)
  result.offered = 29_888  // the widest number: it used to touch its label
  result.errors.breakerOpen = 29_888
  result.events = [RunEvent(time: 10, kind: .fail, component: "web-1", detail: "")]
  let scenario = Scenario(seed: 1, duration: 60)
  let text = TextReport.render(
    result, scenario: scenario, fileName: "x.scale", color: false,
    narration: Explain.narrate(result))
  #expect(!text.contains("Timeline"))
  #expect(text.contains("What happened\n  At 0:10, web-1 failed"))
  let lines = text.split(separator: "\n")
  #expect(lines.last == "no expectations")
  #expect(text.contains("breaker open 29,888"))
  #expect(!text.contains("open29,888"))
}

/// The narration reads the account's parts, not its sentence: a restating account adds its
/// cause (`This came after …`) or nothing; a leading name that is no component is capitalised.
@Test func narrationReadsTheAccountsParts() {
  var result = RunResult(seed: 1, duration: 60)
  result.components = [ComponentStats(name: "orders", kind: .database)]
  result.events = [
    RunEvent(
      time: 10, kind: .recover, component: "orders",
      account: RunEvent.Account(restating: "orders is back with 4 cores")),
    RunEvent(
      time: 20, kind: .recover, component: "orders",
      account: RunEvent.Account(restating: "orders recovered", cause: "after its failure period")),
    RunEvent(
      time: 30, kind: .scaleIn, component: "web-3",
      account: RunEvent.Account("web: 3 → 2 servers, removing web-3", leadingName: "web")),
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(text.contains("At 0:10, orders recovered and answers again.\n"))
  #expect(!text.contains("back with 4 cores"))
  #expect(text.contains("answers again. This came after its failure period.\n"))
  #expect(text.contains("those it holds. Web: 3 → 2 servers, removing web-3.\n"))
}
