import ScaleModel

/// Hand-built scenarios and results (no engine involved), shared by the report tests.
enum Fixtures {
  static func latency(
    _ count: Int, mean: Double, p50: Double, p99: Double, max: Double
  ) -> LatencySummary {
    LatencySummary(
      count: count, mean: mean, p50: p50, p90: p50 * 2, p95: p50 * 3, p99: p99,
      p999: p99 + (max - p99) / 2, max: max)
  }

  /// The product brief's shop: three web servers behind a weighted balancer, a cache, a
  /// replicated and sharded database, a queue, a breaker and a rate limit.
  static var shopScenario: Scenario {
    var scenario = Scenario(seed: 42, duration: 600, warmup: 30)
    scenario.servers = [
      ServerSpec(name: "web-1", pool: "web", cores: 4, service: .exponential(mean: 0.004)),
      ServerSpec(name: "web-2", pool: "web", cores: 4, service: .exponential(mean: 0.004)),
      ServerSpec(
        name: "web-3", pool: "web", cores: 8, service: .exponential(mean: 0.004), weight: 2),
    ]
    scenario.balancers = [
      BalancerSpec(
        name: "lb", strategy: .weighted,
        backends: [
          Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1),
          Backend(server: "web-3", weight: 2),
        ], healthCheck: HealthCheckSpec(interval: 5, timeout: 1, fall: 3, rise: 2))
    ]
    scenario.caches = [CacheSpec(name: "sessions", ttl: 60, nodes: 3, hashing: .consistent)]
    scenario.databases = [
      DatabaseSpec(name: "orders", replicas: 2, reads: .eventual, shards: 4, shardHashing: .jump)
    ]
    scenario.autoscalers = [AutoscalerSpec(group: "web")]
    scenario.queues = [QueueSpec(name: "jobs", workers: 4, service: .exponential(mean: 0.02))]
    scenario.breakers = [CircuitBreakerSpec(name: "db-breaker", target: "orders")]
    scenario.rateLimits = [RateLimitSpec(name: "edge", rate: 5000, burst: 500)]
    scenario.traffic = TrafficSpec(rate: 2000, readFraction: 0.9, asyncFraction: 0.1)
    scenario.expectations = [
      Expectation(
        metric: .latency(quantile: 0.99), comparison: .less, bound: 0.2, text: "p99 < 200ms"),
      Expectation(metric: .errorRate, comparison: .less, bound: 0.001, text: "errors < 0.1%"),
      Expectation(
        component: "sessions", metric: .hitRate, comparison: .greater, bound: 0.8,
        text: "sessions hit-rate > 80%"),
      Expectation(
        metric: .latency(quantile: 0.99), comparison: .less, bound: 0.15, confidence: 0.95,
        text: "p99 < 150ms with 95% confidence"),
    ]
    return scenario
  }

  static var shopResult: RunResult {
    var web1 = ComponentStats(name: "web-1", kind: .server)
    web1.cores = 4
    web1.arrivals = 285_000
    web1.completed = 284_700
    web1.errors = ErrorCounts(rejected: 300)
    web1.utilisation = 0.4987
    web1.meanQueueLength = 0.123
    web1.maxQueueLength = 17
    web1.meanInSystem = 2.1
    web1.latency = latency(284_700, mean: 0.0042, p50: 0.0031, p99: 0.0188, max: 0.0912)
    var web2 = web1
    web2.name = "web-2"
    web2.utilisation = 0.5123
    web2.healthy = true
    web2.downTime = 30
    web2.errors = ErrorCounts(unavailable: 250)
    var web3 = web1
    web3.name = "web-3"
    web3.cores = 8
    web3.arrivals = 570_000
    web3.completed = 570_000
    web3.errors = ErrorCounts()
    web3.utilisation = 0.9312
    var lb = ComponentStats(name: "lb", kind: .balancer)
    lb.arrivals = 1_140_000
    lb.completed = 1_139_450
    lb.errors = ErrorCounts(unavailable: 250)
    var cache = ComponentStats(name: "sessions", kind: .cache)
    cache.hits = 872_100
    cache.misses = 153_900
    cache.evictions = 12
    cache.latency = latency(1_026_000, mean: 0.0005, p50: 0.0005, p99: 0.0005, max: 0.0005)
    var nodes: [ComponentStats] = []
    for (index, share) in [0.31, 0.36, 0.33].enumerated() {
      var node = ComponentStats(name: "sessions-\(index + 1)", kind: .cacheNode)
      node.arrivals = Int(1_026_000 * share)
      node.hits = Int(872_100 * share)
      node.misses = Int(153_900 * share)
      nodes.append(node)
    }
    var db = ComponentStats(name: "orders", kind: .database)
    db.cores = 4
    db.reads = 153_900
    db.writes = 102_600
    db.staleReads = 1_234
    db.utilisation = 0.0612
    db.latency = latency(256_500, mean: 0.0021, p50: 0.0015, p99: 0.0098, max: 0.031)
    var replica = ComponentStats(name: "orders-r1", kind: .replica)
    replica.cores = 4
    replica.reads = 76_950
    replica.utilisation = 0.0311
    var queue = ComponentStats(name: "jobs", kind: .queue)
    queue.cores = 4
    queue.arrivals = 11_400
    queue.completed = 11_380
    queue.utilisation = 0.1001
    queue.meanQueueLength = 0.01
    queue.maxQueueLength = 5
    queue.errors = ErrorCounts(rejected: 20)
    var breaker = ComponentStats(name: "db-breaker", kind: .breaker)
    breaker.arrivals = 256_500
    var edge = ComponentStats(name: "edge", kind: .rateLimit)
    edge.arrivals = 1_140_000
    edge.errors = ErrorCounts(rejected: 0)

    var intervals: [IntervalStats] = []
    for k in 0..<12 {
      var i = IntervalStats(start: 30 + Double(k) * 47.5, end: 30 + Double(k + 1) * 47.5)
      let load = 1.0 + (k == 6 ? 0.5 : 0) + Double(k % 3) * 0.05
      i.offered = Int(95_000 * load)
      i.completed = i.offered - (k == 6 ? 550 : 0)
      i.errors = k == 6 ? 550 : 0
      i.latency = latency(
        i.completed, mean: 0.004 * load, p50: 0.003 * load, p99: k == 6 ? 0.1432 : 0.018 * load,
        max: 0.09)
      i.utilisation = [
        "web-1": 0.45 * load, "web-2": k == 6 ? 0 : 0.5 * load, "web-3": Swift.min(1, 0.9 * load),
        "orders": 0.06,
      ]
      i.queueLength = ["web-1": 0.1 * load, "jobs": 0.01]
      i.servers = k < 6 ? 3 : 4
      i.poolServers = ["lb": i.servers]
      i.errorCauses = ErrorCounts(rejected: k == 6 ? 300 : 0, unavailable: k == 6 ? 250 : 0)
      i.hitRate = ["sessions": k == 6 ? 0.4 : 0.85]
      i.staleReads = ["orders": 0.008]
      intervals.append(i)
    }
    let events = [
      RunEvent(
        time: 300, kind: .fail, component: "web-2",
        detail: "Injected by `at 5min fail web-2 for 30s` (line 14)."),
      RunEvent(
        time: 315, kind: .markedDown, component: "web-2",
        detail: "3 health checks in a row failed (every 5s, fall 3)."),
      RunEvent(time: 330, kind: .recover, component: "web-2", detail: "The 30s failure ended."),
      RunEvent(
        time: 330, component: "web-4",
        fact: .scaledOut(
          .init(
            group: "lb", reason: .aboveHigh(utilisation: 0.74, high: 0.7, atMaximum: false),
            from: 3, to: 4))),
      RunEvent(
        time: 340, kind: .markedUp, component: "web-2",
        detail: "2 health checks in a row passed (rise 2)."),
    ]
    let expectations = shopScenario.expectations
    let verdicts = [
      Verdict(expectation: expectations[0], outcome: .pass, measured: 0.1432),
      Verdict(expectation: expectations[1], outcome: .pass, measured: 0.000482),
      Verdict(expectation: expectations[2], outcome: .pass, measured: 0.85),
      Verdict(
        expectation: expectations[3], outcome: .inconclusive, measured: 0.1432,
        interval: 0.131...0.1575),
    ]
    return RunResult(
      seed: 42, duration: 600, warmup: 30, offered: 1_140_000, completed: 1_139_450,
      errors: ErrorCounts(rejected: 300, unavailable: 250),
      latency: latency(1_139_450, mean: 0.0042, p50: 0.0031, p99: 0.1432, max: 0.2121),
      components: [web1, web2, web3, lb, cache] + nodes + [db, replica, queue, breaker, edge],
      intervals: intervals, events: events, verdicts: verdicts, eventsProcessed: 9_876_543)
  }

  /// A small failing run: one server, no components' extras, one failed expectation.
  static var smallScenario: Scenario {
    var scenario = Scenario(seed: 7, duration: 60)
    scenario.servers = [ServerSpec(name: "api", cores: 2)]
    scenario.traffic = TrafficSpec(rate: 1500)
    scenario.expectations = [
      Expectation(
        metric: .latency(quantile: 0.99), comparison: .less, bound: 0.2, text: "p99 < 200ms"),
      Expectation(metric: .errorRate, comparison: .less, bound: 0.001, text: "errors < 0.1%"),
    ]
    return scenario
  }

  static var smallResult: RunResult {
    var api = ComponentStats(name: "api", kind: .server)
    api.cores = 2
    api.arrivals = 90_000
    api.completed = 89_532
    api.errors = ErrorCounts(rejected: 468)
    api.utilisation = 0.7497
    api.meanQueueLength = 1.93
    api.maxQueueLength = 200
    api.meanInSystem = 3.43
    api.latency = latency(89_532, mean: 0.002286, p50: 0.0017, p99: 0.2501, max: 0.41)
    let e = smallScenario.expectations
    return RunResult(
      seed: 7, duration: 60, offered: 90_000, completed: 89_532,
      errors: ErrorCounts(rejected: 468),
      latency: latency(89_532, mean: 0.002286, p50: 0.0017, p99: 0.2501, max: 0.41),
      components: [api],
      verdicts: [
        Verdict(expectation: e[0], outcome: .fail, measured: 0.2501),
        Verdict(expectation: e[1], outcome: .fail, measured: 0.0052),
      ], eventsProcessed: 270_000)
  }
}
