import ScaleModel

/// The M/G/c/K mechanics every queueing station shares — a server, a database primary or
/// replica: admission against the connection limit, a free core or the FCFS queue, a service
/// start and end with their time integrals, the next waiting request, and emptying the
/// station when it fails. The core adds only what depends on the station's role (what a
/// finished request does next: `SimulationCore.serviceDone`).
extension Station {
  /// Why a request arriving now would be refused (failed: unavailable; every connection
  /// taken: rejected); nil when it would be taken.
  var refusal: ErrorCause? {
    if unavailable { return .unavailable }
    return inSystem >= maxConnections ? .rejected : nil
  }

  /// Counts an arrival refused for `cause` (out of line: the hot path admits).
  @inline(never)
  mutating func countRefused(_ cause: ErrorCause) {
    stats.counters.arrivals += 1
    if cause == .unavailable {
      stats.counters.unavailable += 1
    } else {
      stats.counters.rejected += 1
    }
  }

  /// An arrival: why it is refused (counted), or nil when it is taken (counted).
  @inline(__always)
  mutating func admitArrival() -> ErrorCause? {
    if let cause = refusal {
      countRefused(cause)
      return cause
    }
    stats.counters.arrivals += 1
    return nil
  }

  /// An admitted request: true when a core is free (the caller starts its service now);
  /// otherwise it waits in the queue.
  @inline(__always)
  mutating func takeCoreOrWait(_ slot: Int32, at now: Double) -> Bool {
    if busy < cores { return true }
    queue.append(slot)
    let q = queue.count
    stats.queueTime.set(Double(q), at: now)
    if q > stats.maxQueue { stats.maxQueue = q }
    return false
  }

  /// A core starts serving `slot` (whose request is of `generation`): its service time
  /// (stretched by contention) and the token its completion event carries.
  @inline(__always)
  mutating func beginService(_ slot: Int32, generation: UInt32, at now: Double) -> (
    time: Double, token: UInt32
  ) {
    busy += 1
    stats.busyTime.set(Double(busy), at: now)
    let token = nextToken
    nextToken &+= 1
    if role == .database {
      inService?.append(slot: slot, token: token, generation: generation)
    }
    return (sampleServiceTime(), UInt32(truncatingIfNeeded: token))
  }

  /// The service of `slot` with `token` ended: nil when that service is no longer here (the
  /// station dropped what it held since it started), so the completion is stale. Else the
  /// generation of the request it began for (a database station's; a server keeps none and
  /// answers 0: its request is still at it).
  @inline(__always)
  mutating func leaveService(_ slot: Int32, token: UInt32) -> UInt32? {
    // The token's full value: the one below `nextToken` with these low 32 bits.
    let started = nextToken &- UInt64(UInt32(truncatingIfNeeded: nextToken) &- token)
    guard started >= droppedBefore else { return nil }
    guard role == .database else { return 0 }
    return inService?.remove(token: token)
  }

  /// A core finished a request that spent `sojourn` here.
  @inline(__always)
  mutating func endService(at now: Double, sojourn: Double) {
    busy -= 1
    stats.busyTime.set(Double(busy), at: now)
    if busy >= cores { syncProvisioned(at: now) }
    stats.counters.completed += 1
    stats.latency.record(sojourn)
  }

  /// The next waiting request, while a core is free.
  @inline(__always)
  mutating func nextWaiting(at now: Double) -> Int32? {
    guard busy < cores, let next = queue.popFirst() else { return nil }
    stats.queueTime.set(Double(queue.count), at: now)
    return next
  }

  /// The station failed or went down: it lets go of every request it holds — every service
  /// started so far ends stale — and returns the waiting ones, then (a database station's)
  /// those in service in the order their service started. Connections held for a tier
  /// behind it are lost with it. The caller counts the requests it fails.
  mutating func dropAll(at now: Double) -> [Int32] {
    var held = queue.drain()
    held += inService?.drain() ?? []
    droppedBefore = nextToken
    busy = 0
    stats.busyTime.set(0, at: now)
    syncProvisioned(at: now)
    stats.queueTime.set(0, at: now)
    self.held = 0
    connectionEpoch &+= 1
    return held
  }

  /// New core count from `now`; a connection limit that followed the default (cores × 100)
  /// follows it.
  mutating func setCores(_ newCores: Int, at now: Double) {
    let old = cores
    if maxConnections == old * Defaults.connectionsPerCore {
      let (product, overflow) = newCores.multipliedReportingOverflow(
        by: Defaults.connectionsPerCore)
      maxConnections = overflow ? Int.max : product
    }
    provision(cores: newCores, at: now)
  }
}
