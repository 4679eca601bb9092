import ScaleModel
import Testing

@testable import ScaleReport

/// Every fact the engine emits, told in the words the reports print (`detail`) and in what
/// `--explain` adds. The tables cover every case: `name(of:)` has no default, so a new
/// fact does not compile here until it is named, and the coverage tests fail until the
/// table tells it.
@Suite struct RunEventNarrationTests {
  typealias Fact = RunEvent.Fact

  /// (component, fact, the detail the reports print).
  static let told: [(String, Fact, String)] = [
    (
      "web-2", .stationFailed(station: .server, held: 3, recoversAfter: 120),
      "web-2 fails: it refuses every request and the 3 it held fail; it recovers after 2 min"
    ),
    (
      "orders", .stationFailed(station: .database, held: 0, recoversAfter: 120),
      "orders fails: requests to it fail; it recovers after 120 s"
    ),
    (
      "web-2", .stationFailed(station: .server, held: 0, recoversAfter: nil),
      "web-2 fails: it refuses every request"
    ),
    (
      "sessions", .cacheFailed(recoversAfter: 120),
      "sessions fails: its nodes are unreachable, lookups miss and go on to the database; it"
        + " recovers after 2 min"
    ),
    (
      "web-5", .startedInDarkZone(zone: "a", comesUpAfter: 0.5),
      "web-5 starts down: zone a is dark; it comes up with the zone after 500 ms"
    ),
    (
      "web-5", .startedInDarkZone(zone: "a", comesUpAfter: nil),
      "web-5 starts down: zone a is dark until `recover zone a`"
    ),
    (
      "web-2", .recovered(.init(afterFailurePeriod: true, awaitsHealthChecks: true)),
      "web-2 recovered after its failure period; it gets traffic again once health checks mark"
        + " it up"
    ),
    ("web-2", .recovered(.init(afterFailurePeriod: false)), "web-2 recovered"),
    (
      "sessions", .cacheRecovered(afterFailurePeriod: true),
      "sessions recovered after its failure period: its nodes come back empty"
    ),
    (
      "sessions", .cacheRecovered(afterFailurePeriod: false),
      "sessions recovered: its nodes come back empty"
    ),
    ("web-2", .markedDown(checks: 3, slowerThan: nil), "web-2 marked down after 3 failed checks"),
    (
      "slow", .markedDown(checks: 1, slowerThan: 0.25),
      "slow marked down after 1 failed check (answers slower than 250 ms)"
    ),
    ("web-2", .markedUp(checks: 1), "web-2 marked up after 1 successful check"),
    (
      "web-3",
      .scaledOut(
        .init(
          group: "web", reason: .aboveHigh(utilisation: 0.9, high: 0.7, atMaximum: false),
          from: 2, to: 3, behind: "lb", warmup: 30)),
      "web: utilisation 90% above 70%; 2 → 3 servers, adding web-3 behind lb (serving after a"
        + " 30 s warm-up)"
    ),
    (
      "web-3",
      .scaledOut(
        .init(
          group: "web", reason: .belowMinimum(servers: 1, minimum: 3), from: 1, to: 3,
          position: 2, count: 2, behind: "lb", atStart: true)),
      "web: 1 servers, below the minimum of 3; 1 → 3 servers at the start, adding web-3 (2 of 2)"
        + " behind lb"
    ),
    (
      "web-4",
      .scaledIn(
        .init(
          group: "web", reason: .belowLow(utilisation: 0.125, low: 0.3, atMinimum: false),
          from: 4, to: 2, position: 1, count: 2)),
      "web: utilisation 12.5% below 30%; 4 → 2 servers, removing web-4 (1 of 2)"
    ),
    ("web-3", .warmedUp, "web-3 finished warming up and takes traffic"),
    ("web-9", .serverAdded(behind: "lb", cores: 4), "web-9 added behind lb with 4 cores"),
    ("web-9", .serverAdded(behind: nil, cores: 1), "web-9 added with 1 core"),
    ("web-1", .serverRemoved(held: 2), "web-1 removed: no new requests; the 2 it holds finish"),
    (
      "web-1",
      .scaledUp(.init(station: .server, cores: 8, ramGB: 16, downtime: 30, held: 4)),
      "web-1 scales up to 8 cores, 16 GB RAM: down for 30 s, the 4 requests it held fail"
    ),
    (
      "web-1", .scaledUp(.init(station: .server, cores: nil, storageGB: 0.5, downtime: nil)),
      "web-1 scales up to 0.5 GB storage with no downtime"
    ),
    (
      "web-1", .scaledUp(.init(station: .server, cores: nil, downtime: nil)),
      "web-1 scales up to the same size with no downtime"
    ),
    (
      "orders", .scaledUp(.init(station: .database, cores: 16, downtime: 120)),
      "orders scales up to 16 cores: down for 120 s"
    ),
    ("web-1", .backAfterScaleUp(station: .server, cores: 8), "web-1 is back with 8 cores"),
    ("orders", .backAfterScaleUp(station: .database, cores: 16), "orders is back with 16 cores"),
    ("traffic", .trafficSet(rps: 2000), "traffic set to 2000 rps"),
    (
      "traffic", .trafficRamps(from: 400, to: 2400, over: 20),
      "traffic ramps from 400 rps to 2400 rps over 20 s"
    ),
    ("traffic", .trafficSpikes(to: 1.5, seconds: 120), "traffic spikes to 1.5 rps for 2 min"),
    ("traffic", .spikeOver(rps: 4000), "spike over: traffic back to 4000 rps"),
    ("lb", .weightChanged(server: "canary", from: 1, to: 4), "lb: canary weight 1 → 4"),
    (
      "sessions", .cacheResized(from: 3, to: 4, remapped: 0.7494),
      "sessions: 3 → 4 nodes, 74.9% of keys remapped"
    ),
    ("c", .startedWarm(keys: 1, mostPopular: false), "c starts warm with 1 key"),
    (
      "c", .startedWarm(keys: 100, mostPopular: true),
      "c starts warm with 100 keys (the most popular)"
    ),
    (
      "", .capReached(limit: 2_000_000, held: .requestsInFlight),
      "more than 2000000 requests in flight: the engine's memory cap; the excess is rejected"
        + " (docs/engine.md, \"Memory\")"
    ),
    (
      "jobs", .capReached(limit: 100, held: .messagesWaiting),
      "more than 100 messages waiting: the engine's memory cap; the excess is rejected"
        + " (docs/engine.md, \"Memory\")"
    ),
    (
      "orders", .databaseCapped(shards: 64, replicas: 3, maxShards: 64, maxStations: 4096),
      "orders is simulated with 64 shard(s) of 1 primary and 3 replica(s) (at most 64 shards"
        + " and 4096 stations)"
    ),
    (
      "guard",
      .breakerOpened(
        .init(measure: .failures, rate: 0.5, threshold: 0.5, calls: 4, trial: false, wait: 10)),
      "50% of the last 4 calls failed (threshold 50%); refusing calls for 10 s"
    ),
    (
      "guard",
      .breakerOpened(
        .init(
          measure: .slowCalls(slowerThan: 0.5), rate: 1, threshold: 0.8, calls: 2, trial: true,
          wait: 5)),
      "100% of 2 trial calls took longer than 0.5 s (threshold 80%); refusing calls for 5 s"
    ),
    (
      "guard", .breakerHalfOpened(waited: 10, trialCalls: 1),
      "10 s passed since it opened; letting 1 trial call through"
    ),
    (
      "guard", .breakerHalfOpened(waited: 10, trialCalls: 3),
      "10 s passed since it opened; letting 3 trial calls through"
    ),
    (
      "guard", .breakerClosed(failed: 0, calls: 2, failureRate: 0, threshold: 0.5),
      "0 of 2 trial calls failed (0% < 50%); calls flow again"
    ),
    ("nope", .ignored(.noSuchComponent(.fail)), "cannot fail nope: no such component"),
    ("nope", .ignored(.noSuchComponent(.recover)), "cannot recover nope: no such component"),
    ("nope", .ignored(.noSuchComponent(.remove)), "cannot remove nope: no such component"),
    ("nope", .ignored(.noSuchComponent(.scaleUp)), "cannot scale up nope: no such component"),
    ("nope", .ignored(.noSuchComponent(.resize)), "cannot resize nope: no such component"),
    (
      "nope", .ignored(.noSuchComponent(.setWeight)),
      "cannot set a weight on nope: no such component"
    ),
    (
      "lb", .ignored(.notBehindBalancer(server: "ghost")),
      "cannot set the weight of ghost: it is not behind lb"
    ),
    ("web-1", .ignored(.nameTaken), "cannot add web-1: a component has that name"),
    ("api", .ignored(.noAutoscaleGroup), "autoscaler for api: no such pool, balancer or server"),
    (
      "guard", .ignored(.breakerOffPath(target: "orders")),
      "guard guards orders, which is not on the request path"
    ),
    ("web-2", .told(.fail, "Injected by a test."), "Injected by a test."),
  ]

  /// (reason, how it is told).
  static let reasons: [(AutoscaleReason, String)] = [
    (.withinBand(utilisation: 0.5), "utilisation 50% within band"),
    (.belowMinimum(servers: 1, minimum: 2), "1 servers, below the minimum of 2"),
    (.aboveMaximum(servers: 12, maximum: 10), "12 servers, above the maximum of 10"),
    (
      .aboveHigh(utilisation: 0.8, high: 0.7, atMaximum: true),
      "utilisation 80% above 70%, at the maximum"
    ),
    (
      .belowLow(utilisation: 0.1, low: 0.3, atMinimum: true),
      "utilisation 10% below 30%, at the minimum"
    ),
    (.tracking(.init(utilisation: nil, target: 0.5)), "no ready servers to measure"),
    (
      .tracking(.init(utilisation: 0.52, target: 0.5, withinTolerance: true)),
      "utilisation 52% within 10% of the 50% target"
    ),
    (
      .tracking(.init(utilisation: 0.2, target: 0.5, heldAt: 4)),
      "utilisation 20% against a 50% target; held at 4 by the 300 s scale-down stabilisation"
        + " window"
    ),
    (
      .tracking(.init(utilisation: 0.9, target: 0.5, limitedTo: 8)),
      "utilisation 90% against a 50% target; limited to 8 by the scale-up rate (+4 or +100% per"
        + " 15 s)"
    ),
    (.cooldown(cooldown: 60, lastChange: 30), "in cooldown (60 s after the change at 30 s)"),
    (.warmingUp(servers: 2), "scale-in waits while 2 new server(s) warm up"),
  ]

  /// The case of `fact`, by name. No default: a new fact must be named here.
  static func name(of fact: Fact) -> String {
    switch fact {
    case .stationFailed: return "stationFailed"
    case .cacheFailed: return "cacheFailed"
    case .startedInDarkZone: return "startedInDarkZone"
    case .recovered: return "recovered"
    case .cacheRecovered: return "cacheRecovered"
    case .markedDown: return "markedDown"
    case .markedUp: return "markedUp"
    case .scaledOut: return "scaledOut"
    case .scaledIn: return "scaledIn"
    case .warmedUp: return "warmedUp"
    case .serverAdded: return "serverAdded"
    case .serverRemoved: return "serverRemoved"
    case .scaledUp: return "scaledUp"
    case .backAfterScaleUp: return "backAfterScaleUp"
    case .trafficSet: return "trafficSet"
    case .trafficRamps: return "trafficRamps"
    case .trafficSpikes: return "trafficSpikes"
    case .spikeOver: return "spikeOver"
    case .weightChanged: return "weightChanged"
    case .cacheResized: return "cacheResized"
    case .startedWarm: return "startedWarm"
    case .capReached: return "capReached"
    case .databaseCapped: return "databaseCapped"
    case .breakerOpened: return "breakerOpened"
    case .breakerHalfOpened: return "breakerHalfOpened"
    case .breakerClosed: return "breakerClosed"
    case .ignored(.noSuchComponent): return "ignored.noSuchComponent"
    case .ignored(.notBehindBalancer): return "ignored.notBehindBalancer"
    case .ignored(.nameTaken): return "ignored.nameTaken"
    case .ignored(.noAutoscaleGroup): return "ignored.noAutoscaleGroup"
    case .ignored(.breakerOffPath): return "ignored.breakerOffPath"
    case .told: return "told"
    }
  }

  /// Every name `name(of:)` gives.
  static let allNames: Set<String> = [
    "stationFailed", "cacheFailed", "startedInDarkZone", "recovered", "cacheRecovered",
    "markedDown", "markedUp", "scaledOut", "scaledIn", "warmedUp", "serverAdded",
    "serverRemoved", "scaledUp", "backAfterScaleUp", "trafficSet", "trafficRamps",
    "trafficSpikes", "spikeOver", "weightChanged", "cacheResized", "startedWarm", "capReached",
    "databaseCapped", "breakerOpened", "breakerHalfOpened", "breakerClosed",
    "ignored.noSuchComponent", "ignored.notBehindBalancer", "ignored.nameTaken",
    "ignored.noAutoscaleGroup", "ignored.breakerOffPath", "told",
  ]

  /// The case of `reason`, by name. No default.
  static func name(of reason: AutoscaleReason) -> String {
    switch reason {
    case .withinBand: return "withinBand"
    case .belowMinimum: return "belowMinimum"
    case .aboveMaximum: return "aboveMaximum"
    case .aboveHigh: return "aboveHigh"
    case .belowLow: return "belowLow"
    case .tracking: return "tracking"
    case .cooldown: return "cooldown"
    case .warmingUp: return "warmingUp"
    }
  }

  @Test func everyFactIsToldAsTheReportsPrintIt() {
    for (component, fact, detail) in Self.told {
      let event = RunEvent(time: 1, component: component, fact: fact)
      #expect(event.detail == detail, "\(fact)")
      #expect(RunEventNarration.account(event).text == detail)
    }
  }

  @Test func theTableTellsEveryFactEveryKindAndEveryAction() {
    #expect(Set(Self.told.map { Self.name(of: $0.1) }) == Self.allNames)
    #expect(Set(Self.told.map(\.1.kind)) == Set(RunEvent.Kind.allCases))
    let actions = Self.told.compactMap { entry -> Fact.Ignored.Action? in
      if case .ignored(.noSuchComponent(let action)) = entry.1 { return action }
      return nil
    }
    #expect(Set(actions) == Set(Fact.Ignored.Action.allCases))
    #expect(
      Set(
        Self.told.compactMap { entry -> Fact.CapHeld? in
          if case .capReached(_, let held) = entry.1 { return held }
          return nil
        }) == Set(Fact.CapHeld.allCases))
  }

  @Test func everyAutoscaleReasonIsTold() {
    for (reason, text) in Self.reasons {
      #expect(RunEventNarration.reason(reason) == text)
    }
    #expect(Set(Self.reasons.map { Self.name(of: $0.0) }).count == 8)
  }

  /// What `--explain` adds: a restating account gives its phrase or its cause (with its
  /// remark), others are told whole, capitalised unless they begin with a component's name.
  @Test func theRetellingKeepsOnlyWhatTheSentenceDoesNotSay() {
    func retold(_ component: String, _ fact: Fact, names: Set<String> = []) -> String? {
      RunEventNarration.retelling(RunEvent(time: 1, component: component, fact: fact), names: names)
    }
    #expect(
      retold("web-2", .stationFailed(station: .server, held: 0, recoversAfter: 60))
        == "It refuses every request; it recovers after 1 min.")
    #expect(
      retold("web-2", .markedDown(checks: 2, slowerThan: nil)) == "This came after 2 failed checks."
    )
    #expect(
      retold("web-2", .recovered(.init(afterFailurePeriod: true, awaitsHealthChecks: true)))
        == "This came after its failure period; it gets traffic again once health checks mark it"
        + " up.")
    #expect(retold("web-2", .recovered(.init(afterFailurePeriod: false))) == nil)
    #expect(retold("orders", .backAfterScaleUp(station: .database, cores: 4)) == nil)
    #expect(
      retold("web-1", .backAfterScaleUp(station: .server, cores: 4), names: ["web-1"])
        == "web-1 is back with 4 cores.")
    #expect(
      retold("web-1", .backAfterScaleUp(station: .server, cores: 4))
        == "Web-1 is back with 4 cores.")
    #expect(retold("traffic", .trafficSet(rps: 5)) == "Traffic set to 5 rps.")
    #expect(retold("x", .told(.warm, "")) == nil)
  }

  @Test func percentagesRound() {
    #expect(RunEventNarration.percent(0.125) == "12.5%")
    #expect(RunEventNarration.percent(0.6) == "60%")
    #expect(RunEventNarration.percent(.nan) == "?")
    #expect(RunEventNarration.percentOneDecimal(1) == "100.0%")
    #expect(RunEventNarration.percentOneDecimal(0.0004) == "0.0%")
    #expect(RunEventNarration.percentOneDecimal(0.7495) == "75.0%")
  }
}
