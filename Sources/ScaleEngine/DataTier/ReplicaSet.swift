/// Asynchronous replication of one primary to `replicas` replicas, for counting stale reads.
///
/// A write committed on the primary at time c becomes visible on replica r at c + lag_r
/// (lag_r drawn per write and replica by the caller). Replicas apply each key's writes in
/// commit order, so a key's visibility time on a replica never goes backwards:
/// visible_r = max(c + lag_r, previous visible_r). An eventual read of key k on replica r
/// at time t is **stale** iff the latest write to k committed at c ≤ t is not yet visible
/// there: c ≤ t < visible_r. Only each key's latest write is kept (one commit time and one
/// visibility time per replica), so memory is bounded by the keys written.
///
/// Calls must come in time order (writes at their commit time), as the engine's events do.
public struct ReplicaSet: Sendable {
  public let replicas: Int
  private var slotOf = KeySlotMap()
  private var lastCommit: [Double] = []
  private var visibleAt: [Double] = []  // slot × replicas + replica
  /// Writes recorded on the primary.
  public private(set) var writes = 0
  /// Eventual reads per replica, and how many of them were stale.
  public private(set) var reads: [Int]
  public private(set) var staleReads: [Int]

  /// Largest replica count accepted (larger is clamped).
  public static let maxReplicas = 1024

  public init(replicas: Int) {
    self.replicas = min(max(0, replicas), ReplicaSet.maxReplicas)
    reads = [Int](repeating: 0, count: self.replicas)
    staleReads = [Int](repeating: 0, count: self.replicas)
  }

  /// Records a write to `key` committed at `commit`; `lag(r)` is replica r's replication
  /// lag for this write (negative or non-finite lags count as 0 and as never, respectively).
  public mutating func write(key: Int, commit: Double, lag: (Int) -> Double) {
    writes += 1
    let s: Int
    if let existing = slotOf[key] {
      s = existing
    } else {
      s = lastCommit.count
      slotOf[key] = s
      lastCommit.append(commit)
      visibleAt.append(contentsOf: repeatElement(-Double.infinity, count: replicas))
    }
    lastCommit[s] = commit
    for r in 0..<replicas {
      let l = lag(r)
      let delay = l.isNaN ? Double.infinity : max(0, l)
      visibleAt[s * replicas + r] = max(commit + delay, visibleAt[s * replicas + r])
    }
  }

  /// Whether a read of `key` on `replica` at `time` would be stale (no counting).
  public func isStale(key: Int, replica: Int, at time: Double) -> Bool {
    guard replica >= 0, replica < replicas, let s = slotOf[key] else { return false }
    return lastCommit[s] <= time && time < visibleAt[s * replicas + replica]
  }

  /// When the latest write to `key` becomes visible on `replica` (nil: never written).
  public func visibleTime(key: Int, replica: Int) -> Double? {
    guard replica >= 0, replica < replicas, let s = slotOf[key] else { return nil }
    return visibleAt[s * replicas + replica]
  }

  /// An eventual read of `key` on `replica` at `time`: counts it and returns whether it was
  /// stale. Out-of-range replicas count nothing.
  @discardableResult
  public mutating func read(key: Int, replica: Int, at time: Double) -> Bool {
    guard replica >= 0, replica < replicas else { return false }
    reads[replica] += 1
    let stale = isStale(key: key, replica: replica, at: time)
    if stale { staleReads[replica] += 1 }
    return stale
  }

  /// Zeroes the read and write counters (end of warm-up); replication state stays.
  public mutating func resetCounters() {
    writes = 0
    reads = [Int](repeating: 0, count: replicas)
    staleReads = [Int](repeating: 0, count: replicas)
  }
}
