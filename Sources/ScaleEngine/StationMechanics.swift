/// The M/G/c/K mechanics every queueing station shares — a server, a database primary or
/// replica: admission against the connection limit, a free core or the FCFS queue, a service
/// start and end with their time integrals, and the next waiting request. The callers add
/// only what is their own (a server's balancer counters and client timeout, a database's
/// reads/writes and requests in service), so a new station kind costs its routing, not a
/// third copy of the queueing.
extension ServerState {
  /// Why a request arriving now would be refused (failed: unavailable; every connection
  /// taken: rejected); nil when it would be taken.
  var refusal: ErrorCause? {
    if unavailable { return .unavailable }
    return inSystem >= maxConnections ? .rejected : nil
  }

  /// Counts an arrival refused for `cause`.
  mutating func countRefused(_ cause: ErrorCause) {
    counters.arrivals += 1
    if cause == .unavailable {
      counters.unavailable += 1
    } else {
      counters.rejected += 1
    }
  }

  /// An arrival: why it is refused (counted), or nil when it is taken (counted).
  mutating func admitArrival() -> ErrorCause? {
    if let cause = refusal {
      countRefused(cause)
      return cause
    }
    counters.arrivals += 1
    return nil
  }

  /// An admitted request: true when a core is free (the caller starts its service now);
  /// otherwise it waits in the queue.
  mutating func takeCoreOrWait(_ slot: Int32, at now: Double) -> Bool {
    if busy < cores { return true }
    queue.append(slot)
    let q = queue.count
    queueTime.set(Double(q), at: now)
    if q > maxQueue { maxQueue = q }
    return false
  }

  /// A core starts serving: its service time (stretched by contention).
  mutating func beginService(at now: Double) -> Double {
    busy += 1
    busyTime.set(Double(busy), at: now)
    return sampleServiceTime()
  }

  /// A core finished a request that spent `sojourn` here.
  mutating func endService(at now: Double, sojourn: Double) {
    busy -= 1
    busyTime.set(Double(busy), at: now)
    if busy >= cores { syncProvisioned(at: now) }
    counters.completed += 1
    latency.record(sojourn)
  }

  /// The next waiting request, while a core is free.
  mutating func nextWaiting(at now: Double) -> Int32? {
    guard busy < cores, let next = queue.popFirst() else { return nil }
    queueTime.set(Double(queue.count), at: now)
    return next
  }
}
