import ScaleModel

/// The component graph as drawn by `scale graph` (DOT, Mermaid, text) and the HTML report:
/// the nodes and edges of `Scenario.topology` (the one place the request path is decided —
/// the engine routes by the same edges), each node with short facts from the script and,
/// given a run's result, its figures; plus the database's replicas and shards, and the
/// servers a run added. Components no edge reaches are kept (`unreached`) so every drawing
/// can show them apart as getting no requests.
struct DrawnGraph {
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
    /// Declared, but no edge of the topology leads to it: it gets no requests.
    var unreached = false
  }

  struct Edge {
    var from: Int
    var to: Int
    var label: String
  }

  var nodes: [Node] = []
  var edges: [Edge] = []

  init(_ scenario: Scenario, result: RunResult?) {
    let topology = scenario.topology
    let reached = topology.reached
    let bottleneck = result.flatMap(DrawnGraph.bottleneck)
    // By name once: a pool of 10 000 servers would otherwise cost 10⁸ name comparisons.
    var statsByName: [String: ComponentStats] = [:]
    for c in result?.components ?? [] where statsByName[c.name] == nil { statsByName[c.name] = c }
    func add(_ kind: String, _ name: String, _ details: [String], unreached: Bool = false) -> Int {
      let stats = statsByName[name]
      nodes.append(
        Node(
          id: kind + ":" + name, kind: kind, name: name, details: details,
          figures: (stats.map(DrawnGraph.figures) ?? []) + (unreached ? ["no requests"] : []),
          bottleneck: stats != nil && name == bottleneck, unreached: unreached))
      return nodes.count - 1
    }
    func breakerNote(_ name: String) -> [String] {
      scenario.breakers.filter { $0.target == name }.map { "breaker " + $0.name }
    }
    func details(_ node: Topology.Node) -> [String] {
      let i = node.index
      switch node.kind {
      case .client: return DrawnGraph.clientDetails(scenario.traffic)
      case .rateLimit:
        let limit = scenario.rateLimits[i]
        return [Format.rate(limit.rate), "burst \(limit.burst)"]
      case .balancer: return DrawnGraph.balancerDetails(scenario.balancers[i], scenario: scenario)
      case .server:
        let server = scenario.servers[i]
        return DrawnGraph.serverDetails(server) + breakerNote(server.name)
      case .queue:
        let queue = scenario.queues[i]
        return ["\(queue.workers) worker" + (queue.workers == 1 ? "" : "s")]
          + (queue.maxDepth.map { ["max depth \($0)"] } ?? [])
      case .cache:
        let cache = scenario.caches[i]
        return [
          "\(cache.nodes) node" + (cache.nodes == 1 ? "" : "s"), cache.hashing.rawValue,
          "ttl " + Format.duration(cache.ttl),
        ] + breakerNote(cache.name)
      case .database:
        let db = scenario.databases[i]
        return DrawnGraph.databaseDetails(db) + breakerNote(db.name)
      }
    }

    // Servers a run added (autoscaling, `add server`) that the script does not declare are
    // drawn after the declared servers, where the engine puts them: beside the last serving
    // server (behind the entry balancer, unless an event named another; the result does not
    // say which), calling what the serving servers call.
    // Each says the pool it joined (`PoolJoining`), as its figures count in that pool's.
    let addedNames = DrawnGraph.addedServers(scenario, result: result)
    let addedPools = addedNames.isEmpty ? nil : AddedServerPools(scenario)
    func addAdded() -> [Int] {
      addedNames.map { name in
        add(
          "server", name,
          ["added during the run"] + (addedPools?.pool(of: name).map { ["pool " + $0] } ?? []))
      }
    }
    var added: [Int] = []
    var index: [Topology.Node: Int] = [:]
    for node in topology.nodes {
      if added.isEmpty, node.kind.isAfter(.server) { added = addAdded() }
      index[node] = add(
        node.kind.rawValue, Topology.name(of: node, in: scenario), details(node),
        unreached: !reached.contains(node))
    }
    if added.isEmpty { added = addAdded() }
    let lastServing = topology.servingServers.last.map { Topology.Node(.server, $0) }
    for edge in topology.edges {
      guard let from = index[edge.from], let to = index[edge.to] else { continue }
      let label = DrawnGraph.label(edge, scenario: scenario)
      edges.append(Edge(from: from, to: to, label: label))
      if edge.to == lastServing {
        for node in added { edges.append(Edge(from: from, to: node, label: "")) }
      } else if edge.from == lastServing {
        for node in added { edges.append(Edge(from: node, to: to, label: label)) }
      }
    }

    for (i, db) in scenario.databases.enumerated() {
      guard let node = index[Topology.Node(.database, i)] else { continue }
      var partIndex: [String: Int] = [:]
      for part in DrawnGraph.parts(of: db, result: result) {
        let child = add(part.kind.rawValue, part.name, [])
        partIndex[part.name] = child
        let parent = DrawnGraph.parent(of: part.name, among: partIndex).flatMap { partIndex[$0] }
        edges.append(
          Edge(
            from: parent ?? node, to: child,
            label: part.kind == .replica ? "replication" : "by key"))
      }
    }
  }

  /// An edge's label: a weighted member's weight, else what travels along it. With routes,
  /// an edge that only some routes take names them (`browse, checkout`): instead of the
  /// label for requests, calls and balanced shares, after it (`misses · browse`) for the rest.
  static func label(_ edge: Topology.Edge, scenario: Scenario) -> String {
    let base = edge.weight.map { "weight \($0)" } ?? edge.traffic.rawValue
    let names = edge.routes.compactMap {
      scenario.routes.indices.contains($0) ? scenario.routes[$0].name : nil
    }
    guard !names.isEmpty, names.count < scenario.routes.count else { return base }
    let list = names.joined(separator: ", ")
    let replaced: Set<Topology.Traffic> = [.requests, .calls, .balanced]
    return edge.weight == nil && replaced.contains(edge.traffic) ? list : base + " · " + list
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
    case .server, .pool, .database, .replica, .shard, .queue:
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
