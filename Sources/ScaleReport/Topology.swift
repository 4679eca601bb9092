import ScaleModel

/// The component graph of a scenario in request-path order (client → rate limit → balancer
/// → server → queue / cache → database → replicas, shards), shared by the DOT and Mermaid
/// renderings. Node order and edge order are fixed by the scenario's declaration order.
struct Topology {
  struct Node {
    /// Stable and unique: `kind:name` (`server:web-1`).
    var id: String
    var kind: String
    var name: String
    /// Short facts from the script (`4 cores`, `weighted`).
    var details: [String]
    /// Figures from a run (`util 62.1%`), when a result was given.
    var figures: [String]
    var bottleneck: Bool
  }

  struct Edge {
    var from: Int
    var to: Int
    var label: String
  }

  var nodes: [Node] = []
  var edges: [Edge] = []

  init(_ scenario: Scenario, result: RunResult?) {
    let bottleneck = result.flatMap(Topology.bottleneck)
    func add(_ kind: String, _ name: String, _ details: [String]) -> Int {
      let stats = result?.component(name)
      nodes.append(
        Node(
          id: kind + ":" + name, kind: kind, name: name, details: details,
          figures: stats.map(Topology.figures) ?? [], bottleneck: stats != nil && name == bottleneck
        ))
      return nodes.count - 1
    }
    func breakerNote(_ name: String) -> [String] {
      scenario.breakers.filter { $0.target == name }.map { "breaker " + $0.name }
    }

    let client = add("client", "client", Topology.clientDetails(scenario.traffic))
    var entry = client
    for limit in scenario.rateLimits {
      let node = add(
        "rate-limit", limit.name, [Format.rate(limit.rate), "burst \(limit.burst)"])
      edges.append(Edge(from: entry, to: node, label: ""))
      entry = node
    }

    let balancerNodes = scenario.balancers.map { balancer in
      add("balancer", balancer.name, Topology.balancerDetails(balancer, scenario: scenario))
    }
    var serverIndex: [String: Int] = [:]
    for server in scenario.servers {
      serverIndex[server.name] = add(
        "server", server.name, Topology.serverDetails(server) + breakerNote(server.name))
    }
    // Servers a run added (autoscaling, `add server`) that the script does not declare.
    let added = Topology.addedServers(scenario, result: result)
    for name in added {
      serverIndex[name] = add("server", name, ["added during the run"])
    }
    if scenario.balancers.isEmpty {
      for name in scenario.servers.map(\.name) + added {
        if let node = serverIndex[name] {
          edges.append(Edge(from: entry, to: node, label: ""))
        }
      }
    }
    for (index, (balancer, node)) in zip(scenario.balancers, balancerNodes).enumerated() {
      edges.append(Edge(from: entry, to: node, label: ""))
      for backend in Topology.backends(balancer, scenario: scenario) {
        guard let target = serverIndex[backend.server] else { continue }
        let label = balancer.strategy == .weighted ? "weight \(backend.weight)" : ""
        edges.append(Edge(from: node, to: target, label: label))
      }
      // Added servers are drawn behind the first balancer (where the engine puts them
      // unless an event names another; the result does not say which).
      if index == 0 {
        for name in added {
          if let target = serverIndex[name] {
            edges.append(Edge(from: node, to: target, label: ""))
          }
        }
      }
    }
    let serverNodes = (scenario.servers.map(\.name) + added).compactMap { serverIndex[$0] }

    for queue in scenario.queues {
      let node = add(
        "queue", queue.name,
        ["\(queue.workers) worker" + (queue.workers == 1 ? "" : "s")]
          + (queue.maxDepth.map { ["max depth \($0)"] } ?? []))
      for server in serverNodes { edges.append(Edge(from: server, to: node, label: "async")) }
    }
    var cacheNodes: [Int] = []
    for cache in scenario.caches {
      let node = add(
        "cache", cache.name,
        [
          "\(cache.nodes) node" + (cache.nodes == 1 ? "" : "s"), cache.hashing.rawValue,
          "ttl " + Format.duration(cache.ttl),
        ] + breakerNote(cache.name))
      cacheNodes.append(node)
      for server in serverNodes { edges.append(Edge(from: server, to: node, label: "reads")) }
    }
    for db in scenario.databases {
      let node = add("database", db.name, Topology.databaseDetails(db) + breakerNote(db.name))
      for cache in cacheNodes { edges.append(Edge(from: cache, to: node, label: "misses")) }
      let label = cacheNodes.isEmpty ? "reads, writes" : "writes"
      for server in serverNodes { edges.append(Edge(from: server, to: node, label: label)) }
      var partIndex: [String: Int] = [:]
      for part in Topology.parts(of: db, result: result) {
        let child = add(part.kind.rawValue, part.name, [])
        partIndex[part.name] = child
        let parent = Topology.parent(of: part.name, among: partIndex).flatMap { partIndex[$0] }
        edges.append(
          Edge(
            from: parent ?? node, to: child,
            label: part.kind == .replica ? "replication" : "by key"))
      }
    }
  }

  /// Server components of a result that the scenario does not declare, in result order.
  static func addedServers(_ scenario: Scenario, result: RunResult?) -> [String] {
    guard let result else { return [] }
    let declared = Set(scenario.servers.map(\.name))
    return result.components.filter { $0.kind == .server && !declared.contains($0.name) }.map(
      \.name)
  }

  /// The longest name in `known` that `name` continues with `/` (`orders/shard-1` for
  /// `orders/shard-1/replica-2`): the engine names a shard's replicas under the shard.
  static func parent(of name: String, among known: [String: Int]) -> String? {
    var best: String?
    for candidate in known.keys where candidate != name && name.hasPrefix(candidate + "/") {
      if candidate.count > (best?.count ?? -1) { best = candidate }
    }
    return best
  }

  /// The station with the highest utilisation in a result (first among equals).
  static func bottleneck(_ result: RunResult) -> String? {
    let stations: Set<ComponentKind> = [.server, .database, .replica, .shard, .queue]
    var best: ComponentStats?
    for c in result.components where stations.contains(c.kind) {
      if c.utilisation > (best?.utilisation ?? 0) { best = c }
    }
    return best?.name
  }

  static func figures(_ c: ComponentStats) -> [String] {
    var out: [String] = []
    switch c.kind {
    case .server, .database, .replica, .shard, .queue:
      out.append("util " + Format.percent1(c.utilisation))
    case .cache, .cacheNode:
      out.append("hit " + Format.percent1(c.hitRate))
    case .rateLimit:
      let share = c.arrivals > 0 ? Double(c.errors.rejected) / Double(c.arrivals) : 0
      out.append("rejected " + Format.percent(share))
    case .breaker:
      out.append(c.healthy ? "closed" : "open")
    case .balancer, .autoscaler:
      break
    }
    if !c.healthy && c.kind != .breaker { out.append("DOWN") }
    return out
  }

  static func clientDetails(_ traffic: TrafficSpec?) -> [String] {
    guard let traffic else { return ["no traffic"] }
    var out: [String] = []
    if let cycle = traffic.cycle {
      out.append(Format.scaled(cycle.low) + "…" + Format.rate(cycle.high))
    } else {
      out.append(Format.rate(traffic.rate))
    }
    out.append("read " + Format.percent(traffic.readFraction))
    if traffic.asyncFraction > 0 { out.append("async " + Format.percent(traffic.asyncFraction)) }
    return out
  }

  static func serverDetails(_ s: ServerSpec) -> [String] {
    var out = ["\(s.cores) core" + (s.cores == 1 ? "" : "s")]
    out.append("service " + Format.duration(s.service.mean))
    if s.contention != nil { out.append("contention") }
    return out
  }

  static func balancerDetails(_ b: BalancerSpec, scenario: Scenario) -> [String] {
    var out = [b.strategy.rawValue]
    if let h = b.healthCheck { out.append("health every " + Format.duration(h.interval)) }
    let group = scenario.autoscalers.filter { a in
      a.group == b.name || scenario.servers.contains { $0.pool == a.group }
    }
    for a in group {
      switch a.mode {
      case .threshold(let low, let high):
        out.append(
          "autoscale " + Format.percent(low) + "…" + Format.percent(high)
            + " (\(a.minimum)–\(a.maximum))")
      case .target(let u):
        out.append("autoscale target " + Format.percent(u) + " (\(a.minimum)–\(a.maximum))")
      }
    }
    return out
  }

  static func backends(_ b: BalancerSpec, scenario: Scenario) -> [Backend] {
    b.backends.isEmpty
      ? scenario.servers.map { Backend(server: $0.name, weight: $0.weight) } : b.backends
  }

  static func databaseDetails(_ db: DatabaseSpec) -> [String] {
    var out = ["\(db.cores) core" + (db.cores == 1 ? "" : "s")]
    if db.replicas > 0 {
      out.append(
        "\(db.replicas) replica" + (db.replicas == 1 ? "" : "s") + " · reads " + db.reads.rawValue)
    }
    if db.shards > 1 { out.append("\(db.shards) shards · " + db.shardHashing.rawValue) }
    return out
  }

  /// Replica and shard components of a database in a result: those whose name starts with
  /// the database's name, in the result's order.
  static func parts(of db: DatabaseSpec, result: RunResult?) -> [ComponentStats] {
    guard let result else { return [] }
    return result.components.filter {
      ($0.kind == .replica || $0.kind == .shard) && $0.name.hasPrefix(db.name)
        && $0.name != db.name
    }
  }
}
