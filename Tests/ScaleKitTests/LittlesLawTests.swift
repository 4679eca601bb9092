import ScaleKit
import ScaleModel
import Testing

/// Little's law, L = λW, checked on every station of every bundled example: the engine's
/// time averages (L, `meanInSystem`), its counters (λ) and its latencies (W) must describe the
/// same requests over the same window, whatever happened during the run (autoscaled servers
/// joining late, failures, scale-ups, replicas, shards, queues). See docs/engine.md,
/// "One window for every figure".
@Suite struct LittlesLawTests {
  /// Kinds with a meaningful L and W: a server, a database (a sharded database's aggregate is
  /// the sum of its stations: L, completions and the merged latency add up exactly), its
  /// shards' primaries and replicas, an asynchronous queue (L = waiting + in service, W =
  /// enqueue to done).
  ///
  /// Skipped: a balancer holds no request itself (routing takes no time), its L and W are
  /// its backends' together, and a backend may sit behind two balancers, so its completions
  /// need not match the latencies merged into it; its backends are checked one by one. A
  /// cache or cache node answers lookups in no simulated time (no L, no W); breakers, rate
  /// limits and autoscalers hold nothing.
  static let kinds: Set<ComponentKind> = [.server, .database, .replica, .shard, .queue]

  /// One station's check: L against λW, with λ = completed / measured window.
  ///
  /// λ counts completions, not arrivals: a request refused at the door (connection limit,
  /// failed station, full queue) never enters, so it adds nothing to L; W is measured on
  /// completed requests only, so λ must count the same ones.
  ///
  /// Tolerance, honest for a finite run:
  /// - edge effects: a request present when the warm-up ends has all its wait in W but only
  ///   its measured part in L, and one still present at the end is in L but not in W. At
  ///   most `maxQueueLength + cores` requests are present at either edge and each is off by
  ///   at most about the longest time in system, so the edges are worth
  ///   2 × (maxQueueLength + cores) × latency.max / window. This term is large only where a
  ///   backlog builds (a cold cache's database during the warm-up).
  /// - 5 % relative: requests that entered but never completed here (held by a station when
  ///   it failed, a message dropped by `drop-oldest`) are in L but not in λW.
  /// - 10⁻³ absolute, for nearly idle stations (floating-point noise on tiny areas).
  static func check(_ c: ComponentStats, window: Double) -> (ok: Bool, detail: String) {
    let lambda = Double(c.completed) / window
    let lw = lambda * c.latency.mean
    let l = c.meanInSystem
    let edges =
      2 * Double(c.maxQueueLength + c.cores) * c.latency.max / window
    let allowed = 0.05 * Swift.max(l, lw) + edges + 1e-3
    let detail =
      "\(c.name) (\(c.kind.rawValue)): L = \(l), λW = \(lw) (λ = \(lambda)/s, W = "
      + "\(c.latency.mean) s), |L − λW| = \(abs(l - lw)) > allowed \(allowed)"
    return (abs(l - lw) <= allowed, detail)
  }

  @Test(arguments: ExampleFiles.examples)
  func everyStationObeysLittlesLaw(name: String) throws {
    let outcome = try ExampleFiles.run("examples", name)
    let result = try #require(outcome.result, "\(name) did not run")
    let window = result.measuredDuration
    try #require(window > 0, "\(name): no measured window")
    var checked = 0
    for c in result.components where LittlesLawTests.kinds.contains(c.kind) {
      let (ok, detail) = LittlesLawTests.check(c, window: window)
      #expect(ok, "\(name): \(detail)")
      checked += 1
    }
    // Every example has at least one server, database or queue to check.
    #expect(checked > 0, "\(name): no station checked")
  }

  /// The check itself can fail: a station present for the last third of the window whose L
  /// was averaged over its own life (the bug an autoscaled server showed) is caught.
  @Test func aLifetimeAverageFailsTheCheck() {
    var c = ComponentStats(name: "web-4", kind: .server)
    c.completed = 24_435
    c.cores = 4
    c.maxQueueLength = 16
    c.latency = LatencySummary(count: 24_435, mean: 0.006_26, max: 0.054)
    let window = 120.0
    // λW = 24435 / 120 × 0.00626 ≈ 1.27; averaged over its 40 s life L would be 3 × that.
    c.meanInSystem = 1.275
    #expect(LittlesLawTests.check(c, window: window).ok)
    c.meanInSystem = 3 * 1.275
    #expect(!LittlesLawTests.check(c, window: window).ok)
  }
}
