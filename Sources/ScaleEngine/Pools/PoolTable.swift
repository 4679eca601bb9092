import ScaleModel

/// The pools of a run (`server web count 3` declares the pool `web`; servers the autoscaler
/// adds to it join it) and the figures only a pool has: its answers and the time requests
/// spend in it, from admission at a member to the pool's answer. A member that keeps a routed
/// request's connection while the tiers behind it work (`SimulationCore+Routes`) answers when
/// the connection is given back, so that wait counts; otherwise it answers when its service
/// ends. Everything else a pool reports (arrivals, errors, utilisation, queue) is its
/// members' together, read at the end of the run.
///
/// Flat arrays indexed by pool and by station (the station table's index: servers and
/// database stations, which belong to no pool): the request path does an array read per
/// service end and per held connection, no look-up and no allocation.
struct PoolTable {
  /// Pool names, in declaration order of their first member.
  private(set) var names: [String] = []
  /// Per station index: its pool, −1 for none (grows with the station table: every station,
  /// a database's too, is added here, so the indices agree).
  private(set) var poolOfStation: [Int32] = []
  /// Per pool: its members (station indices), in order of joining.
  private(set) var members: [[Int]] = []
  private var index: [String: Int] = [:]
  private var declared = false

  /// Per pool: requests it answered and their time in the pool (measured window).
  var answered: [Int] = []
  var latency: [LatencyRecorder] = []
  /// Per pool: connections its members hold for requests waiting on a tier behind, and their
  /// time integral (part of the pool's L, so L = λW holds for the pool as for a station).
  var held: [Int] = []
  var heldTime: [TimeAverage] = []
  /// At the warm-up's end: answers and held area so far.
  var warmupAnswered: [Int] = []
  var warmupHeldArea: [Double] = []
  /// Per held connection, in `RouteTable.held`'s layout: when the request entered the pool.
  var heldSince: [Double] = []
  /// Per pool, for the time series (`SimulationCore+PoolIntervals`): the time in it per
  /// interval, and its members' errors at the interval's start and at the last reading.
  var intervalLatency: [IntervalLatency] = []
  var intervalErrors: [ErrorCounts] = []
  var lastErrors: [ErrorCounts] = []

  var isEmpty: Bool { names.isEmpty }

  /// A station joined the run (`spec`: a server's, or the one a database station serves
  /// with, which names no pool). The pools are those of the scenario's declared servers (on
  /// the first call); a later station belongs to one of them or to none.
  mutating func addStation(_ spec: ServerSpec, declared servers: [ServerSpec], now: Double) {
    if !declared {
      declared = true
      for pool in servers.compactMap(\.pool) where index[pool] == nil {
        index[pool] = names.count
        names.append(pool)
        members.append([])
        answered.append(0)
        latency.append(LatencyRecorder())
        held.append(0)
        heldTime.append(TimeAverage(start: now))
        warmupAnswered.append(0)
        warmupHeldArea.append(0)
        intervalLatency.append(IntervalLatency())
        intervalErrors.append(ErrorCounts())
        lastErrors.append(ErrorCounts())
      }
    }
    let p = spec.pool.flatMap { index[$0] } ?? -1
    if p >= 0 { members[p].append(poolOfStation.count) }
    poolOfStation.append(Int32(truncatingIfNeeded: p))
  }

  /// The pool of station `s`, −1 for none.
  func pool(ofStation s: Int) -> Int {
    s >= 0 && s < poolOfStation.count ? Int(poolOfStation[s]) : -1
  }

  /// Pool `p` answered a request that entered it `time` seconds ago.
  mutating func answer(_ p: Int, after time: Double) {
    answered[p] += 1
    latency[p].record(time)
  }

  mutating func setHeld(_ p: Int, _ value: Int, at now: Double) {
    held[p] = Swift.max(0, value)
    heldTime[p].set(Double(held[p]), at: now)
  }

  /// The warm-up ended: figures restart.
  mutating func warmupEnded(at now: Double) {
    for p in names.indices {
      latency[p].reset()
      warmupAnswered[p] = answered[p]
      heldTime[p].advance(to: now)
      warmupHeldArea[p] = heldTime[p].area
    }
  }
}
