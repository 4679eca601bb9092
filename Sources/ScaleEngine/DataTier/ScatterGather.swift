/// The completion of a scatter-gather read: it answers when its slowest shard answers
/// (Dean & Barroso, "The Tail at Scale": with k independent shards P(T ≤ t) = F(t)^k).
public struct ScatterGather: Sendable, Equatable {
  /// Shard answers still awaited.
  public private(set) var remaining: Int
  /// Latest shard answer so far.
  public private(set) var latest: Double = -Double.infinity
  /// Whether any shard failed (the whole read fails).
  public private(set) var failed = false

  /// Waits for `shards` answers (at least 1).
  public init(shards: Int) { remaining = max(1, shards) }

  /// One shard answered at `time` (`ok` false: it failed). Returns the gather time when this
  /// was the last answer, nil while others are outstanding.
  public mutating func complete(at time: Double, ok: Bool = true) -> Double? {
    guard remaining > 0 else { return nil }
    remaining -= 1
    latest = max(latest, time)
    if !ok { failed = true }
    return remaining == 0 ? latest : nil
  }

  /// The gather time of shards that complete at the given times: the maximum (nil if none).
  public static func gatherTime(_ completions: [Double]) -> Double? { completions.max() }
}
