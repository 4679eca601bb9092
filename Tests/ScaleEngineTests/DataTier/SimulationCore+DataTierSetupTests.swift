import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct SimulationDataTierSetupTests {
  /// Every data-tier and resilience component at once.
  static func everything(seed: UInt64) -> Scenario {
    Scenario(
      seed: seed, duration: 120, warmup: 10,
      servers: (1...2).map {
        ServerSpec(name: "web-\($0)", pool: "web", cores: 2, service: .exponential(mean: 0.004))
      },
      balancers: [BalancerSpec(name: "lb", strategy: .leastConnections)],
      caches: [
        CacheSpec(
          name: "sessions", ttl: 5, nodes: 3, capacity: 500, hashing: .consistent, eviction: .lfu)
      ],
      databases: [
        DatabaseSpec(
          name: "orders", cores: 4, service: .exponential(mean: 0.002), replicas: 2,
          lag: .exponential(mean: 0.02), reads: .eventual, shards: 3, shardHashing: .jump,
          scatterFraction: 0.05)
      ],
      autoscalers: [AutoscalerSpec(group: "web", minimum: 2, maximum: 4, interval: 15, warmup: 5)],
      queues: [QueueSpec(name: "jobs", workers: 2, maxDepth: 50, overflow: .dropOldest)],
      breakers: [
        CircuitBreakerSpec(
          name: "db-guard", target: "orders", window: 20, minimumCalls: 20, waitInOpen: 3)
      ],
      retry: RetrySpec(attempts: 3, jitter: .decorrelated, budget: 0.2),
      rateLimits: [RateLimitSpec(name: "edge", rate: 900, burst: 100)],
      traffic: TrafficSpec(
        rate: 600, readFraction: 0.8, asyncFraction: 0.3, keys: .zipf(exponent: 1.0, count: 2000),
        timeout: 0.5),
      events: [
        TimedEvent(time: 30, action: .ramp(rps: 1200, duration: 20)),
        TimedEvent(time: 40, action: .setCacheNodes(cache: "sessions", nodes: 5)),
        TimedEvent(time: 60, action: .fail(component: "orders", duration: 5)),
        TimedEvent(time: 80, action: .setRate(rps: 200)),
      ])
  }

  /// Same seed, same result; in steps or in one go, the same result.
  @Test func deterministicAndStepInvariant() {
    let one = Engine.run(Self.everything(seed: 21))
    let again = Engine.run(Self.everything(seed: 21))
    #expect(one == again)
    let stepped = Simulation(scenario: Self.everything(seed: 21))
    var t = 0.0
    while !stepped.isFinished {
      t += 7.3
      stepped.run(until: t)
    }
    #expect(stepped.result() == one)
    let other = Engine.run(Self.everything(seed: 22))
    #expect(other != one)
  }

  /// The run touches every component: each reports figures, and the narration has the
  /// node change, the failure and breaker transitions.
  @Test func everyComponentWorks() {
    let r = Engine.run(Self.everything(seed: 21))
    for name in ["sessions", "orders", "jobs", "db-guard", "edge", "orders/shard-3/replica-2"] {
      #expect((r.component(name)?.arrivals ?? 0) > 0, "\(name)")
    }
    #expect((r.component("sessions")?.hits ?? 0) > 0)
    #expect((r.component("orders")?.writes ?? 0) > 0)
    let kinds = Set(r.events.map(\.kind))
    #expect(kinds.isSuperset(of: [.nodes, .fail, .recover, .breakerOpen, .scaleOut]))
  }

  /// Degenerate settings run to the end without trapping.
  @Test(arguments: [0, 1, 2])
  func extremeInputRuns(variant: Int) {
    let tiny = variant == 0
    let scenario = Scenario(
      seed: 5, duration: 5,
      servers: [
        ServerSpec(
          name: "api", pool: "api", cores: 1, service: .constant(0), maxConnections: tiny ? 0 : 5)
      ],
      caches: [
        CacheSpec(
          name: "c", ttl: tiny ? 0 : .infinity, nodes: variant == 2 ? 10_000 : 0,
          capacity: tiny ? 0 : 1, hashing: variant == 1 ? .jump : .consistent, eviction: .random,
          hitLatency: .constant(.infinity), virtualNodes: variant == 2 ? 1 : -1)
      ],
      databases: [
        DatabaseSpec(
          name: "db", cores: tiny ? 0 : 1, service: .normal(mean: 0, stddev: 1), maxConnections: 1,
          replicas: variant == 2 ? 100 : -1, lag: .constant(.nan), reads: .eventual,
          shards: variant == 2 ? 10_000 : 0, scatterFraction: 1)
      ],
      autoscalers: [
        AutoscalerSpec(
          group: "api", minimum: -1, maximum: -5, interval: tiny ? 1e-12 : 10, cooldown: .nan)
      ],
      queues: [
        QueueSpec(name: "q", workers: 0, service: .constant(0), maxDepth: 0, overflow: .dropOldest)
      ],
      breakers: [
        CircuitBreakerSpec(
          name: "b", target: "db", failureRateThreshold: 0, window: 0, minimumCalls: 0,
          waitInOpen: 0,
          halfOpenCalls: 0)
      ],
      retry: RetrySpec(
        attempts: 1000, base: 0, cap: 0, jitter: .decorrelated, budget: tiny ? 0 : 1),
      rateLimits: [RateLimitSpec(name: "r", rate: tiny ? 0 : 1e9, burst: 0)],
      traffic: TrafficSpec(
        rate: 200, readFraction: 0.5, asyncFraction: 0.5, keys: .uniform(count: 1)),
      events: [
        TimedEvent(time: 1, action: .setCacheNodes(cache: "c", nodes: -3)),
        TimedEvent(time: 1, action: .setCacheNodes(cache: "nope", nodes: 3)),
        TimedEvent(time: 2, action: .fail(component: "db", duration: .nan)),
        TimedEvent(time: 2, action: .recover(component: "db")),
        TimedEvent(
          time: 3,
          action: .scaleUp(
            component: "db", cores: -4, ramGB: nil, storageGB: nil, downtime: .infinity)),
      ])
    let r = Engine.run(scenario)
    #expect(r.duration == 5)
    #expect(r.offered > 0)
  }
}
