import ScaleModel

extension Analysis {
  /// One row per pool (`Topology.pools`, the members its servers name), after the servers:
  /// its offered load is the sum of its members' arrival rates (`rates`, per server index:
  /// the balancers' and routes' split along the topology's edges, so a pool two routes reach
  /// gets both shares), and it is estimated as one M/M/c or M/G/c station over its members'
  /// cores together: c = Σ cores, capacity Σ cores / E[S] (each server's service time after
  /// contention), E[S] = c / capacity. That is the pooled (shared-queue) model, a lower
  /// bound on the time in a pool whose servers queue separately behind a balancer; the
  /// members' rows model that split. A pool is no station of its own: it is never the
  /// bottleneck (`ComponentEstimate.isStation`).
  static func pools(
    _ scenario: Scenario, topology: Topology, rates: [Double], reached: Set<Int>,
    arrivalSCV: Double
  ) -> [ComponentEstimate] {
    topology.pools.compactMap { pool -> ComponentEstimate? in
      let members = pool.members.filter { scenario.servers.indices.contains($0) }
      guard let first = members.first else { return nil }
      var lambda = 0.0
      var cores = 0
      var capacity = 0.0
      var alike = true
      for s in members {
        let server = scenario.servers[s]
        lambda += s < rates.count ? rates[s] : 0
        let c = Swift.max(1, server.cores)
        cores += c
        let mean = UniversalScalability.effectiveMeanService(
          server.service.mean, cores: server.cores, contention: server.contention)
        capacity += mean > 0 && mean.isFinite ? Double(c) / mean : 0
        let model = scenario.servers[first]
        if server.service != model.service || server.cores != model.cores
          || server.contention != model.contention
        {
          alike = false
        }
      }
      var notes: [String] = []
      if !members.contains(where: reached.contains) {
        notes.append(Analysis.noRequests)
      } else if members.count > 1 {
        notes.append(
          "one shared queue over its \(members.count) servers' \(cores) cores: a lower bound "
            + "on the time in it when each server queues its own requests (the server rows)")
      }
      if !alike {
        notes.append(
          "its servers differ in cores or service: one station with their capacity together")
      }
      return station(
        name: pool.name, kind: .pool, role: "pool", lambda: lambda, servers: cores,
        meanService: capacity > 0 ? Double(cores) / capacity : .infinity,
        service: scenario.servers[first].service, arrivalSCV: arrivalSCV, notes: notes)
    }
  }
}
