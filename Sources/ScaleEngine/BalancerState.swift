import ScaleModel

/// One balancer's routing state. Backends are positions 0..<count; `eligible` lists the
/// positions that are neither marked down by health checks nor draining (removed), in backend
/// order, and is rebuilt only when that changes. Selection never looks at the connection limit:
/// a refusal is handled by the simulation's failover.
struct BalancerState {
  var name: String
  var strategy: BalancingStrategy
  var failover: Bool
  var healthCheck: HealthCheckSpec?
  /// Server index of each backend position.
  var servers: [Int] = []
  /// Set through `addBackend` and `setWeight`, which keep `equalWeights`.
  private(set) var weights: [Int] = []
  /// Every backend has the same weight (the usual case): least-connections compares loads
  /// alone (l·w < b·w ⟺ l < b).
  private(set) var equalWeights = true
  /// nginx smooth weighted round robin state.
  var currentWeights: [Int] = []
  var markedDown: [Bool] = []
  var draining: [Bool] = []
  var consecutiveFails: [Int] = []
  var consecutiveOks: [Int] = []
  var eligible: [Int] = []
  var cursor = 0
  var rng: RandomStream
  var healthRng: RandomStream
  /// Requests routed here, and their outcomes (warm-up excluded at report time).
  var counters = StationCounters()
  var warmupCounters = StationCounters()
  /// Shown in results (false for the implicit balancer of several servers without one).
  var reported: Bool

  init(
    name: String, strategy: BalancingStrategy, failover: Bool, healthCheck: HealthCheckSpec?,
    seed: UInt64, reported: Bool = true
  ) {
    self.name = name
    self.strategy = strategy
    self.failover = failover
    self.healthCheck = healthCheck
    self.reported = reported
    rng = RandomStream(seed: seed, purpose: "routing:" + name)
    healthRng = RandomStream(seed: seed, purpose: "health:" + name)
  }

  var count: Int { servers.count }

  /// Backend position `p` gets weight `w` (already clamped); `equalWeights` follows.
  mutating func assignWeight(_ w: Int, at p: Int) {
    guard p >= 0, p < weights.count else { return }
    weights[p] = w
    equalWeights = weights.allSatisfy { $0 == w }
  }

  /// Weights are clamped to 1…1 000 000 (nginx requires ≥ 1; the bound keeps the smooth WRR
  /// sums far from overflow).
  static let maximumWeight = 1_000_000

  /// Adds a backend (weight clamped to 1…`maximumWeight`) and returns its position.
  @discardableResult
  mutating func addBackend(server: Int, weight: Int) -> Int {
    servers.append(server)
    let w = Swift.min(Swift.max(1, weight), BalancerState.maximumWeight)
    if let first = weights.first, first != w { equalWeights = false }
    weights.append(w)
    currentWeights.append(0)
    markedDown.append(false)
    draining.append(false)
    consecutiveFails.append(0)
    consecutiveOks.append(0)
    // A new backend is neither marked down nor draining and comes last in backend order, so
    // appending keeps `eligible` exactly what a rebuild would give (a rebuild per backend made
    // setting up a pool of n servers O(n²)).
    eligible.append(servers.count - 1)
    return servers.count - 1
  }

  /// The backend position of a server, if it is behind this balancer.
  func position(ofServer server: Int) -> Int? {
    servers.firstIndex(of: server)
  }

  /// Brings position `p`'s membership of `eligible` up to date after its `markedDown` or
  /// `draining` flag changed: the same list and cursor as `rebuildEligible`, by a binary search
  /// instead of a pass over every backend (a health check marking a pool of n servers down
  /// one by one was O(n²)).
  mutating func updateEligible(_ p: Int) {
    guard p >= 0, p < servers.count else { return }
    var low = 0
    var high = eligible.count
    while low < high {
      let mid = (low + high) / 2
      if eligible[mid] < p { low = mid + 1 } else { high = mid }
    }
    let present = low < eligible.count && eligible[low] == p
    let wanted = !markedDown[p] && !draining[p]
    if wanted && !present {
      eligible.insert(p, at: low)
    } else if !wanted && present {
      eligible.remove(at: low)
    }
    if cursor >= eligible.count { cursor = 0 }
  }

  mutating func rebuildEligible() {
    eligible.removeAll(keepingCapacity: true)
    for p in 0..<servers.count where !markedDown[p] && !draining[p] {
      eligible.append(p)
    }
    if cursor >= eligible.count { cursor = 0 }
  }

  /// Plain rotation over eligible backends.
  mutating func roundRobinPick() -> Int {
    let n = eligible.count
    guard n > 0 else { return -1 }
    if cursor >= n { cursor = 0 }
    let p = eligible[cursor]
    cursor += 1
    return p
  }

  /// nginx's smooth weighted round robin (ngx_http_upstream_get_peer): every eligible peer's
  /// current weight grows by its weight; the largest (first on ties) is chosen and loses the
  /// total. Weights {5, 1, 1} give a a b a c a a.
  mutating func smoothWeightedPick() -> Int {
    var best = -1
    var total = 0
    for p in eligible {
      currentWeights[p] += weights[p]
      total += weights[p]
      if best < 0 || currentWeights[p] > currentWeights[best] { best = p }
    }
    if best >= 0 { currentWeights[best] -= total }
    return best
  }

  /// nginx least_conn: the smallest connections/weight (compared as a·w_b < b·w_a); ties go to
  /// the first one in rotation order starting after the previous pick (a round robin among
  /// equals).
  mutating func leastConnectionsPick(load: (Int) -> Int) -> Int {
    let n = eligible.count
    guard n > 0 else { return -1 }
    if cursor >= n { cursor = 0 }
    var bestIndex = cursor
    var bestPos = eligible[cursor]
    var bestLoad = load(servers[bestPos])
    var i = cursor + 1
    // An idle backend cannot be beaten (loads are not negative; ties keep the first), so the
    // scan stops at the first one: below saturation that is usually within a few backends.
    // Two loops rather than one with the test inside: the compiler does not hoist it, and
    // the one loop cost 60 instructions a request on least-connections over 10.
    var left = n - 1
    if equalWeights {
      while left > 0 && bestLoad > 0 {
        if i == n { i = 0 }
        let p = eligible[i]
        let l = load(servers[p])
        if l < bestLoad {
          bestIndex = i
          bestPos = p
          bestLoad = l
        }
        i += 1
        left -= 1
      }
    } else {
      while left > 0 && bestLoad > 0 {
        if i == n { i = 0 }
        let p = eligible[i]
        let l = load(servers[p])
        if l * weights[bestPos] < bestLoad * weights[p] {
          bestIndex = i
          bestPos = p
          bestLoad = l
        }
        i += 1
        left -= 1
      }
    }
    cursor = bestIndex + 1
    return bestPos
  }

  /// Uniform over eligible backends.
  mutating func randomPick() -> Int {
    let n = eligible.count
    guard n > 0 else { return -1 }
    return eligible[rng.nextInt(below: n)]
  }

  /// Power of two choices (Mitzenmacher): two distinct random eligible backends, the one with
  /// fewer requests present wins (the first drawn on ties).
  mutating func powerOfTwoPick(load: (Int) -> Int) -> Int {
    let n = eligible.count
    guard n > 1 else { return n == 1 ? eligible[0] : -1 }
    let i = rng.nextInt(below: n)
    var j = rng.nextInt(below: n - 1)
    if j >= i { j += 1 }
    let a = eligible[i]
    let b = eligible[j]
    return load(servers[b]) < load(servers[a]) ? b : a
  }

  /// hash(key) mod eligible backends (nginx `hash` without `consistent`; keys move when the
  /// eligible set changes). The key is mixed with SplitMix64's finaliser first.
  func hashPick(key: Int) -> Int {
    let n = eligible.count
    guard n > 0 else { return -1 }
    return eligible[Int(BalancerState.mix(UInt64(truncatingIfNeeded: key)) % UInt64(n))]
  }

  static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Failover target: the eligible backend other than `excluding` with the fewest requests
  /// present per weight (first in backend order on ties), or −1.
  func leastLoadedOther(excluding: Int, load: (Int) -> Int) -> Int {
    leastLoadedOther(excluding: CollectionOfOne(excluding), accepts: { _ in true }, load: load)
  }

  /// Failover target: the eligible backend at no position in `tried` (the ones this request
  /// already tried: nginx's `proxy_next_upstream` never offers a request twice to one peer)
  /// whose server `accepts` (backends that would refuse are passed over in the same scan,
  /// so one scan of the pool finds the next peer that takes the request), with the fewest
  /// requests present per weight (first in backend order on ties), or −1.
  func leastLoadedOther(
    excluding tried: some Collection<Int>, accepts: (Int) -> Bool, load: (Int) -> Int
  ) -> Int {
    var best = -1
    var bestLoad = 0
    for p in eligible where !tried.contains(p) && accepts(servers[p]) {
      let l = load(servers[p])
      if best < 0 || l * weights[best] < bestLoad * weights[p] {
        best = p
        bestLoad = l
      }
    }
    return best
  }
}
