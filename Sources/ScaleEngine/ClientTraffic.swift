import ScaleModel

/// What the client sends: the rate profile and the arrival process (the next arrival's time
/// is one of the loop's three event sources), the read/write mix and key popularity, and the
/// client timeout. The arrival process itself is in `SimulationCore+Arrivals.swift`.
struct ClientTraffic {
  var profile: RateProfile
  var poisson: Bool
  var nextArrival = Double.infinity
  var lastArrival: Double = 0
  var arrivalRng: RandomStream
  var mixRng: RandomStream
  var keyRng: RandomStream
  let keySampler: KeySampler
  /// Whether requests draw a key (hash balancing, a data tier, routes) and a read/write kind
  /// (a data tier).
  var needsKeys = false
  var needsMix = false
  var readFraction: Double
  var timeout: Double?
  /// Bumped by every spike, so a stale spike end does nothing.
  var spikeEpoch: UInt32 = 0

  init(_ traffic: TrafficSpec?, seed: UInt64) {
    profile = RateProfile(traffic: traffic)
    arrivalRng = RandomStream(seed: seed, purpose: "arrivals")
    mixRng = RandomStream(seed: seed, purpose: "mix")
    keyRng = RandomStream(seed: seed, purpose: "keys")
    keySampler = KeySampler(traffic?.keys ?? .uniform(count: Defaults.keyCount))
    let rf = traffic?.readFraction ?? Defaults.readFraction
    readFraction = rf.isFinite ? Swift.min(Swift.max(rf, 0), 1) : Defaults.readFraction
    if let t = traffic?.timeout, t.isFinite, t > 0 { timeout = t }
    poisson = (traffic?.arrivals ?? .poisson) == .poisson
  }
}
