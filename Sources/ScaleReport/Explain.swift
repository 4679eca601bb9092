import ScaleModel

/// A plain-language narration of a run's events for learners (`--explain`): each event in
/// time order becomes a sentence built from its kind and what `RunEventNarration` retells
/// of its fact, and a failure followed by the balancer marking the server down is told as
/// one story, with the time it took. It only restates what the events say.
public enum Explain {
  /// `12 rejected`, `3 timed out`, …: the non-zero causes of `e`.
  static func causes(_ e: ErrorCounts) -> [String] {
    var causes: [String] = []
    if e.rejected > 0 { causes.append(Format.count(e.rejected) + " rejected") }
    if e.timedOut > 0 { causes.append(Format.count(e.timedOut) + " timed out") }
    if e.unavailable > 0 { causes.append(Format.count(e.unavailable) + " unavailable") }
    if e.breakerOpen > 0 { causes.append(Format.count(e.breakerOpen) + " refused by a breaker") }
    return causes
  }

  /// `Route checkout: 32,900 of 33,000 requests completed (100 rejected), taking 7.9ms on
  /// average.`: one route's requests, after the closing paragraph.
  static func routeSentence(_ route: RouteStats) -> String {
    var text =
      "Route " + route.name + ": " + Format.count(route.completed) + " of "
      + Format.count(route.offered) + " requests completed"
    let failed = causes(route.errors)
    if !failed.isEmpty { text += " (" + failed.joined(separator: ", ") + ")" }
    if route.latency.count > 0 {
      text += ", taking " + Format.duration(route.latency.mean) + " on average"
    }
    return text + "."
  }

  /// Why a number moved: errors and p99 in the interval before the event against the one
  /// after it (or the event's own, for the last), when either moved notably — the error share
  /// by at least one percentage point, p99 by a factor of 1.5 or more. Nil otherwise.
  static func movement(at time: Double, in intervals: [IntervalStats]) -> String? {
    guard let k = intervals.firstIndex(where: { time >= $0.start && time < $0.end }), k > 0
    else { return nil }
    let before = intervals[k - 1]
    let after = intervals[Swift.min(k + 1, intervals.count - 1)]
    func share(_ i: IntervalStats) -> Double {
      i.offered > 0 ? Double(i.errors) / Double(i.offered) : 0
    }
    var changes: [String] = []
    let (e0, e1) = (share(before), share(after))
    if abs(e1 - e0) >= 0.01 {
      changes.append("errors went from " + Format.percent(e0) + " to " + Format.percent(e1))
    }
    let (p0, p1) = (before.latency.p99, after.latency.p99)
    if p0 > 0, p1 > 0, p1 / p0 >= 1.5 || p0 / p1 >= 1.5 {
      changes.append("p99 went from " + Format.duration(p0) + " to " + Format.duration(p1))
    }
    guard !changes.isEmpty else { return nil }
    let span =
      Format.clock(before.start) + "–" + Format.clock(before.end) + " against "
      + Format.clock(after.start) + "–" + Format.clock(after.end)
    let text = changes.joined(separator: " and ")
    return "Around it, " + text + " (" + span + ")."
  }

  /// The narration, one paragraph per event, ending in a newline.
  public static func narrate(_ result: RunResult, width: Int = 100) -> String {
    let routes = result.routes.map {
      Wrap.lines(routeSentence($0), width: width).joined(separator: "\n")
    }
    guard !result.events.isEmpty else {
      return
        (["Nothing happened during the run: no failures, scaling or traffic changes."]
        + routes).joined(separator: "\n\n") + "\n"
    }
    var paragraphs: [String] = []
    var failedAt: [String: Double] = [:]
    let names = Set(result.components.map(\.name))
    for event in result.events {
      let at = "At " + Format.clock(event.time) + ", "
      let c = event.component
      var sentence: String
      switch event.kind {
      case .fail:
        failedAt[c] = event.time
        sentence = at + c + " failed: it stops answering requests."
      case .recover:
        sentence = at + c + " recovered and answers again."
        if let since = failedAt[c] {
          sentence += " It had been failed for " + Format.duration(event.time - since) + "."
        }
      case .markedDown:
        if let since = failedAt[c] {
          sentence =
            "The balancer kept sending " + c + " traffic until " + Format.clock(event.time)
            + " (" + Format.duration(event.time - since)
            + " after it failed), when it marked it down and stopped sending it requests."
        } else {
          sentence = at + "the balancer marked " + c + " down."
        }
      case .markedUp:
        sentence = at + "the balancer marked " + c + " up again and sends it traffic."
      case .scaleOut:
        // The event names the new server; its fact names the group and the decision.
        sentence = at + "the autoscaler added server " + c + "."
      case .scaleIn:
        sentence =
          at + "the autoscaler took server " + c
          + " out: it gets no new requests and finishes those it holds."
      case .ready:
        sentence = at + c + " is ready and takes traffic."
      case .addServer:
        sentence = at + "server " + c + " joined."
      case .removeServer:
        sentence = at + "server " + c + " was removed."
      case .scaleUpDone:
        sentence = at + c + " finished scaling up."
      case .ignored:
        sentence = at + "an event could not be applied."
      case .scaleUp:
        sentence = at + c + " was scaled up (vertical scaling)."
      case .breakerOpen:
        sentence =
          at + "circuit breaker " + c + " opened: calls are refused at once instead of waiting."
      case .breakerHalfOpen:
        sentence = at + "circuit breaker " + c + " let a few trial calls through (half-open)."
      case .breakerClosed:
        sentence = at + "circuit breaker " + c + " closed again: calls flow normally."
      case .rate:
        sentence = at + "the offered traffic changed."
      case .nodes:
        sentence = at + "cache " + c + " changed its number of nodes, so some keys moved."
      case .weight:
        sentence = at + "balancer " + c + " shifted traffic: a backend got a new weight."
      case .capped:
        sentence = at + (c.isEmpty ? "the simulation" : c) + " reached a limit of the engine."
      case .warm:
        sentence = at + (c.isEmpty ? "" : c + ": ") + "warm."
      }
      if let told = RunEventNarration.retelling(event, names: names) { sentence += " " + told }
      if let moved = movement(at: event.time, in: result.intervals) { sentence += " " + moved }
      paragraphs.append(Wrap.lines(sentence, width: width).joined(separator: "\n"))
    }
    var closing =
      "In the measured part of the run " + Format.count(result.completed) + " of "
      + Format.count(result.offered) + " requests completed"
    if result.errors.total > 0 {
      closing += "; " + causes(result.errors).joined(separator: ", ") + "."
    } else {
      closing += " and none failed."
    }
    paragraphs.append(Wrap.lines(closing, width: width).joined(separator: "\n"))
    paragraphs += routes
    return paragraphs.joined(separator: "\n\n") + "\n"
  }
}
