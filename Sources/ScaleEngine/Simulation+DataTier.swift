import ScaleModel

// Hooks where the data tier and the resilience components (h4) plug into the request path.
// Each hook is called by the core at one well-defined point (see docs/engine.md, "Extending
// the request path"); each delegates to the h4 files under DataTier/ and Resilience/.

extension SimulationCore {
  /// Called once at the end of `init`: builds caches, databases, queues, breakers, rate limits,
  /// the retry policy and autoscalers; sets `needsKeys` / `needsMix` / `entryStage`.
  mutating func setUpDataTier() {
    buildDataTier()
  }

  /// Stage `.rateLimit` (the entry when rate limits, a breaker around the servers or a retry
  /// budget exist).
  mutating func enterRateLimit(_ slot: Int32) -> StageOutcome {
    enterEntryStage(slot)
  }

  /// Where a request goes after its server.
  mutating func stageAfterServer(_ slot: Int32) -> Stage {
    dataTier.active ? routeAfterServer(slot) : .done
  }

  mutating func enterQueue(_ slot: Int32) -> StageOutcome {
    enterQueueStage(slot, queue: dataTier.pathQueue)
  }

  mutating func enterCache(_ slot: Int32) -> StageOutcome {
    enterCacheStage(slot)
  }

  mutating func enterDatabase(_ slot: Int32) -> StageOutcome {
    enterDatabaseStage(slot, database: dataTier.pathDatabase)
  }

  mutating func handleDataTierEvent(_ event: SimEvent) {
    handleTierEvent(event)
  }

  mutating func applyDataTierAction(_ action: EventAction) -> Bool {
    applyTierAction(action)
  }

  mutating func retryDelay(_ slot: Int32, _ cause: ErrorCause) -> Double? {
    tierRetryDelay(slot, cause)
  }

  mutating func requestTimedOut(_ slot: Int32) {
    tierTimedOut(slot)
  }

  mutating func dataTierWarmupEnded() {
    tierWarmupEnded()
  }

  mutating func dataTierInterval(_ stats: inout IntervalStats) {
    tierInterval(&stats)
  }

  mutating func dataTierStats() -> [ComponentStats] {
    tierStats()
  }

  func dataTierSnapshot() -> [ComponentSnapshot] {
    tierSnapshots()
  }
}
