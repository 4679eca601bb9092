import ScaleModel

/// One call of a route step, compiled to engine indices (flat, no look-up on the hot path).
struct RouteCall {
  enum Kind: UInt8 {
    case balancer, pool, cache, database, queue
  }
  var kind: Kind
  /// Balancer, cache, database or queue index; for a pool, the first index into
  /// `RouteTable.poolMembers`.
  var index: Int32
  /// Pool members (servers) from `index` on.
  var poolCount: Int32 = 0
  /// The round-robin position in a pool.
  var cursor: Int32 = 0
  /// The latency sampler of a `link` that matches this hop (`RouteTable.samplers`), −1: the
  /// network's default.
  var link: Int16 = -1
  /// The zone of what is called (a cache's or database's, a pool's or balancer's first
  /// member's), −1: none.
  var zone: Int16 = -1
}

/// A route step: `count` calls from `start` in `RouteTable.calls`; more than one run in
/// parallel. `skipOnHit`: a cache step right before a database step (cache-aside): a read hit
/// answers and skips the database step.
struct RouteStepRange {
  var start: Int32
  var count: Int32
  var skipOnHit: Bool
}

/// The routes of a scenario, compiled from `Scenario.topology.plans` (the one place steps are
/// resolved), with their statistics.
struct RouteTable {
  var calls: [RouteCall] = []
  var steps: [RouteStepRange] = []
  /// Per route: its first step in `steps` and how many.
  var firstStep: [Int32] = []
  var stepCount: [Int32] = []
  var poolMembers: [Int32] = []
  /// Cumulative shares, for drawing a route per request.
  var cumulative: [Double] = []
  /// −1: the traffic's mix decides; 0: read; 1: write.
  var kind: [Int8] = []
  var keySamplers: [KeySampler?] = []
  var names: [String] = []
  var rng: RandomStream
  var networkRng: RandomStream
  var samplers: [DistributionSampler] = []
  var defaultLatency: Int16 = -1
  var crossZoneLatency: Int16 = -1
  /// Zone of each server (station index), −1: none (and for database stations); grows with
  /// the station table.
  var serverZone: [Int16] = []
  var zoneIDs: [String: Int16] = [:]

  // Statistics per route: measured requests, and the snapshot at the warm-up's end is not
  // needed (only measured requests are counted).
  var offered: [Int] = []
  var completed: [Int] = []
  var errors: [ErrorCounts] = []
  var latency: [LatencyRecorder] = []

  /// Servers a request holds the connection of (at most `maxHeld` per request, flat per slot).
  static let maxHeld = 8
  var held: [Int32] = []
  var heldEpoch: [UInt32] = []

  var isEmpty: Bool { names.isEmpty }

  init(seed: UInt64) {
    rng = RandomStream(seed: seed, purpose: "routes")
    networkRng = RandomStream(seed: seed, purpose: "network")
  }

  /// Compiles the scenario's routes. `serverIndex` maps a scenario server index to the
  /// engine's (they differ only for repeated names).
  init(scenario: Scenario, seed: UInt64, serverIndex: (Int) -> Int?) {
    self.init(seed: seed)
    let topology = scenario.topology
    guard !scenario.routes.isEmpty else { return }
    var zones: [String: Int16] = [:]
    func zoneID(_ zone: String?) -> Int16 {
      guard let zone else { return -1 }
      if let z = zones[zone] { return z }
      let z = Int16(truncatingIfNeeded: zones.count)
      zones[zone] = z
      return z
    }
    defer { zoneIDs = zones }
    func sampler(_ d: Distribution) -> Int16 {
      samplers.append(DistributionSampler(d))
      return Int16(truncatingIfNeeded: samplers.count - 1)
    }
    if let network = scenario.network {
      if let d = network.latency { defaultLatency = sampler(d) }
      if let d = network.crossZone { crossZoneLatency = sampler(d) }
    }
    var linkSamplers: [Int16] = []
    for link in scenario.links { linkSamplers.append(sampler(link.latency)) }
    for spec in scenario.servers { _ = zoneID(spec.zone) }

    func serverNames(_ s: Int) -> [String] { Topology.linkNames(ofServer: s, in: scenario) }
    func members(_ b: Int) -> [Int] {
      var index: [String: Int] = [:]
      for (i, s) in scenario.servers.enumerated() where index[s.name] == nil { index[s.name] = i }
      return Topology.members(of: scenario.balancers[b], in: scenario).compactMap {
        index[$0.server]
      }
    }

    var total = 0.0
    for (r, route) in scenario.routes.enumerated() {
      let share = route.share.isFinite ? Swift.max(0, route.share) : 0
      total += share
      cumulative.append(total)
      names.append(route.name)
      kind.append(route.kind.map { $0 == .read ? 0 : 1 } ?? -1)
      keySamplers.append(route.keys.map { KeySampler($0) })
      firstStep.append(Int32(truncatingIfNeeded: steps.count))
      let plan = r < topology.plans.count ? topology.plans[r] : []
      stepCount.append(Int32(truncatingIfNeeded: plan.count))
      // Who calls the next step: the client, or the servers of the last step that reached
      // servers (a cache or database step is called by the server the request is at).
      var callerNames = ["client"]
      for (position, step) in plan.enumerated() {
        let start = Int32(truncatingIfNeeded: calls.count)
        var nextCallers: [String] = []
        for call in step.calls {
          var compiled: RouteCall
          switch call {
          case .balancer(let b):
            compiled = RouteCall(kind: .balancer, index: Int32(truncatingIfNeeded: b))
            let list = members(b)
            compiled.zone = list.first.map { zoneID(scenario.servers[$0].zone) } ?? -1
            nextCallers += list.flatMap(serverNames)
          case .pool(let list):
            let engine = list.compactMap(serverIndex)
            compiled = RouteCall(
              kind: .pool, index: Int32(truncatingIfNeeded: poolMembers.count),
              poolCount: Int32(truncatingIfNeeded: engine.count))
            poolMembers += engine.map { Int32(truncatingIfNeeded: $0) }
            compiled.zone = list.first.map { zoneID(scenario.servers[$0].zone) } ?? -1
            nextCallers += list.flatMap(serverNames)
          case .cache(let c):
            compiled = RouteCall(kind: .cache, index: Int32(truncatingIfNeeded: c))
            compiled.zone = zoneID(scenario.caches[c].zone)
          case .database(let d):
            compiled = RouteCall(kind: .database, index: Int32(truncatingIfNeeded: d))
            compiled.zone = zoneID(scenario.databases[d].zone)
          case .queue(let q):
            compiled = RouteCall(kind: .queue, index: Int32(truncatingIfNeeded: q))
          }
          // The hop rule is ScaleModel's (`Topology.hopLatency`): the link is found here once;
          // zones are compared per request in `hopLatency(_:call:)`.
          if let l = Topology.link(
            from: callerNames, to: Topology.callee(call, in: scenario).names, in: scenario)
          {
            compiled.link = linkSamplers[l]
          }
          calls.append(compiled)
        }
        var skip = false
        if step.calls.count == 1, case .cache = step.calls[0], position + 1 < plan.count,
          plan[position + 1].calls.count == 1, case .database = plan[position + 1].calls[0]
        {
          skip = true
        }
        steps.append(
          RouteStepRange(
            start: start, count: Int32(truncatingIfNeeded: step.calls.count), skipOnHit: skip))
        if !nextCallers.isEmpty { callerNames = nextCallers }
      }
      offered.append(0)
      completed.append(0)
      errors.append(ErrorCounts())
      latency.append(LatencyRecorder())
    }
    // Shares are checked to add up to 1; normalise what is left of rounding.
    if total > 0 { cumulative = cumulative.map { $0 / total } }
    serverZone = scenario.servers.map { zoneID($0.zone) }
  }

  /// A station joined the table after the scenario's servers (a database station at set-up,
  /// a server added by autoscaling or `add server`): its zone, so `serverZone` stays indexed
  /// by station.
  mutating func addStation(zone: String?) {
    guard let zone else {
      serverZone.append(-1)
      return
    }
    if let z = zoneIDs[zone] {
      serverZone.append(z)
    } else {
      let z = Int16(truncatingIfNeeded: zoneIDs.count)
      zoneIDs[zone] = z
      serverZone.append(z)
    }
  }

  /// The route of a new request.
  mutating func draw() -> Int {
    guard cumulative.count > 1 else { return 0 }
    let u = rng.nextDouble()
    for (r, c) in cumulative.enumerated() where u < c { return r }
    return cumulative.count - 1
  }
}
