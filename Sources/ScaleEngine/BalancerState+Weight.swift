/// Changing a backend's weight while the run goes on (`at 5min set lb web-4 weight 5`).
extension BalancerState {
  /// Gives every backend position of `server` the weight `weight` (clamped to
  /// 1…`maximumWeight`) and returns the old weight of the first one, or nil if the server is
  /// not behind this balancer.
  ///
  /// nginx semantics: the configured and the effective weight change, the smooth weighted
  /// round robin's current weight is kept, so the share moves from the next pick on without
  /// a burst. Least-connections compares connections / weight with the new weight at once.
  mutating func setWeight(server: Int, weight: Int) -> Int? {
    let clamped = Swift.min(Swift.max(1, weight), BalancerState.maximumWeight)
    var old: Int?
    for p in servers.indices where servers[p] == server && p < weights.count {
      if old == nil { old = weights[p] }
      assignWeight(clamped, at: p)
    }
    return old
  }
}
