import ScaleModel

/// A small routed shop (three request classes over two tiers, two caches-or-databases, a
/// fan-out, network latency and a link) and a hand-made result for it.
enum RouteFixtures {
  /// ```
  /// server web count 2 cpu 2 service 2ms zone a
  /// server orders-api cpu 2 service 1ms zone b
  /// balancer lb to web
  /// cache catalog
  /// database products
  /// database orders
  /// route browse 60% read: lb -> web -> catalog -> products
  /// route checkout 30% write: lb -> web -> orders-api -> orders
  /// route search 10% read: lb -> web -> { catalog, products }
  /// network latency 0.5ms cross-zone 2ms
  /// link web -> orders-api latency 1ms
  /// traffic 1000 rps for 2min
  /// expect route checkout p99 < 150ms
  /// ```
  static var scenario: Scenario {
    var scenario = Scenario(seed: 9, duration: 120, warmup: 10)
    var web1 = ServerSpec(
      name: "web-1", pool: "web", cores: 2, service: .exponential(mean: 0.002))
    web1.zone = "a"
    var web2 = web1
    web2.name = "web-2"
    var orders = ServerSpec(name: "orders-api", cores: 2, service: .exponential(mean: 0.001))
    orders.zone = "b"
    scenario.servers = [web1, web2, orders]
    scenario.balancers = [
      BalancerSpec(
        name: "lb",
        backends: [Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1)])
    ]
    scenario.caches = [CacheSpec(name: "catalog")]
    scenario.databases = [DatabaseSpec(name: "products"), DatabaseSpec(name: "orders")]
    scenario.routes = [
      RouteSpec(
        name: "browse", share: 0.6, kind: .read,
        steps: [
          RouteStep(["lb"]), RouteStep(["web"]), RouteStep(["catalog"]), RouteStep(["products"]),
        ]
      ),
      RouteSpec(
        name: "checkout", share: 0.3, kind: .write,
        steps: [
          RouteStep(["lb"]), RouteStep(["web"]), RouteStep(["orders-api"]), RouteStep(["orders"]),
        ]),
      RouteSpec(
        name: "search", share: 0.1, kind: .read,
        steps: [RouteStep(["lb"]), RouteStep(["web"]), RouteStep(["catalog", "products"])]),
    ]
    scenario.network = NetworkSpec(latency: .constant(0.0005), crossZone: .constant(0.002))
    scenario.links = [LinkSpec(from: "web", to: "orders-api", latency: .constant(0.001))]
    scenario.traffic = TrafficSpec(rate: 1000)
    var expectation = Expectation(
      metric: .latency(quantile: 0.99), comparison: .less, bound: 0.15,
      text: "route checkout p99 < 150ms")
    expectation.route = "checkout"
    var rebuilt = Expectation(metric: .meanLatency, comparison: .less, bound: 0.02)
    rebuilt.route = "browse"
    scenario.expectations = [expectation, rebuilt]
    return scenario
  }

  static var result: RunResult {
    func station(
      _ name: String, _ kind: ComponentKind, cores: Int, completed: Int, utilisation: Double,
      mean: Double
    ) -> ComponentStats {
      var c = ComponentStats(name: name, kind: kind)
      c.cores = cores
      c.arrivals = completed
      c.completed = completed
      c.utilisation = utilisation
      c.meanInSystem = Double(completed) / 110 * mean
      c.latency = Fixtures.latency(
        completed, mean: mean, p50: mean * 0.7, p99: mean * 4.6, max: mean * 9)
      return c
    }
    var lb = ComponentStats(name: "lb", kind: .balancer)
    lb.arrivals = 110_000
    lb.completed = 110_000
    var catalog = ComponentStats(name: "catalog", kind: .cache)
    catalog.hits = 55_000
    catalog.misses = 22_000
    var products = station(
      "products", .database, cores: 4, completed: 29_800, utilisation: 0.135, mean: 0.0021)
    products.reads = 29_800
    var orders = station(
      "orders", .database, cores: 4, completed: 32_900, utilisation: 0.149, mean: 0.0020)
    orders.writes = 32_900
    var checkout = RouteStats(name: "checkout")
    checkout.offered = 33_000
    checkout.completed = 32_900
    checkout.errors = ErrorCounts(rejected: 100)
    checkout.latency = Fixtures.latency(
      32_900, mean: 0.0079, p50: 0.0061, p99: 0.0391, max: 0.0804)
    var browse = RouteStats(name: "browse")
    browse.offered = 66_000
    browse.completed = 66_000
    browse.latency = Fixtures.latency(66_000, mean: 0.0048, p50: 0.0031, p99: 0.0213, max: 0.0452)
    var search = RouteStats(name: "search")
    search.offered = 11_000
    search.completed = 11_000
    search.latency = Fixtures.latency(11_000, mean: 0.0101, p50: 0.0084, p99: 0.0302, max: 0.0611)
    let e = scenario.expectations
    var result = RunResult(
      seed: 9, duration: 120, warmup: 10, offered: 110_000, completed: 109_900,
      errors: ErrorCounts(rejected: 100),
      latency: Fixtures.latency(109_900, mean: 0.0073, p50: 0.0052, p99: 0.0302, max: 0.0804),
      components: [
        station("web-1", .server, cores: 2, completed: 55_000, utilisation: 0.5, mean: 0.0027),
        station("web-2", .server, cores: 2, completed: 55_000, utilisation: 0.5, mean: 0.0027),
        station(
          "orders-api", .server, cores: 2, completed: 32_900, utilisation: 0.15, mean: 0.0010),
        lb, catalog, products, orders,
      ],
      verdicts: [
        Verdict(expectation: e[0], outcome: .pass, measured: 0.0391),
        Verdict(expectation: e[1], outcome: .pass, measured: 0.0048),
      ], eventsProcessed: 1_234_567)
    result.routes = [browse, checkout, search]
    return result
  }
}
