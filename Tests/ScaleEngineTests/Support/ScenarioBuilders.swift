import ScaleModel

/// Small scenarios for the engine tests.
enum Scenarios {
  /// `count` identical servers (exponential service with mean 1/mu per core) behind one
  /// balancer (or none for a single server), Poisson arrivals at `lambda`.
  static func pool(
    count: Int = 1, cores: Int = 1, mu: Double, lambda: Double, duration: Double,
    warmup: Double = 0, strategy: BalancingStrategy? = nil, service: Distribution? = nil,
    maxConnections: Int? = nil, seed: UInt64 = 1, timeout: Double? = nil,
    arrivals: Arrivals = .poisson
  ) -> Scenario {
    let servers = (1...count).map {
      ServerSpec(
        name: count == 1 ? "web" : "web-\($0)", cores: cores,
        service: service ?? .exponential(mean: 1 / mu), maxConnections: maxConnections ?? 1_000_000)
    }
    return Scenario(
      seed: seed, duration: duration, warmup: warmup, servers: servers,
      balancers: strategy.map { [BalancerSpec(name: "lb", strategy: $0)] } ?? [],
      traffic: TrafficSpec(rate: lambda, arrivals: arrivals, timeout: timeout))
  }
}

/// |a − b| ≤ tolerance × |b|.
func close(_ a: Double, _ b: Double, within tolerance: Double) -> Bool {
  abs(a - b) <= tolerance * abs(b)
}
