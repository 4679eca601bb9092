import ScaleModel

/// What a balancer feeds one backend (semantics-notes §10), for `Analysis`.
///
/// A round-robin balancer over k backends sends each one every k-th request: with Poisson
/// input at rate λ, the backend's interarrival time is the sum of k Exp(λ) times, Erlang-k
/// with mean k/λ and squared coefficient of variation 1/k (constant input stays constant). A
/// queue fed that way is E_k/M/c, far calmer than the M/M/c a random split would give.
/// Least-connections (join the shortest queue) and power-of-two choices feed the shortest
/// queues and do better still; no closed form covers them, so their rows keep the random
/// split's Poisson model and say it is an upper bound.
public enum BackendFeed: Sendable, Equatable {
  /// A random split, a hash, or no balancer: Poisson thinning stays Poisson.
  case split
  /// Every k-th request of the balancer.
  case roundRobin(k: Int)
  /// Least-connections or power-of-two choices: better than a split, no closed form.
  case shortestQueue

  /// How each server of `scenario` is fed, by name, along `Scenario.topology` (the edges the
  /// engine routes by): the entry balancer's strategy for its members; with no balancer, the
  /// engine's implicit round-robin over the servers the client calls (when there are several);
  /// `.split` for every other server.
  public static func feeds(_ scenario: Scenario) -> [String: BackendFeed] {
    var out: [String: BackendFeed] = [:]
    for s in scenario.servers { out[s.name] = .split }
    let topology = scenario.topology
    let serving = topology.servingServers.filter { scenario.servers.indices.contains($0) }
    let k = serving.count
    var feed: BackendFeed = k > 1 ? .roundRobin(k: k) : .split
    if let b = topology.entryBalancer, scenario.balancers.indices.contains(b) {
      switch scenario.balancers[b].strategy {
      case .roundRobin: feed = k > 1 ? .roundRobin(k: k) : .split
      case .leastConnections, .powerOfTwo: feed = k > 1 ? .shortestQueue : .split
      case .weighted, .random, .hash: feed = .split
      }
    }
    // Routes: a class's share and the steps before a pool change what it is fed; keep the
    // random split's Poisson model there.
    guard scenario.routes.isEmpty else { return out }
    for s in serving { out[scenario.servers[s].name] = feed }
    return out
  }
}

/// GI/M/1 with Erlang-k interarrival times (E_k/M/1), exactly: an arrival finds the server
/// busy with probability σ, the root in (0, 1) of σ = A*(μ(1 − σ)), where
/// A*(s) = (kλ / (kλ + s))^k is the Laplace–Stieltjes transform of the interarrival time
/// (k phases at rate kλ); the wait of those who wait is Exp(μ(1 − σ)), so
/// Wq = σ / (μ(1 − σ)) and W = 1 / (μ(1 − σ)) (Kleinrock, Queueing Systems I, §6.4).
public enum ErlangArrivals {
  /// σ for `k` phases, arrival rate `lambda`, service rate `mu`; nil unless 0 < ρ < 1.
  public static func sigma(phases k: Int, arrivalRate lambda: Double, serviceRate mu: Double)
    -> Double?
  {
    guard k >= 1, lambda > 0, mu > 0, lambda.isFinite, mu.isFinite, lambda < mu else {
      return nil
    }
    let phaseRate = Double(k) * lambda
    // (kλ/(kλ + s))^k = e^(−k·ln(1 + s/kλ)): O(1) whatever k (a pool of 10⁵ servers
    // behind one round-robin balancer has k = 10⁵ for each of them).
    func transform(_ s: Double) -> Double {
      naturalExp(-Double(k) * naturalLog1p(s / phaseRate))
    }
    // f(σ) = A*(μ(1 − σ)) − σ: A* is convex in σ, f(0) > 0, f(1) = 0 and f'(1) = 1/ρ − 1 > 0,
    // so f < 0 just left of 1 and the root wanted is the one sign change in (0, 1): bisect.
    var low = 0.0
    var high = 1.0
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if transform(mu * (1 - mid)) - mid > 0 { low = mid } else { high = mid }
      if high - low < 1e-15 { break }
    }
    return (low + high) / 2
  }

  /// E_k/M/1 mean wait in queue; nil when unstable or invalid.
  public static func meanWait(phases k: Int, arrivalRate lambda: Double, serviceRate mu: Double)
    -> Double?
  {
    guard let s = sigma(phases: k, arrivalRate: lambda, serviceRate: mu) else { return nil }
    return s / (mu * (1 - s))
  }
}
