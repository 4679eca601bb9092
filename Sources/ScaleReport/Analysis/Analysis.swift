import ScaleModel

/// Analytic steady-state estimates for a scenario's stations, from queueing theory
/// (docs/report-formats.md § Analysis says which formula is used when).
///
/// Routing follows the edges of `Scenario.topology` (the same edges the engine routes by):
/// the traffic's rate (a cycle's peak, or the `offeredRate` given) passes each rate limit
/// (capped at its rate); the entry balancer splits it over its members (by weight for
/// `weighted`, equally otherwise); with no balancer it is split equally over the servers.
/// Behind the servers, reads go to the path's cache and, on a miss, to the path's database;
/// writes go to that database, except the async share, which goes to the path's queue. The
/// database's read load needs a hit rate when there is a cache: pass `cacheHitRate` (e.g. the
/// simulated one), otherwise the database is reported as not computable. Shards split its
/// load evenly (scatter reads go to every shard); with `reads eventual` and replicas, reads
/// are split over the replicas and the primary takes writes. Components the topology leaves
/// without traffic are shown with no load. Events (ramps, failures, scaling) are ignored:
/// this is the starting topology at the starting rate.
public enum Analysis {
  /// One estimate per station in request-path order. `offeredRate` replaces the script's
  /// rate (e.g. a run's mean offered rate, so that ramps and spikes are averaged in).
  ///
  /// With routes, the stations' rates come from the routes' traffic equations instead
  /// (`RoutedNetwork`; per-route figures: `routes(_:…)`); `cacheHitRates` (cache name → hit
  /// rate) then gives each cache its own hit rate, `cacheHitRate` the rest.
  public static func estimate(
    _ scenario: Scenario, cacheHitRate: Double? = nil, offeredRate: Double? = nil,
    cacheHitRates: [String: Double] = [:]
  ) -> [ComponentEstimate] {
    guard let traffic = scenario.traffic else { return [] }
    var lambda =
      offeredRate ?? traffic.cycle.map { Swift.max($0.low, $0.high) } ?? traffic.rate
    guard lambda.isFinite, lambda >= 0 else { return [] }
    let arrivalSCV: Double = traffic.arrivals == .poisson ? 1 : 0
    var estimates: [ComponentEstimate] = []

    for limit in scenario.rateLimits {
      let rho = limit.rate > 0 ? lambda / limit.rate : Double.infinity
      var notes: [String] = []
      if lambda > limit.rate {
        notes.append(
          "rejects about " + Format.percent((lambda - limit.rate) / lambda) + " of its traffic")
      }
      estimates.append(
        ComponentEstimate(
          name: limit.name, kind: .rateLimit, model: "token bucket", arrivalRate: lambda,
          servers: 1, meanService: 0, serviceSCV: 0, utilisation: rho, notes: notes))
      lambda = Swift.min(lambda, Swift.max(0, limit.rate))
    }

    if !scenario.routes.isEmpty {
      return estimates
        + RoutedNetwork(
          scenario, lambda: lambda, arrivalSCV: arrivalSCV,
          cacheHitRates: hitRates(scenario, cacheHitRate, cacheHitRates)
        ).stations
    }

    let feeds = BackendFeed.feeds(scenario)
    let rates = serverRates(scenario, lambda: lambda)
    for (server, rate) in rates {
      let mean = UniversalScalability.effectiveMeanService(
        server.service.mean, cores: server.cores, contention: server.contention)
      estimates.append(
        backendStation(
          server, feed: feeds[server.name] ?? .split, lambda: rate,
          meanService: mean, arrivalSCV: arrivalSCV))
    }

    let path = scenario.topology
    estimates += pools(
      scenario, topology: path, rates: rates.map(\.1), reached: Set(path.servingServers),
      arrivalSCV: arrivalSCV)
    let reads = lambda * clampShare(traffic.readFraction)
    let allWrites = lambda * (1 - clampShare(traffic.readFraction))
    let asyncShare = path.pathQueue == nil ? 0 : clampShare(traffic.asyncFraction)
    for (index, queue) in scenario.queues.enumerated() {
      let onPath = index == path.pathQueue
      estimates.append(
        station(
          name: queue.name, kind: .queue, lambda: onPath ? allWrites * asyncShare : 0,
          servers: queue.workers, meanService: queue.service.mean,
          service: queue.service, arrivalSCV: arrivalSCV,
          notes: onPath ? [] : [Analysis.noRequests]))
    }
    let writes = allWrites * (1 - asyncShare)

    var readsToDatabase: Double? = reads
    if path.pathCache != nil {
      readsToDatabase = cacheHitRate.map { reads * (1 - clampShare($0)) }
    }
    for (index, db) in scenario.databases.enumerated() {
      let onPath = index == path.pathDatabase
      estimates += database(
        db, reads: onPath ? readsToDatabase : 0, writes: onPath ? writes : 0,
        arrivalSCV: arrivalSCV, onPath: onPath)
    }
    return estimates
  }

  /// Per route, the end-to-end estimate (`RoutedNetwork`), at the rate `estimate` uses;
  /// empty when the scenario has no routes or no traffic.
  public static func routes(
    _ scenario: Scenario, cacheHitRate: Double? = nil, offeredRate: Double? = nil,
    cacheHitRates: [String: Double] = [:]
  ) -> [RouteEstimate] {
    guard !scenario.routes.isEmpty, let traffic = scenario.traffic else { return [] }
    var lambda =
      offeredRate ?? traffic.cycle.map { Swift.max($0.low, $0.high) } ?? traffic.rate
    guard lambda.isFinite, lambda >= 0 else { return [] }
    for limit in scenario.rateLimits { lambda = Swift.min(lambda, Swift.max(0, limit.rate)) }
    return RoutedNetwork(
      scenario, lambda: lambda, arrivalSCV: traffic.arrivals == .poisson ? 1 : 0,
      cacheHitRates: hitRates(scenario, cacheHitRate, cacheHitRates)
    ).routes
  }

  /// Per cache index, its hit rate: by name from `byName`, else `common`.
  static func hitRates(_ scenario: Scenario, _ common: Double?, _ byName: [String: Double])
    -> [Int: Double]
  {
    var rates: [Int: Double] = [:]
    for (c, cache) in scenario.caches.enumerated() {
      if let h = byName[cache.name] ?? common { rates[c] = clampShare(h) }
    }
    return rates
  }

  /// The station with the highest utilisation (the first among equals); nil when none has one.
  public static func bottleneck(_ estimates: [ComponentEstimate]) -> ComponentEstimate? {
    var best: ComponentEstimate?
    for e in estimates where e.isStation {
      guard let rho = e.utilisation else { continue }
      if rho > (best?.utilisation ?? -1) { best = e }
    }
    return best
  }

  static func clampShare(_ x: Double) -> Double {
    x.isFinite ? Swift.min(1, Swift.max(0, x)) : 0
  }

  /// The note on a component the topology leaves without traffic.
  static let noRequests = "not on the request path: gets no requests"

  /// Arrival rate per server, in declaration order: the entry balancer's split over its
  /// members (the topology's balanced edges), or an equal split over the servers the client
  /// calls directly.
  static func serverRates(_ scenario: Scenario, lambda: Double) -> [(ServerSpec, Double)] {
    let path = scenario.topology
    var rates = [Int: Double]()
    if let b = path.entryBalancer {
      let members = path.edges(from: Topology.Node(.balancer, b))
      let weights = members.map { e -> Double in Double(Swift.max(0, e.weight ?? 1)) }
      let total = weights.reduce(0, +)
      if total > 0 {
        for (edge, weight) in zip(members, weights) {
          rates[edge.to.index, default: 0] += lambda * weight / total
        }
      }
    } else if !path.servingServers.isEmpty {
      let share = lambda / Double(path.servingServers.count)
      for s in path.servingServers { rates[s, default: 0] += share }
    }
    return scenario.servers.indices.map { (scenario.servers[$0], rates[$0] ?? 0) }
  }

  static func database(
    _ db: DatabaseSpec, reads: Double?, writes: Double?, arrivalSCV: Double, onPath: Bool
  ) -> [ComponentEstimate] {
    let shards = Swift.max(1, db.shards)
    let scatter = clampShare(db.scatterFraction)
    let shardReads = reads.map { $0 * ((1 - scatter) / Double(shards) + scatter) }
    let shardWrites = writes.map { $0 / Double(shards) }
    let useReplicas = db.reads == .eventual && db.replicas > 0
    let primaryRate: Double?
    if let w = shardWrites, let r = shardReads {
      primaryRate = useReplicas ? w : w + r
    } else {
      primaryRate = nil
    }
    var notes: [String] = []
    if !onPath {
      notes.append(Analysis.noRequests)
    } else if reads == nil {
      notes.append("needs the cache's hit rate")
    }
    let role = shards > 1 ? "per shard" : ""
    var rows = [
      station(
        name: db.name, kind: .database, role: role, lambda: primaryRate, servers: db.cores,
        meanService: db.service.mean, service: db.service,
        arrivalSCV: arrivalSCV, notes: notes)
    ]
    if useReplicas {
      let perReplica = shardReads.map { $0 / Double(db.replicas) }
      let replicaRole = db.replicas == 1 ? "" : "each"
      rows.append(
        station(
          name: db.name + " replica", kind: .replica, role: replicaRole, lambda: perReplica,
          servers: db.cores, meanService: db.service.mean,
          service: db.service, arrivalSCV: arrivalSCV,
          notes: notes))
    }
    return rows
  }

  /// A server's estimate from what its balancer feeds it (`BackendFeed`): round-robin over k
  /// turns Poisson input into Erlang-k arrivals (exact E_k/M/1 for one core and exponential
  /// service, Allen–Cunneen with c_a² = 1/k otherwise); least-connections and p2c keep the
  /// Poisson model, labelled an upper bound.
  static func backendStation(
    _ server: ServerSpec, feed: BackendFeed, lambda: Double, meanService: Double,
    arrivalSCV: Double
  ) -> ComponentEstimate {
    var e: ComponentEstimate
    switch feed {
    case .roundRobin(let k) where arrivalSCV > 0:
      e = station(
        name: server.name, kind: .server, lambda: lambda, servers: server.cores,
        meanService: meanService, service: server.service, arrivalSCV: arrivalSCV / Double(k),
        erlangPhases: k)
    case .shortestQueue:
      e = station(
        name: server.name, kind: .server, lambda: lambda, servers: server.cores,
        meanService: meanService, service: server.service, arrivalSCV: arrivalSCV)
      if !e.saturated {
        e.notes.append(
          "upper bound: least-connections and p2c join shorter queues than the random split "
            + "modelled")
      }
    default:
      e = station(
        name: server.name, kind: .server, lambda: lambda, servers: server.cores,
        meanService: meanService, service: server.service, arrivalSCV: arrivalSCV)
    }
    return e
  }

  /// Kendall letter of a service distribution: M exponential, D constant, G any other.
  static func letter(_ service: Distribution) -> String {
    switch service {
    case .exponential: return "M"
    case .constant: return "D"
    default: return "G"
    }
  }

  /// One station's estimate: exact M/M/c (Erlang C) when arrivals are Poisson and service
  /// exponential; exact E_k/M/1 for Erlang-k arrivals (`erlangPhases`, round-robin) on one
  /// core; Pollaczek–Khinchine for M/G/1; Kingman (c = 1) or Allen–Cunneen (c > 1)
  /// otherwise. The 99th percentile is given for M/M/c only (exact there).
  static func station(
    name: String, kind: ComponentKind, role: String = "", lambda: Double?, servers: Int,
    meanService: Double, service: Distribution, arrivalSCV: Double, erlangPhases: Int? = nil,
    notes: [String] = []
  ) -> ComponentEstimate {
    let serviceSCV = service.squaredCoefficientOfVariation
    let c = Swift.max(1, servers)
    let arrivalLetter = erlangPhases.map { "E\($0)" } ?? (arrivalSCV == 1 ? "M" : "D")
    let model = arrivalLetter + "/" + letter(service) + "/\(c)"
    var e = ComponentEstimate(
      name: name, kind: kind, role: role, model: model, arrivalRate: lambda, servers: c,
      meanService: meanService, serviceSCV: serviceSCV, notes: notes)
    guard let lambda, meanService > 0, meanService.isFinite else {
      if let lambda, lambda > 0, !(meanService.isFinite) { e.utilisation = .infinity }
      return e
    }
    let rho = lambda * meanService / Double(c)
    e.utilisation = rho
    guard rho < 1 else {
      e.notes.append("ρ ≥ 1: saturated, the queue grows until the connection limit rejects")
      return e
    }
    let mu = 1 / meanService
    let exponential = letter(service) == "M" && arrivalSCV == 1
    if let k = erlangPhases, c == 1, letter(service) == "M" {
      // Exact: E_k/M/1 (GI/M/1 with the σ root); arrivals see the server busy with σ.
      let sigma = ErlangArrivals.sigma(phases: k, arrivalRate: lambda, serviceRate: mu)
      e.waitProbability = sigma
      e.meanWait = ErlangArrivals.meanWait(phases: k, arrivalRate: lambda, serviceRate: mu)
    } else if exponential {
      e.waitProbability = ErlangC.waitProbability(servers: c, load: lambda * meanService)
      e.meanWait = ErlangC.meanWait(servers: c, arrivalRate: lambda, serviceRate: mu)
      e.p99Response = ErlangC.responseQuantile(
        0.99, servers: c, arrivalRate: lambda, serviceRate: mu)
    } else if c == 1 && arrivalSCV == 1 {
      e.meanWait = PollaczekKhinchine.meanWait(
        arrivalRate: lambda, meanService: meanService, squaredCV: serviceSCV)
    } else if c == 1 {
      e.meanWait = Kingman.meanWait(
        utilisation: rho, arrivalSCV: arrivalSCV, serviceSCV: serviceSCV,
        meanService: meanService)
    } else {
      e.meanWait = Kingman.meanWait(
        servers: c, arrivalRate: lambda, meanService: meanService, arrivalSCV: arrivalSCV,
        serviceSCV: serviceSCV)
    }
    e.meanResponse = e.meanWait.map { $0 + meanService }
    e.meanInSystem = e.meanResponse.map {
      LittlesLaw.meanInSystem(arrivalRate: lambda, meanTime: $0)
    }
    return e
  }
}
