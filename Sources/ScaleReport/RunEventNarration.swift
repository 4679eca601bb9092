import ScaleEngine
import ScaleModel

extension RunEvent {
  /// The event in words, in parts (`RunEventNarration.account`).
  public var account: Account { RunEventNarration.account(self) }
  /// The event in one phrase, as every report prints it (text timeline, JSON `detail`, HTML,
  /// the REPL's recent events): `web-2 fails: it refuses every request`.
  public var detail: String { account.text }
}

/// The one place run events become words. The engine records what happened as a typed fact
/// (`RunEvent.Fact`: numbers, names, causes); this turns a fact into the account every
/// report prints (`detail`) and into what `--explain` retells (`retelling`). Durations are
/// spoken (`2 min`, `250 ms`) where they come from the script's timeline and in seconds
/// (`60 s`) where they are a setting (breaker waits, warm-ups, database outages), rates in
/// rps with up to three decimals, shares as percentages.
public enum RunEventNarration {
  /// The account of `event`, in parts.
  public static func account(_ event: RunEvent) -> RunEvent.Account {
    let c = event.component
    switch event.fact {
    case .stationFailed(let station, let held, let recoversAfter):
      return RunEvent.Account(
        restating: c + " fails",
        phrase: (station == .server ? "it refuses every request" : "requests to it fail")
          + (held > 0 ? " and the \(held) it held fail" : ""),
        remark: recoversAfter.map { "it recovers after " + outage($0, station) })
    case .cacheFailed(let recoversAfter):
      return RunEvent.Account(
        restating: c + " fails",
        phrase: "its nodes are unreachable, lookups miss and go on to the database",
        remark: recoversAfter.map { "it recovers after " + spoken($0) })
    case .startedInDarkZone(let zone, let comesUpAfter):
      guard let after = comesUpAfter else {
        return RunEvent.Account(
          restating: c + " starts down", phrase: "zone \(zone) is dark until `recover zone \(zone)`"
        )
      }
      return RunEvent.Account(
        restating: c + " starts down", phrase: "zone \(zone) is dark",
        remark: "it comes up with the zone after " + spoken(after))
    case .recovered(let recovery):
      return RunEvent.Account(
        restating: c + " recovered", cause: recovery.afterFailurePeriod ? afterItsPeriod : nil,
        remark: recovery.awaitsHealthChecks
          ? "it gets traffic again once health checks mark it up" : nil)
    case .cacheRecovered(let afterFailurePeriod):
      return RunEvent.Account(
        restating: c + " recovered", cause: afterFailurePeriod ? afterItsPeriod : nil,
        phrase: "its nodes come back empty")
    case .markedDown(let checks, let slowerThan):
      return RunEvent.Account(
        restating: c + " marked down",
        cause: "after " + count(checks, "failed check")
          + (slowerThan.map { " (answers slower than " + spoken($0) + ")" } ?? ""))
    case .markedUp(let checks):
      return RunEvent.Account(
        restating: c + " marked up", cause: "after " + count(checks, "successful check"))
    case .scaledOut(let step):
      let behind = step.behind.map { " behind " + $0 } ?? ""
      let warmup = step.warmup.map { " (serving after a " + seconds($0) + " warm-up)" } ?? ""
      return RunEvent.Account(
        autoscale(step, server: c, adding: true) + behind + warmup, leadingName: step.group)
    case .scaledIn(let step):
      return RunEvent.Account(autoscale(step, server: c, adding: false), leadingName: step.group)
    case .warmedUp:
      return RunEvent.Account(c + " finished warming up and takes traffic", leadingName: c)
    case .serverAdded(let behind, let cores):
      return RunEvent.Account(
        c + " added" + (behind.map { " behind " + $0 } ?? "") + " with " + count(cores, "core"),
        leadingName: c)
    case .serverRemoved(let held):
      return RunEvent.Account(
        c + " removed: no new requests; the \(held) it holds finish", leadingName: c)
    case .scaledUp(let size):
      return RunEvent.Account(scaleUp(size, name: c), leadingName: c)
    case .backAfterScaleUp(let station, let cores):
      // A database's is told as a restatement (`--explain` adds nothing to its sentence),
      // a server's as a phrase that begins with its name.
      let text = c + " is back with \(cores) cores"
      return station == .database
        ? RunEvent.Account(restating: text) : RunEvent.Account(text, leadingName: c)
    case .trafficSet(let rps):
      return RunEvent.Account("traffic set to " + rate(rps))
    case .trafficRamps(let from, let to, let over):
      return RunEvent.Account(
        "traffic ramps from " + rate(from) + " to " + rate(to) + " over " + spoken(over))
    case .trafficSpikes(let to, let seconds):
      return RunEvent.Account("traffic spikes to " + rate(to) + " for " + spoken(seconds))
    case .spikeOver(let rps):
      return RunEvent.Account("spike over: traffic back to " + rate(rps))
    case .weightChanged(let server, let from, let to):
      return RunEvent.Account(c + ": \(server) weight \(from) → \(to)", leadingName: c)
    case .cacheResized(let from, let to, let remapped):
      return RunEvent.Account(
        c + ": \(from) → \(to) nodes, " + percentOneDecimal(remapped) + " of keys remapped",
        leadingName: c)
    case .startedWarm(let keys, let mostPopular):
      return RunEvent.Account(
        c + " starts warm with " + count(keys, "key") + (mostPopular ? " (the most popular)" : ""),
        leadingName: c)
    case .capReached(let limit, let held):
      return RunEvent.Account(
        "more than \(limit) " + words(held) + ": the engine's memory cap; the excess is "
          + "rejected (docs/engine.md, \"Memory\")")
    case .databaseCapped(let shards, let replicas, let maxShards, let maxStations):
      return RunEvent.Account(
        c + " is simulated with \(shards) shard(s) of 1 primary and \(replicas) replica(s) "
          + "(at most \(maxShards) shards and \(maxStations) stations)", leadingName: c)
    case .breakerOpened(let trip):
      return RunEvent.Account(breakerTrip(trip) + "; refusing calls for " + seconds(trip.wait))
    case .breakerHalfOpened(let waited, let trialCalls):
      return RunEvent.Account(
        seconds(waited) + " passed since it opened; letting " + count(trialCalls, "trial call")
          + " through")
    case .breakerClosed(let failed, let calls, let failureRate, let threshold):
      return RunEvent.Account(
        "\(failed) of \(calls) trial calls failed (" + percent(failureRate) + " < "
          + percent(threshold) + "); calls flow again")
    case .ignored(let why):
      return ignored(why, name: c)
    case .told(_, let text):
      return RunEvent.Account(text)
    }
  }

  /// What `--explain` adds to the sentence it already told for `event`, so each event is
  /// told once: an account that restates the event (`web-2 fails: it refuses every
  /// request`, `web-2 marked down after 1 failed check`) gives only its phrase (`It refuses
  /// every request.`) or else its cause (`This came after 1 failed check.`), with its
  /// remark; other accounts are told whole, keeping a leading name that is one of `names`
  /// (the run's components) as written. Nil when nothing is left to tell.
  public static func retelling(_ event: RunEvent, names: Set<String>) -> String? {
    let account = account(event)
    let tail = account.remark.map { "; " + $0 } ?? ""
    guard account.restatement != nil else {
      let whole = account.text
      guard !whole.isEmpty else { return nil }
      let keepsCase = account.leadingName.map(names.contains) ?? false
      return asSentence(whole, keepsCase: keepsCase)
    }
    if let phrase = account.phrase { return asSentence(phrase + tail) }
    if let cause = account.cause { return asSentence("This came " + cause + tail) }
    return nil
  }

  /// `text` with a capital first letter and a final full stop (accounts are phrases:
  /// `traffic ramps from 400 rps to 2400 rps over 20 s`), unless `keepsCase` (a phrase that
  /// begins with a component's name keeps it as written: `lb: …`).
  static func asSentence(_ text: String, keepsCase: Bool = false) -> String {
    guard let first = text.first else { return text }
    var result = keepsCase ? text : first.uppercased() + text.dropFirst()
    if let last = result.last, !".!?".contains(last) { result += "." }
    return result
  }

  // MARK: - Parts

  static let afterItsPeriod = "after its failure period"

  /// `web: utilisation 80% above 70%; 2 → 3 servers, adding web-3`: the group, why, the
  /// step and the server (with its place in the step when the step has several, or raised
  /// the group to its minimum when the run started).
  static func autoscale(_ step: RunEvent.Fact.AutoscaleStep, server: String, adding: Bool)
    -> String
  {
    let which =
      step.atStart || step.count > 1 ? server + " (\(step.position) of \(step.count))" : server
    return step.group + ": " + reason(step.reason) + "; \(step.from) → \(step.to) servers"
      + (step.atStart ? " at the start" : "") + (adding ? ", adding " : ", removing ") + which
  }

  /// Why an autoscaler decided what it did: `utilisation 80% above 70%`.
  public static func reason(_ reason: AutoscaleReason) -> String {
    switch reason {
    case .withinBand(let u):
      return "utilisation " + percent(u) + " within band"
    case .belowMinimum(let servers, let minimum):
      return "\(servers) servers, below the minimum of \(minimum)"
    case .aboveMaximum(let servers, let maximum):
      return "\(servers) servers, above the maximum of \(maximum)"
    case .aboveHigh(let u, let high, let atMaximum):
      return "utilisation " + percent(u) + " above " + percent(high)
        + (atMaximum ? ", at the maximum" : "")
    case .belowLow(let u, let low, let atMinimum):
      return "utilisation " + percent(u) + " below " + percent(low)
        + (atMinimum ? ", at the minimum" : "")
    case .tracking(let t):
      var text: String
      if let u = t.utilisation {
        text =
          t.withinTolerance
          ? "utilisation " + percent(u) + " within " + percent(Defaults.hpaTolerance) + " of the "
            + percent(t.target) + " target"
          : "utilisation " + percent(u) + " against a " + percent(t.target) + " target"
      } else {
        text = "no ready servers to measure"
      }
      if let held = t.heldAt {
        text +=
          "; held at \(held) by the " + seconds(AutoscalerPolicy.downscaleStabilisation)
          + " scale-down stabilisation window"
      }
      if let limited = t.limitedTo {
        text +=
          "; limited to \(limited) by the scale-up rate (+\(AutoscalerPolicy.scaleUpPods) or "
          + "+100% per " + seconds(AutoscalerPolicy.scaleUpPeriod) + ")"
      }
      return text
    case .cooldown(let cooldown, let lastChange):
      return "in cooldown (" + seconds(cooldown) + " after the change at " + seconds(lastChange)
        + ")"
    case .warmingUp(let servers):
      return "scale-in waits while \(servers) new server(s) warm up"
    }
  }

  /// `scales up to 8 cores, 16 GB RAM: down for 30 s, the 4 requests it held fail`.
  static func scaleUp(_ size: RunEvent.Fact.ScaleUp, name: String) -> String {
    var parts: [String] = []
    if let cores = size.cores { parts.append("\(cores) cores") }
    if let ram = size.ramGB { parts.append(Format.upToThreeDecimals(ram) + " GB RAM") }
    if let storage = size.storageGB {
      parts.append(Format.upToThreeDecimals(storage) + " GB storage")
    }
    let target = parts.isEmpty ? "the same size" : parts.joined(separator: ", ")
    guard let downtime = size.downtime else {
      return name + " scales up to " + target + " with no downtime"
    }
    let held = size.held ?? 0
    return name + " scales up to " + target + ": down for " + outage(downtime, size.station)
      + (held > 0 ? ", the \(held) requests it held fail" : "")
  }

  /// `50% of the last 10 calls failed (threshold 50%)`.
  static func breakerTrip(_ trip: RunEvent.Fact.BreakerTrip) -> String {
    let calls = trip.trial ? "\(trip.calls) trial calls" : "the last \(trip.calls) calls"
    switch trip.measure {
    case .failures:
      return percent(trip.rate) + " of " + calls + " failed (threshold " + percent(trip.threshold)
        + ")"
    case .slowCalls(let slowerThan):
      return percent(trip.rate) + " of " + calls + " took longer than " + seconds(slowerThan)
        + " (threshold " + percent(trip.threshold) + ")"
    }
  }

  static func ignored(_ why: RunEvent.Fact.Ignored, name: String) -> RunEvent.Account {
    switch why {
    case .noSuchComponent(let action):
      return RunEvent.Account("cannot " + verb(action) + " " + name + ": no such component")
    case .notBehindBalancer(let server):
      return RunEvent.Account(
        "cannot set the weight of " + server + ": it is not behind " + name)
    case .nameTaken:
      return RunEvent.Account("cannot add " + name + ": a component has that name")
    case .noAutoscaleGroup:
      return RunEvent.Account("autoscaler for " + name + ": no such pool, balancer or server")
    case .breakerOffPath(let target):
      return RunEvent.Account(
        name + " guards " + target + ", which is not on the request path", leadingName: name)
    }
  }

  /// The action an ignored event could not apply, as a verb: `cannot scale up web-9`.
  static func verb(_ action: RunEvent.Fact.Ignored.Action) -> String {
    switch action {
    case .fail: return "fail"
    case .recover: return "recover"
    case .remove: return "remove"
    case .scaleUp: return "scale up"
    case .resize: return "resize"
    case .setWeight: return "set a weight on"
    }
  }

  static func words(_ held: RunEvent.Fact.CapHeld) -> String {
    switch held {
    case .requestsInFlight: return "requests in flight"
    case .messagesWaiting: return "messages waiting"
    }
  }

  // MARK: - Numbers

  /// `3 failed checks`, `1 core`.
  static func count(_ n: Int, _ noun: String) -> String {
    "\(n) " + noun + (n == 1 ? "" : "s")
  }

  /// `2000 rps`, `1.5 rps`.
  static func rate(_ rps: Double) -> String {
    Format.upToThreeDecimals(rps) + " rps"
  }

  /// `2 min`, `250 ms`, `30 s`: a moment of the script's timeline.
  static func spoken(_ seconds: Double) -> String {
    Format.duration(seconds, .spoken)
  }

  /// `60 s`, `0.5 s`: a setting in seconds.
  static func seconds(_ seconds: Double) -> String {
    Format.duration(seconds, .seconds)
  }

  /// How long a station is down: a server's spoken, a database's in seconds.
  static func outage(_ seconds: Double, _ station: RunEvent.Fact.Station) -> String {
    station == .server ? spoken(seconds) : self.seconds(seconds)
  }

  /// `60%`, `12.5%`: a share, to a tenth of a percent when not whole.
  static func percent(_ fraction: Double) -> String {
    let p = (fraction * 1000).rounded() / 10
    guard p.isFinite else { return "?" }
    if p == p.rounded(), abs(p) < 1e15 { return "\(Int(p))%" }
    return "\(p)%"
  }

  /// `74.9%` (one decimal, rounded half away from zero).
  static func percentOneDecimal(_ fraction: Double) -> String {
    let tenths = (fraction * 1000).rounded()
    guard tenths.isFinite, abs(tenths) < 1e15 else { return "?%" }
    let t = Int(tenths)
    let sign = t < 0 ? "-" : ""
    return "\(sign)\(abs(t) / 10).\(abs(t) % 10)%"
  }
}
