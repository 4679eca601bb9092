import ScaleModel

// Hooks where the data tier and the resilience components (h4) plug into the request path.
// Each hook is called by the core at one well-defined point (see docs/engine.md, "Extending
// the request path"). For now they pass requests straight through: with no data tier a request
// is done when its server finishes.

/// The data tier's state inside `SimulationCore.dataTier`: caches, databases, queues, breakers,
/// rate limiters, the autoscaler. Add fields here (with defaults) and set them up in
/// `setUpDataTier()`.
struct DataTierState {}

extension SimulationCore {
  /// Called once at the end of `init`, after servers, balancers, scripted events and health
  /// checks are set up and before the first arrival is drawn. Build data-tier state here; set
  /// `needsKeys` / `needsMix` when requests need a key or a read/write flag, and `entryStage`
  /// if the first stage differs.
  mutating func setUpDataTier() {}

  /// Stage `.rateLimit` (entered first when the scenario declares rate limits): admit
  /// (`.next(.balancer)`), refuse (`.fail(.rejected)`), or delay (`.wait`, then an event calls
  /// `advance(slot, to: .balancer)`).
  mutating func enterRateLimit(_ slot: Int32) -> StageOutcome {
    .next(.balancer)
  }

  /// Where a request goes after its server (or the balancer stage, when there is no server):
  /// `.queue` for async writes, `.cache` for reads, `.database` for writes, `.done` otherwise.
  mutating func stageAfterServer(_ slot: Int32) -> Stage {
    .done
  }

  /// Stage `.queue`: hand the message to a queue's workers and answer at once (`.next(.done)`),
  /// or refuse it (`.fail(.rejected)`).
  mutating func enterQueue(_ slot: Int32) -> StageOutcome {
    .next(.done)
  }

  /// Stage `.cache`: a hit schedules a `.dataTier` event after the hit latency and returns
  /// `.wait`; a miss returns `.next(.database)`.
  mutating func enterCache(_ slot: Int32) -> StageOutcome {
    .next(.done)
  }

  /// Stage `.database`: admit to the primary / a replica / the key's shard (`.wait` until its
  /// `.dataTier` completion event), or fail (`.fail(.rejected)`, `.fail(.breakerOpen)`, …).
  mutating func enterDatabase(_ slot: Int32) -> StageOutcome {
    .next(.done)
  }

  /// A `.dataTier` event fired (payload `a`, `b`, `c` as the data tier scheduled it). To resume
  /// a parked request: `advance(slot, to: nextStage)`; to fail it: `fail(slot, cause)`.
  mutating func handleDataTierEvent(_ event: SimEvent) {}

  /// A scripted or interactive action naming a component that is not a server (`fail`,
  /// `recover`, `scaleUp` of a database, `setCacheNodes`). Return true when handled (and leave
  /// a `note(…)`), false when the name is unknown.
  mutating func applyDataTierAction(_ action: EventAction) -> Bool {
    false
  }

  /// When a request failed with `cause`: return a delay to retry it after (the core schedules a
  /// `.retry` event that re-enters at `entryStage` and bumps `requests[slot].attempt`), or nil
  /// to count the error.
  mutating func retryDelay(_ slot: Int32, _ cause: ErrorCause) -> Double? {
    nil
  }

  /// The client's timeout fired for a request still in the system (already counted once as
  /// timed out; the request stays where it is until it leaves).
  mutating func requestTimedOut(_ slot: Int32) {}

  /// The warm-up ended: snapshot data-tier counters.
  mutating func dataTierWarmupEnded() {}

  /// Add data-tier figures to an interval of the time series.
  mutating func dataTierInterval(_ stats: inout IntervalStats) {}

  /// Data-tier components' figures for the measured window, in declaration order.
  mutating func dataTierStats() -> [ComponentStats] {
    []
  }

  /// Data-tier components' state now, for `Simulation.snapshot()`.
  func dataTierSnapshot() -> [ComponentSnapshot] {
    []
  }
}
