import ScaleModel

/// A plain-language narration of a run's events for learners (`--explain`): each event in
/// time order becomes a sentence built from its kind and the engine's own detail, and a
/// failure followed by the balancer marking the server down is told as one story, with the
/// time it took. It only restates what the events say.
public enum Explain {
  /// `text` with a capital first letter and a final full stop (the engine's details are
  /// phrases: `traffic ramps from 400 rps to 2400 rps over 20 s`). A phrase that starts
  /// with a component's name keeps it as written (`web-2 marked down…`, `lb: …`).
  static func asSentence(_ text: String, names: Set<String> = []) -> String {
    guard let first = text.first else { return text }
    let firstWord = text.prefix { $0 != " " && $0 != ":" }
    var result = names.contains(String(firstWord)) ? text : first.uppercased() + text.dropFirst()
    if let last = result.last, !".!?".contains(last) { result += "." }
    return result
  }

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
      case "fail":
        failedAt[c] = event.time
        sentence = at + c + " failed: it stops answering requests."
      case "recover":
        sentence = at + c + " recovered and answers again."
        if let since = failedAt[c] {
          sentence += " It had been failed for " + Format.duration(event.time - since) + "."
        }
      case "marked-down":
        if let since = failedAt[c] {
          sentence =
            "The balancer kept sending " + c + " traffic until " + Format.clock(event.time)
            + " (" + Format.duration(event.time - since)
            + " after it failed), when it marked it down and stopped sending it requests."
        } else {
          sentence = at + "the balancer marked " + c + " down."
        }
      case "marked-up":
        sentence = at + "the balancer marked " + c + " up again and sends it traffic."
      case "scale-out":
        // The engine names the new server; its detail names the group and the decision.
        sentence = at + "the autoscaler added server " + c + "."
      case "scale-in":
        sentence =
          at + "the autoscaler took server " + c
          + " out: it gets no new requests and finishes those it holds."
      case "ready":
        sentence = at + c + " is ready and takes traffic."
      case "add-server":
        sentence = at + "server " + c + " joined."
      case "remove-server":
        sentence = at + "server " + c + " was removed."
      case "scale-up-done":
        sentence = at + c + " finished scaling up."
      case "ignored":
        sentence = at + "an event could not be applied."
      case "scale-up":
        sentence = at + c + " was scaled up (vertical scaling)."
      case "breaker-open":
        sentence =
          at + "circuit breaker " + c + " opened: calls are refused at once instead of waiting."
      case "breaker-half-open":
        sentence = at + "circuit breaker " + c + " let a few trial calls through (half-open)."
      case "breaker-closed":
        sentence = at + "circuit breaker " + c + " closed again: calls flow normally."
      case "rate":
        sentence = at + "the offered traffic changed."
      case "nodes":
        sentence = at + "cache " + c + " changed its number of nodes, so some keys moved."
      case "weight":
        sentence = at + "balancer " + c + " shifted traffic: a backend got a new weight."
      default:
        sentence = at + c + ": " + event.kind + "."
      }
      if !event.detail.isEmpty {
        sentence += " " + Explain.asSentence(event.detail, names: names)
      }
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
