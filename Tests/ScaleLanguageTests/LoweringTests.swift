import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// Exact scenarios for whole scripts.
enum Shop {
  /// The product brief's shop, in docs/language.md's syntax (verbatim but for nothing).
  static let source = """
    # shop.scale — an online shop at peak
    seed 42

    server web-1 cpu 4
    server web-2 cpu 4
    server web-3 cpu 8
    balancer lb weighted                     # round-robin | weighted | least-connections
    health-check lb every 5s timeout 1s fall 3 rise 2

    cache sessions ttl 60s nodes 3 capacity 100k hashing consistent
    database orders replicas 2 lag 50ms reads eventual
    shard orders 4
    autoscale web 30..70 min 2 max 10 every 30s cooldown 60s warmup 20s

    traffic 2000 rps for 10min read 90% keys zipf 1.1 over 1M
    at 2min ramp traffic to 8000 rps over 2min
    at 5min fail web-2 for 30s

    expect p99 < 200ms
    expect errors < 0.1%
    expect sessions hit-rate > 80%
    """

  static var expected: Scenario {
    Scenario(
      seed: 42, duration: 600,
      servers: [
        ServerSpec(name: "web-1", pool: "web", cores: 4),
        ServerSpec(name: "web-2", pool: "web", cores: 4),
        ServerSpec(name: "web-3", pool: "web", cores: 8),
      ],
      balancers: [
        BalancerSpec(
          name: "lb", strategy: .weighted,
          healthCheck: HealthCheckSpec(interval: 5, timeout: 1, fall: 3, rise: 2))
      ],
      caches: [
        CacheSpec(name: "sessions", ttl: 60, nodes: 3, capacity: 100_000, hashing: .consistent)
      ],
      databases: [
        DatabaseSpec(
          name: "orders", replicas: 2, lag: .exponential(mean: 0.05), reads: .eventual, shards: 4)
      ],
      autoscalers: [
        AutoscalerSpec(
          group: "web", mode: .threshold(low: 0.3, high: 0.7), minimum: 2, maximum: 10,
          interval: 30, cooldown: 60, warmup: 20)
      ],
      traffic: TrafficSpec(
        rate: 2000, readFraction: 0.9, keys: .zipf(exponent: 1.1, count: 1_000_000)),
      events: [
        TimedEvent(time: 120, action: .ramp(rps: 8000, duration: 120), line: 16),
        TimedEvent(time: 300, action: .fail(component: "web-2", duration: 30), line: 17),
      ],
      expectations: [
        Expectation(
          metric: .latency(quantile: 0.99), comparison: .less, bound: 0.2, text: "p99 < 200ms",
          line: 19),
        Expectation(
          metric: .errorRate, comparison: .less, bound: 0.1 / 100, text: "errors < 0.1%",
          line: 20),
        Expectation(
          component: "sessions", metric: .hitRate, comparison: .greater, bound: 0.8,
          text: "sessions hit-rate > 80%", line: 21),
      ])
  }
}

@Test func shopLowersExactly() throws {
  let result = Frontend.compile(Shop.source)
  #expect(result.diagnostics.isEmpty, "\(CheckHarness.render(result.diagnostics))")
  let scenario = try #require(result.scenario)
  #expect(scenario == Shop.expected)
}

@Test func seedOverrideWins() throws {
  let scenario = try #require(Frontend.compile(Shop.source, seedOverride: 7).scenario)
  #expect(scenario.seed == 7)
}

@Test func poolsExpandToNumberedServers() throws {
  let scenario = try #require(
    Frontend.compile("server web count 3 cpu 2 rps 500\nbalancer lb p2c to web").scenario)
  #expect(
    scenario.servers.map(\.name) == ["web-1", "web-2", "web-3"]
      && scenario.servers.allSatisfy {
        $0.pool == "web" && $0.cores == 2 && $0.service == .exponential(mean: 1.0 / 500)
      })
  #expect(
    scenario.balancers
      == [
        BalancerSpec(
          name: "lb", strategy: .powerOfTwo,
          backends: ["web-1", "web-2", "web-3"].map { Backend(server: $0, weight: 1) })
      ])
}

@Test func balancerBlockWeightsAndNoFailover() throws {
  let source = """
    server web-1 cpu 4
    server web-2 cpu 4 weight 2
    balancer lb weighted no-failover {
      web-1 weight 3
      web-2
    }
    """
  let scenario = try #require(Frontend.compile(source).scenario)
  #expect(
    scenario.balancers
      == [
        BalancerSpec(
          name: "lb", strategy: .weighted,
          backends: [Backend(server: "web-1", weight: 3), Backend(server: "web-2", weight: 2)],
          failover: false)
      ])
}

@Test func distributionsLowerToTheirModelCases() throws {
  let source = """
    server a service exp 2ms
    server b service const 2ms
    server c service uniform 1ms..3ms
    server d service normal 2ms sd 500us
    server e service lognormal 2ms sd 1ms
    server f service 2ms contention 0.05 0.001
    """
  let scenario = try #require(Frontend.compile(source).scenario)
  #expect(
    scenario.servers.map(\.service) == [
      .exponential(mean: 0.002), .constant(0.002), .uniform(low: 0.001, high: 0.003),
      .normal(mean: 0.002, stddev: 0.0005), .lognormal(mean: 0.002, stddev: 0.001),
      .exponential(mean: 0.002),
    ])
  #expect(scenario.servers.last?.contention == Contention(sigma: 0.05, kappa: 0.001))
}

@Test func resilienceStatementsLower() throws {
  let source = """
    server web count 4
    database orders cpu 8 service 2ms max-connections 400
    queue jobs workers 4 service 20ms max-depth 1000 when-full drop-oldest
    circuit-breaker db-breaker on orders failure-rate 50% window 100 min-calls 100 wait 60s half-open 10
    retry attempts 3 backoff 25ms..250ms jitter full budget 20%
    rate-limit edge 5000 rps burst 500
    traffic 500..3000 rps daily period 24h arrivals constant timeout 2s async 10% keys uniform over 10k
    duration 1h
    warmup 30s
    """
  let result = Frontend.compile(source)
  let scenario = try #require(result.scenario, "\(CheckHarness.render(result.diagnostics))")
  #expect(result.diagnostics.isEmpty, "\(CheckHarness.render(result.diagnostics))")
  #expect(
    scenario.databases == [
      DatabaseSpec(
        name: "orders", cores: 8, service: .exponential(mean: 0.002), maxConnections: 400)
    ])
  #expect(
    scenario.queues == [
      QueueSpec(
        name: "jobs", workers: 4, service: .exponential(mean: 0.02), maxDepth: 1000,
        overflow: .dropOldest)
    ])
  #expect(
    scenario.breakers == [
      CircuitBreakerSpec(
        name: "db-breaker", target: "orders", failureRateThreshold: 0.5, window: 100,
        minimumCalls: 100, waitInOpen: 60, halfOpenCalls: 10)
    ])
  #expect(
    scenario.retry == RetrySpec(attempts: 3, base: 0.025, cap: 0.25, jitter: .full, budget: 0.2))
  #expect(scenario.rateLimits == [RateLimitSpec(name: "edge", rate: 5000, burst: 500)])
  #expect(
    scenario.traffic
      == TrafficSpec(
        rate: 500, cycle: Cycle(low: 500, high: 3000, period: 86_400), arrivals: .constant,
        asyncFraction: 0.1, keys: .uniform(count: 10_000), timeout: 2))
  #expect(scenario.duration == 3600 && scenario.warmup == 30)
}

@Test func eventsLowerAndSortByTimeStably() throws {
  let source = """
    server web-1 cpu 4
    server web-2 cpu 4
    server db-1 cpu 4 ram 16GB storage 500GB
    balancer lb
    cache sessions
    traffic 1000 rps for 10min
    at 9min scale-up db-1 cpu 8 ram 32GB downtime 30s
    at 2min ramp traffic to 8000 rps over 2min
    at 4min traffic 3000 rps
    at 6min spike traffic to 10000 rps for 30s
    at 5min fail web-2 for 30s
    at 6min recover web-2
    at 7min add server web-4 cpu 4 to lb
    at 8min remove web-4
    at 3min set sessions nodes 4
    """
  let result = Frontend.compile(source)
  let scenario = try #require(result.scenario, "\(CheckHarness.render(result.diagnostics))")
  #expect(
    scenario.events == [
      TimedEvent(time: 120, action: .ramp(rps: 8000, duration: 120), line: 8),
      TimedEvent(time: 180, action: .setCacheNodes(cache: "sessions", nodes: 4), line: 15),
      TimedEvent(time: 240, action: .setRate(rps: 3000), line: 9),
      TimedEvent(time: 300, action: .fail(component: "web-2", duration: 30), line: 11),
      TimedEvent(time: 360, action: .spike(rps: 10000, duration: 30), line: 10),
      TimedEvent(time: 360, action: .recover(component: "web-2"), line: 12),
      TimedEvent(
        time: 420, action: .addServer(ServerSpec(name: "web-4", cores: 4), balancer: "lb"), line: 13
      ),
      TimedEvent(time: 480, action: .removeServer(name: "web-4"), line: 14),
      TimedEvent(
        time: 540,
        action: .scaleUp(component: "db-1", cores: 8, ramGB: 32, storageGB: nil, downtime: 30),
        line: 7),
    ])
}

@Test func expectationsLowerWithComponentsAndConfidence() throws {
  let source = """
    server web-1 cpu 4
    cache sessions
    traffic 1000 rps for 1min
    expect web-1 utilisation < 80%
    expect throughput >= 1900 rps
    expect p99.9 <= 1s with 95% confidence
    expect max < 2s
    expect sessions hit-rate > 80%
    """
  let result = Frontend.compile(source)
  let scenario = try #require(result.scenario, "\(CheckHarness.render(result.diagnostics))")
  #expect(
    scenario.expectations == [
      Expectation(
        component: "web-1", metric: .utilisation, comparison: .less, bound: 0.8,
        text: "web-1 utilisation < 80%", line: 4),
      Expectation(
        metric: .throughput, comparison: .greaterOrEqual, bound: 1900,
        text: "throughput >= 1900 rps", line: 5),
      Expectation(
        metric: .latency(quantile: 0.999), comparison: .lessOrEqual, bound: 1, confidence: 0.95,
        text: "p99.9 <= 1s with 95% confidence", line: 6),
      Expectation(
        metric: .latency(quantile: 1), comparison: .less, bound: 2, text: "max < 2s", line: 7),
      Expectation(
        component: "sessions", metric: .hitRate, comparison: .greater, bound: 0.8,
        text: "sessions hit-rate > 80%", line: 8),
    ])
}

@Test func durationComesFromDurationThenForThenDefault() throws {
  #expect(Frontend.compile("duration 5min\ntraffic 10 rps for 1min").scenario?.duration == 300)
  #expect(Frontend.compile("traffic 10 rps for 2min").scenario?.duration == 120)
  let fallback = Frontend.compile("server a\ntraffic 10 rps")
  #expect(fallback.scenario?.duration == Defaults.duration)
  #expect(fallback.diagnostics.map(\.id) == ["W0207"])
}

@Test func shardWithoutDatabaseMakesDb() throws {
  let scenario = try #require(Frontend.compile("shard 4 hashing jump scatter 5%").scenario)
  #expect(
    scenario.databases == [
      DatabaseSpec(name: "db", shards: 4, shardHashing: .jump, scatterFraction: 0.05)
    ])
}

@Test func autoscaleTargetTracking() throws {
  let scenario = try #require(
    Frontend.compile("server web count 2\nautoscale web target 60% min 1 max 4").scenario)
  #expect(
    scenario.autoscalers == [
      AutoscalerSpec(group: "web", mode: .target(utilisation: 0.6), minimum: 1, maximum: 4)
    ])
}
