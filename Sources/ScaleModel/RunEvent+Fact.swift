extension RunEvent {
  /// What happened, as typed values the engine measured or decided: rates in requests per
  /// second, durations and times in seconds, shares as fractions (0.25 is 25%), counts, and
  /// the names of other components involved. The event's own component is not repeated
  /// here. The report layer turns a fact into words (ScaleReport's `RunEventNarration`);
  /// nothing here is a sentence.
  public enum Fact: Sendable, Equatable, Hashable, Codable {
    // MARK: fail
    /// A server or database failed: requests to it fail, and the `held` it held.
    /// `recoversAfter`: seconds until it comes back by itself (`fail … for`).
    case stationFailed(station: Station, held: Int, recoversAfter: Double?)
    /// A cache failed: its nodes are unreachable. `recoversAfter`: as for a station.
    case cacheFailed(recoversAfter: Double?)
    /// A server joined while its zone is dark, so it starts down. `comesUpAfter`: seconds
    /// until a timed zone outage ends; nil: dark until `recover zone`.
    case startedInDarkZone(zone: String, comesUpAfter: Double?)

    // MARK: recover
    /// A server or database is back.
    case recovered(Recovery)
    /// A cache is back (empty); `afterFailurePeriod`: its outage timed out.
    case cacheRecovered(afterFailurePeriod: Bool)

    // MARK: health checks
    /// Health checks took a server out after `checks` failed checks in a row; `slowerThan`:
    /// the check timeout it answered slower than (nil: it did not answer at all).
    case markedDown(checks: Int, slowerThan: Double?)
    /// Health checks put a server back after `checks` successful checks in a row.
    case markedUp(checks: Int)

    // MARK: autoscaling
    /// An autoscaler added this server (the event's component).
    case scaledOut(AutoscaleStep)
    /// An autoscaler drained this server (the event's component).
    case scaledIn(AutoscaleStep)
    /// A server added by an autoscaler finished its warm-up and takes traffic.
    case warmedUp

    // MARK: scripted changes
    /// `at … add server`: it joined with `cores` cores, behind `behind` (a named balancer).
    case serverAdded(behind: String?, cores: Int)
    /// `at … remove`: it takes no new requests and finishes the `held` it holds.
    case serverRemoved(held: Int)
    /// `at … scale-up`.
    case scaledUp(ScaleUp)
    /// A scale-up's downtime ended: it is back with `cores` cores.
    case backAfterScaleUp(station: Station, cores: Int)
    /// The offered traffic was set to `rps`.
    case trafficSet(rps: Double)
    /// The offered traffic ramps from `from` to `to` rps over `over` seconds.
    case trafficRamps(from: Double, to: Double, over: Double)
    /// The offered traffic spikes to `to` rps for `seconds`.
    case trafficSpikes(to: Double, seconds: Double)
    /// A spike ended: the traffic is back to `rps`.
    case spikeOver(rps: Double)
    /// `at … set LB SERVER weight N`: `server`'s weight went from `from` to `to`.
    case weightChanged(server: String, from: Int, to: Int)
    /// `at … set CACHE nodes N`: `remapped` is the share of keys whose node changed.
    case cacheResized(from: Int, to: Int, remapped: Double)

    // MARK: data tier, limits
    /// A cache started warm with `keys` keys (`mostPopular`: fewer than the key space, the
    /// most popular first).
    case startedWarm(keys: Int, mostPopular: Bool)
    /// More than `limit` of `held` at once: the engine's memory cap; the excess is rejected.
    case capReached(limit: Int, held: CapHeld)
    /// A database larger than the engine simulates: `shards` shards of one primary and
    /// `replicas` replicas (at most `maxShards` shards and `maxStations` stations).
    case databaseCapped(shards: Int, replicas: Int, maxShards: Int, maxStations: Int)

    // MARK: breakers
    /// A circuit breaker opened.
    case breakerOpened(BreakerTrip)
    /// `waited` seconds after it opened, a breaker lets `trialCalls` trial calls through.
    case breakerHalfOpened(waited: Double, trialCalls: Int)
    /// `failed` of `calls` trial calls failed (`failureRate` below `threshold`): closed.
    case breakerClosed(failed: Int, calls: Int, failureRate: Double, threshold: Double)

    // MARK: not applied
    /// An action or declaration could not be applied.
    case ignored(Ignored)

    // MARK: told
    /// An event told in words by whoever made it (a test's fixture); the engine never
    /// makes one (ScaleEngineTests' EngineEmitsFactsTests checks).
    case told(Kind, String)

    /// The kind of event this fact is.
    public var kind: Kind {
      switch self {
      case .stationFailed, .cacheFailed, .startedInDarkZone: return .fail
      case .recovered, .cacheRecovered: return .recover
      case .markedDown: return .markedDown
      case .markedUp: return .markedUp
      case .scaledOut: return .scaleOut
      case .scaledIn: return .scaleIn
      case .warmedUp: return .ready
      case .serverAdded: return .addServer
      case .serverRemoved: return .removeServer
      case .scaledUp: return .scaleUp
      case .backAfterScaleUp: return .scaleUpDone
      case .trafficSet, .trafficRamps, .trafficSpikes, .spikeOver: return .rate
      case .weightChanged: return .weight
      case .cacheResized: return .nodes
      case .startedWarm: return .warm
      case .capReached, .databaseCapped: return .capped
      case .breakerOpened: return .breakerOpen
      case .breakerHalfOpened: return .breakerHalfOpen
      case .breakerClosed: return .breakerClosed
      case .ignored: return .ignored
      case .told(let kind, _): return kind
      }
    }
  }
}
