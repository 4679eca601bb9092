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
    RunEvent(time: 2, component: "y", fact: .ignored(.noSuchComponent(.fail))),
  ]
  #expect(
    Explain.narrate(result)
      == "At 0:01, x: warm.\n\nAt 0:02, an event could not be applied. Cannot fail y: no such"
      + " component.\n\nIn the measured part of the run 10 of 10 requests completed and none failed.\n"
  )
}

/// Component names are identifiers: `web-2 added…` must not become `Web-2 added…`.
@Test func narrationKeepsComponentNamesAsWritten() {
  var result = RunResult(seed: 1, duration: 60)
  result.components = [ComponentStats(name: "web-2", kind: .server)]
  result.events = [
    RunEvent(time: 10, component: "web-2", fact: .serverAdded(behind: nil, cores: 1)),
    RunEvent(time: 20, component: "traffic", fact: .trafficRamps(from: 1, to: 2, over: 10)),
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(text.contains("joined. web-2 added with 1 core."))
  #expect(!text.contains("Web-2"))
  #expect(text.contains("Traffic ramps from 1 rps to 2 rps over 10 s."))
}

/// A scale-out event names the new server; its detail names the balancer, kept as written.
@Test func scaleOutNamesTheNewServerAndItsBalancer() {
  var result = RunResult(seed: 1, duration: 120)
  result.components = [
    ComponentStats(name: "lb", kind: .balancer), ComponentStats(name: "web-4", kind: .server),
  ]
  result.events = [
    RunEvent(
      time: 60, component: "web-4",
      fact: .scaledOut(
        .init(
          group: "lb", reason: .aboveHigh(utilisation: 0.8125, high: 0.7, atMaximum: false),
          from: 3, to: 4))),
    RunEvent(
      time: 100, component: "web-4",
      fact: .scaledIn(
        .init(
          group: "lb", reason: .belowLow(utilisation: 0.2, low: 0.3, atMinimum: false), from: 4,
          to: 3))),
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(
    text.contains(
      "At 1:00, the autoscaler added server web-4. lb: utilisation 81.3% above 70%; 3 → 4"
        + " servers, adding web-4."))
  #expect(
    text.contains(
      "At 1:40, the autoscaler took server web-4 out: it gets no new requests and finishes"
        + " those it holds. lb: utilisation 20% below 30%; 4 → 3 servers, removing web-4."))
}

/// A weight change (`at … set lb web-4 weight 5`) reads as a traffic shift.
@Test func aWeightChangeIsATrafficShift() {
  var result = RunResult(seed: 1, duration: 60)
  result.components = [ComponentStats(name: "lb", kind: .balancer)]
  result.events = [
    RunEvent(time: 40, component: "lb", fact: .weightChanged(server: "v2-1", from: 1, to: 4))
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
      time: 2.5, component: "web-2",
      fact: .stationFailed(station: .server, held: 0, recoversAfter: 60)),
    RunEvent(time: 4.5, component: "web-2", fact: .markedDown(checks: 1, slowerThan: nil)),
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
    RunEvent(time: 10, component: "orders", fact: .backAfterScaleUp(station: .database, cores: 4)),
    RunEvent(
      time: 20, component: "orders", fact: .recovered(.init(afterFailurePeriod: true))),
    RunEvent(
      time: 30, component: "web-3",
      fact: .scaledIn(
        .init(
          group: "web", reason: .belowLow(utilisation: 0.1, low: 0.3, atMinimum: false), from: 3,
          to: 2))),
  ]
  let text = Explain.narrate(result, width: 1000)
  #expect(text.contains("At 0:10, orders finished scaling up.\n"))
  #expect(!text.contains("back with 4 cores"))
  #expect(text.contains("answers again. This came after its failure period.\n"))
  #expect(
    text.contains(
      "those it holds. Web: utilisation 10% below 30%; 3 → 2 servers, removing web-3.\n"))
}
