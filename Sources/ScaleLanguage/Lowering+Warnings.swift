import ScaleDiagnostics
import ScaleModel

/// Warnings about legal but suspicious scripts, from the lowered scenario.
extension CheckSession {
  mutating func warn(about scenario: inout Scenario) {
    warnBackends(scenario)
    warnCapacity(scenario)
    if let traffic {
      for cache in caches where cache.spec.ttl > scenario.duration {
        guard let range = cache.ttlRange else { continue }
        report(
          .ttlLongerThanRun,
          "`ttl` \(Format.duration(cache.spec.ttl, .script)) is longer than the \(Format.duration(scenario.duration, .script)) run",
          at: range, help: "entries never expire during the run; shorten `ttl` or lengthen the run")
      }
      warnOffThePath(scenario)
      if servers.isEmpty, caches.isEmpty, databases.isEmpty, queues.isEmpty,
        !events.contains(where: { if case .addServer = $0.event.action { true } else { false } })
      {
        report(
          .nothingServes,
          "nothing serves this traffic: there is no server, cache, database or queue",
          at: traffic.rateRange, help: "declare what answers requests, e.g. `server web count 2`")
      }
      if traffic.spec.asyncFraction > 0, !scenario.routes.isEmpty, let range = traffic.asyncRange {
        report(
          .routesDecide, "routes decide where requests go: `async` is ignored", at: range,
          help: "end a route with a queue to hand its requests to workers, e.g. `… -> web -> jobs`")
      } else if traffic.spec.asyncFraction > 0, queues.isEmpty, let range = traffic.asyncRange {
        report(
          .asyncWithoutQueue, "`async` writes need a queue to go to", at: range,
          help: "add a queue, e.g. `queue jobs workers 4`")
      }
    } else if let first = expectations.first {
      report(
        .noTraffic, "nothing to simulate: there is no `traffic`", at: first.metricRange,
        help: "add a `traffic` statement, e.g. `traffic 1000 rps`")
    }
    for event in events where traffic != nil && event.event.time >= scenario.duration {
      report(
        .eventAfterEnd,
        "this event at \(Format.duration(event.event.time, .script)) comes after the run ends at \(Format.duration(scenario.duration, .script))",
        at: event.timeRange, help: "lengthen the run with `duration` or move the event earlier")
    }
  }

  /// Balancers with fewer than two backends (and no autoscaler to add more), and weights a
  /// non-weighted strategy ignores.
  mutating func warnBackends(_ scenario: Scenario) {
    let scaled = Set(scenario.autoscalers.map(\.group))
    // Built once: most balancers stand in front of every server.
    let allNames = servers.map(\.spec.name)
    let allPools = Set(servers.compactMap(\.spec.pool))
    let poolOf = Dictionary(
      servers.compactMap { s in s.spec.pool.map { (s.spec.name, $0) } },
      uniquingKeysWith: { a, _ in a })
    let weighted = servers.filter(\.weightGiven)
    let weightedSet = Set(weighted.map(\.spec.name))
    for (decl, spec) in zip(balancers, scenario.balancers) {
      let all = spec.backends.isEmpty
      let backendNames = all ? allNames : spec.backends.map(\.server)
      let pools = all ? allPools : Set(backendNames.compactMap { poolOf[$0] })
      let autoscaled = scaled.contains(spec.name) || !pools.isDisjoint(with: scaled)
      if backendNames.count <= 1, !autoscaled, !hasErrors {
        report(
          .fewBackends,
          backendNames.isEmpty
            ? "balancer `\(spec.name)` has no servers behind it"
            : "balancer `\(spec.name)` has only one backend (`\(backendNames[0])`)",
          at: decl.nameRange, help: "add servers, e.g. `server web count 3`")
      }
      guard spec.strategy != .weighted else { continue }
      if let entry = decl.block?.first(where: { $0.weight != nil }), let range = entry.weightRange {
        report(
          .weightsIgnored, "`\(spec.strategy.rawValue)` ignores weights", at: range,
          help: "write `balancer \(spec.name) weighted` to use them")
      } else if let server = all
        ? weighted.first?.spec.name : backendNames.first(where: { weightedSet.contains($0) })
      {
        report(
          .weightsIgnored,
          "`\(spec.strategy.rawValue)` balancer `\(spec.name)` ignores the weight of `\(server)`",
          at: decl.nameRange, help: "write `balancer \(spec.name) weighted` to use it")
      }
    }
  }

  /// Components the topology's edges never reach (`Scenario.topology`, the path the engine
  /// routes by): requests enter through the first balancer and go to its members; the
  /// servers call the first queue (async writes), cache and database (docs/semantics.md).
  mutating func warnOffThePath(_ scenario: Scenario) {
    let path = scenario.topology
    func name(_ kind: Topology.NodeKind, _ index: Int?) -> String {
      index.map { "`" + Topology.name(of: Topology.Node(kind, $0), in: scenario) + "`" } ?? ""
    }
    for node in path.unreached {
      let i = node.index
      let noun = node.kind.rawValue
      let what = "\(noun) `\(Topology.name(of: node, in: scenario))` gets no requests"
      if !scenario.routes.isEmpty || hasRouteErrors {
        // Routes with errors were left out: what they would call is not known.
        guard !hasRouteErrors else { continue }
        let range: SourceRange? =
          switch node.kind {
          case .balancer: balancers.indices.contains(i) ? balancers[i].nameRange : nil
          case .server: servers.indices.contains(i) ? servers[i].nameRange : nil
          case .cache: caches.indices.contains(i) ? caches[i].nameRange : nil
          case .database: databases.indices.contains(i) ? databases[i].nameRange : nil
          case .queue: queueRanges.indices.contains(i) ? queueRanges[i] : nil
          case .client, .rateLimit: nil
          }
        if let range {
          report(
            .offThePath, what + ": no route calls it", at: range,
            help: "add it to a route's steps, or remove it")
        }
        continue
      }
      switch node.kind {
      case .balancer where balancers.indices.contains(i):
        report(
          .offThePath,
          what + ": requests enter through the first balancer, "
            + name(.balancer, path.entryBalancer),
          at: balancers[i].nameRange, help: "declare one balancer, or move this one first to use it"
        )
      case .server where servers.indices.contains(i):
        report(
          .offThePath,
          what + ": it is not behind the entry balancer "
            + name(.balancer, path.entryBalancer),
          at: servers[i].nameRange,
          help: "list it in the balancer's `to`, or remove it")
      case .cache where caches.indices.contains(i):
        if let c = path.pathCache {
          report(
            .offThePath, what + ": the request path uses the first cache, " + name(.cache, c),
            at: caches[i].nameRange, help: "declare one cache, or move this one first to use it")
        } else {
          report(
            .offThePath, what + ": the traffic has no reads", at: caches[i].nameRange,
            help: "give the traffic a read share, e.g. `traffic … read 80%`")
        }
      case .database where databases.indices.contains(i):
        report(
          .offThePath,
          what + ": the request path uses the first database, "
            + name(.database, path.pathDatabase),
          at: databases[i].nameRange,
          help: "declare one database, or move this one first to use it")
      case .queue where queueRanges.indices.contains(i):
        if let q = path.pathQueue {
          report(
            .offThePath, what + ": async writes go to the first queue, " + name(.queue, q),
            at: queueRanges[i], help: "declare one queue, or move this one first to use it")
        } else {
          report(
            .offThePath, what + ": no traffic is `async`", at: queueRanges[i],
            help: "send writes to it with `traffic … async 20%`")
        }
      default:
        break
      }
    }
  }

  /// Requests per second a server can serve at most.
  static func capacity(of server: ServerSpec) -> Double {
    let mean = server.service.mean
    guard mean > 0 else { return .infinity }
    let cores = server.contention?.capacity(cores: server.cores) ?? Double(server.cores)
    return cores / mean
  }

  /// The base rate against the servers' and the database's capacity.
  mutating func warnCapacity(_ scenario: Scenario) {
    guard let traffic, !hasErrors else { return }
    var rate = traffic.spec.cycle?.high ?? traffic.spec.rate
    if let limit = scenario.rateLimits.map(\.rate).min() { rate = min(rate, limit) }
    guard rate > 0 else { return }
    if !scenario.servers.isEmpty {
      var serving = scenario.servers
      if let balancer = scenario.balancers.first, !balancer.backends.isEmpty {
        let names = Set(balancer.backends.map(\.server))
        serving = scenario.servers.filter { names.contains($0.name) }
      }
      var capacity = serving.reduce(0) { $0 + Self.capacity(of: $1) }
      if let scaler = scenario.autoscalers.first, let first = serving.first {
        capacity = max(capacity, Double(scaler.maximum) * Self.capacity(of: first))
      }
      if rate > capacity {
        report(
          .overCapacity,
          "\(WordReader.format(rate)) rps is more than the servers can serve (about \(WordReader.format(capacity.rounded())) rps)",
          at: traffic.rateRange,
          help: "expect queueing and rejections; add servers or cores, or lower the rate")
        return
      }
    }
    let plans = scenario.topology.plans
    for (d, database) in scenario.databases.enumerated() {
      var reads = scenario.caches.isEmpty ? rate * traffic.spec.readFraction : 0
      var writes = rate * (1 - traffic.spec.readFraction)
      if !scenario.routes.isEmpty {
        // With routes, each class's share reaches the databases of its steps; reads behind a
        // cache step are taken as hits (as without routes when there is a cache).
        (reads, writes) = (0, 0)
        for (route, plan) in zip(scenario.routes, plans) {
          guard let k = plan.firstIndex(where: { $0.calls.contains(.database(d)) }) else {
            continue
          }
          let readShare =
            route.kind.map { $0 == .read ? 1.0 : 0.0 } ?? traffic.spec.readFraction
          let cached =
            k > 0 && plan[k - 1].calls.contains { if case .cache = $0 { true } else { false } }
          if !cached { reads += rate * route.share * readShare }
          writes += rate * route.share * (1 - readShare)
        }
      }
      let perNode =
        database.service.mean > 0 ? Double(database.cores) / database.service.mean : .infinity
      let eventual = database.reads == .eventual
      let primaryLoad = writes + (eventual ? 0 : reads)
      let replicaLoad = eventual ? reads : 0
      let shards = Double(database.shards)
      if primaryLoad > shards * perNode
        || replicaLoad > shards * Double(database.replicas) * perNode
      {
        report(
          .overCapacity,
          "\(WordReader.format(rate)) rps is more than database `\(database.name)` can serve",
          at: traffic.rateRange,
          help: "add a cache, cores, replicas or shards, or lower the rate")
        return
      }
    }
  }
}
