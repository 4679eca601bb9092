/// The component graph of a scenario: its nodes and the edges requests take between them.
///
/// This is the one place the request path is decided. The engine builds its routing from it,
/// the checker warns about the components it leaves without traffic, `scale graph` draws it,
/// `scale analyze` pushes the traffic along its edges, and the REPL's `.graph` shows it.
/// Nothing else may decide which component hands requests to which.
///
/// Today's path (docs/semantics.md, "The request path"):
///
///     client → rate limits (in order) → the first balancer → its members
///            → (async writes) the first queue
///            → (reads) the first cache → (misses) the first database
///            → (writes; reads too when there is no cache) the first database
///
/// With no balancer, the client talks to the servers directly (one server: to it; several: the
/// engine spreads requests round-robin, as an implicit balancer would). With no server at all,
/// requests go from the entry straight to the queue, cache and database. Components that no
/// edge reaches are declared but get no requests (`unreached`).
public struct Topology: Sendable, Equatable, Hashable {
  public enum NodeKind: String, Sendable, Equatable, Hashable, CaseIterable {
    case client
    case rateLimit = "rate-limit"
    case balancer
    case server
    case queue
    case cache
    case database

    /// Later on the path than `other` (kinds are declared in path order).
    public func isAfter(_ other: NodeKind) -> Bool {
      (NodeKind.allCases.firstIndex(of: self) ?? 0) > (NodeKind.allCases.firstIndex(of: other) ?? 0)
    }
  }

  /// A component: its kind and its index in the scenario's array of that kind (`servers`,
  /// `balancers`, …; the client is index 0).
  public struct Node: Sendable, Equatable, Hashable, Comparable {
    public var kind: NodeKind
    public var index: Int
    public init(_ kind: NodeKind, _ index: Int) {
      self.kind = kind
      self.index = index
    }
    public static let client = Node(.client, 0)

    public static func < (a: Node, b: Node) -> Bool {
      a.kind != b.kind ? b.kind.isAfter(a.kind) : a.index < b.index
    }
  }

  /// What travels along an edge.
  public enum Traffic: String, Sendable, Equatable, Hashable, CaseIterable {
    /// Every request (client → rate limit → balancer or server).
    case requests = ""
    /// A balancer's share to one of its members.
    case balanced = "balanced"
    /// Writes handed to a queue; the client is answered at once.
    case async = "async"
    /// Reads looked up in a cache.
    case reads = "reads"
    /// Cache misses, read from the store behind the cache (which then fills the cache).
    case misses = "misses"
    /// Writes to a database (they invalidate the key in every cache).
    case writes = "writes"
    /// Reads and writes to a database with no cache in front.
    case readsAndWrites = "reads, writes"
    /// A route's synchronous call: the caller holds its connection until the answer.
    case calls = "calls"
    /// One branch of a route's fan-out: the request waits for every branch.
    case parallel = "parallel"
  }

  /// One call of a route step, resolved to the scenario's components.
  public enum Call: Sendable, Equatable, Hashable {
    /// The balancer picks one of its members; the request is then at that server.
    case balancer(Int)
    /// One of these servers, round-robin (a pool with no balancer in front; one server).
    case pool([Int])
    case cache(Int)
    case database(Int)
    /// The client is answered once the message is queued (a route's last step).
    case queue(Int)

    public var node: Node {
      switch self {
      case .balancer(let i): return Node(.balancer, i)
      case .pool(let list): return Node(.server, list.first ?? 0)
      case .cache(let i): return Node(.cache, i)
      case .database(let i): return Node(.database, i)
      case .queue(let i): return Node(.queue, i)
      }
    }

    public var isQueue: Bool {
      if case .queue = self { return true }
      return false
    }
  }

  /// A route's step: one call, or several in parallel (the request waits for all).
  public struct Step: Sendable, Equatable, Hashable {
    public var calls: [Call]
    public init(_ calls: [Call]) { self.calls = calls }
  }

  public struct Edge: Sendable, Equatable, Hashable {
    public var from: Node
    public var to: Node
    public var traffic: Traffic
    /// A weighted balancer's weight for this member; nil on other edges.
    public var weight: Int?
    /// The routes (indices into `Scenario.routes`) that take this edge; empty on the
    /// default path.
    public var routes: [Int]
    public init(from: Node, to: Node, traffic: Traffic, weight: Int? = nil, routes: [Int] = []) {
      self.from = from
      self.to = to
      self.traffic = traffic
      self.weight = weight
      self.routes = routes
    }
  }

  /// Every declared component, in kind order then declaration order (the client first).
  public private(set) var nodes: [Node] = []
  /// In path order: entry edges first, then each tier's.
  public private(set) var edges: [Edge] = []

  /// The balancer clients talk to; nil when there is none.
  public private(set) var entryBalancer: Int?
  /// The servers that serve requests: the entry balancer's members, or every server when the
  /// client talks to them directly.
  public private(set) var servingServers: [Int] = []
  public private(set) var pathQueue: Int?
  public private(set) var pathCache: Int?
  public private(set) var pathDatabase: Int?
  /// Per route (in `Scenario.routes` order), its steps resolved to components; empty when the
  /// scenario has no routes. The engine walks these; the edges above are drawn from them.
  public private(set) var plans: [[Step]] = []

  /// A pool of servers (`server web count 3`) and its members (server indices, the first of
  /// each name, in declaration order): the servers whose `pool` names it.
  public struct Pool: Sendable, Equatable, Hashable {
    public var name: String
    public var members: [Int]
    public init(name: String, members: [Int]) {
      self.name = name
      self.members = members
    }
  }

  /// The pools, in declaration order of their first member: the one membership relation that
  /// routes (a step naming a pool), `analyze` (a pool's row) and the reports read.
  public private(set) var pools: [Pool] = []

  public init(_ scenario: Scenario) {
    var poolIndex: [String: Int] = [:]
    for s in Topology.uniqueServers(scenario) {
      guard let name = scenario.servers[s].pool else { continue }
      if let p = poolIndex[name] {
        pools[p].members.append(s)
      } else {
        poolIndex[name] = pools.count
        pools.append(Pool(name: name, members: [s]))
      }
    }
    nodes.append(.client)
    for kind in NodeKind.allCases where kind != .client {
      for i in 0..<Topology.count(of: kind, in: scenario) { nodes.append(Node(kind, i)) }
    }

    // Client → rate limits, in declaration order (each request passes every one).
    var entry = Node.client
    for i in scenario.rateLimits.indices {
      edges.append(Edge(from: entry, to: Node(.rateLimit, i), traffic: .requests))
      entry = Node(.rateLimit, i)
    }

    if !scenario.routes.isEmpty {
      buildRoutes(scenario, entry: entry)
      return
    }

    // Entry → the first balancer and its members, or straight to the servers.
    var front: [Node] = []
    if let b = scenario.balancers.indices.first {
      entryBalancer = b
      edges.append(Edge(from: entry, to: Node(.balancer, b), traffic: .requests))
      let balancer = scenario.balancers[b]
      let weighted = balancer.strategy == .weighted
      var index: [String: Int] = [:]
      for s in Topology.uniqueServers(scenario) { index[scenario.servers[s].name] = s }
      var taken = Set<Int>()
      for member in Topology.members(of: balancer, in: scenario) {
        guard let s = index[member.server], taken.insert(s).inserted else { continue }
        servingServers.append(s)
        edges.append(
          Edge(
            from: Node(.balancer, b), to: Node(.server, s), traffic: .balanced,
            weight: weighted ? member.weight : nil))
      }
      front = servingServers.map { Node(.server, $0) }
    } else if !scenario.servers.isEmpty {
      servingServers = Topology.uniqueServers(scenario)
      for s in servingServers {
        edges.append(Edge(from: entry, to: Node(.server, s), traffic: .requests))
      }
      front = servingServers.map { Node(.server, $0) }
    } else {
      front = [entry]
    }

    // Behind the servers (or the entry, with no server tier): the first queue for async
    // writes, the first cache for reads, the first database for misses and writes.
    // A kind of request the traffic never sends takes no edge (no traffic at all: both kinds).
    let reads = scenario.traffic.map { $0.readFraction > 0 } ?? true
    let async = scenario.traffic.map { $0.asyncFraction > 0 && $0.readFraction < 1 } ?? false
    if async, let q = scenario.queues.indices.first {
      pathQueue = q
      for f in front { edges.append(Edge(from: f, to: Node(.queue, q), traffic: .async)) }
    }
    if reads, let c = scenario.caches.indices.first {
      pathCache = c
      for f in front { edges.append(Edge(from: f, to: Node(.cache, c), traffic: .reads)) }
    }
    if let d = scenario.databases.indices.first {
      pathDatabase = d
      if let c = pathCache {
        edges.append(Edge(from: Node(.cache, c), to: Node(.database, d), traffic: .misses))
      }
      let traffic: Traffic = pathCache == nil ? .readsAndWrites : .writes
      for f in front { edges.append(Edge(from: f, to: Node(.database, d), traffic: traffic)) }
    }
  }

  /// Resolves each route's steps (`plans`) and draws their edges, merged over routes: the
  /// entry → the first step; a balancer → its members (the request is then at the member it
  /// picks, so a step naming the balancer's own pool or member right after it adds nothing);
  /// each step → the next, from every server the request can be at; a cache step followed
  /// by a database step → that database (misses), and the caller → the database for writes.
  mutating func buildRoutes(_ scenario: Scenario, entry: Node) {
    var serverIndex: [String: Int] = [:]
    for s in Topology.uniqueServers(scenario) { serverIndex[scenario.servers[s].name] = s }
    let pools = Dictionary(
      self.pools.map { ($0.name, $0.members) }, uniquingKeysWith: { a, _ in a })
    func firstIndex<T>(_ list: [T], _ name: String, _ key: (T) -> String) -> Int? {
      list.firstIndex { key($0) == name }
    }
    func resolve(_ name: String) -> Call? {
      if let b = firstIndex(scenario.balancers, name, \.name) { return .balancer(b) }
      if let s = serverIndex[name] { return .pool([s]) }
      if let list = pools[name], !list.isEmpty { return .pool(list) }
      if let c = firstIndex(scenario.caches, name, \.name) { return .cache(c) }
      if let d = firstIndex(scenario.databases, name, \.name) { return .database(d) }
      if let q = firstIndex(scenario.queues, name, \.name) { return .queue(q) }
      return nil
    }
    var edgeIndex: [Edge: Int] = [:]
    func link(_ from: Node, _ to: Node, _ traffic: Traffic, weight: Int? = nil, route: Int) {
      let key = Edge(from: from, to: to, traffic: traffic, weight: weight)
      if let i = edgeIndex[key] {
        if !edges[i].routes.contains(route) { edges[i].routes.append(route) }
      } else {
        edgeIndex[key] = edges.count
        edges.append(Edge(from: from, to: to, traffic: traffic, weight: weight, routes: [route]))
      }
    }
    func members(_ b: Int) -> [(server: Int, weight: Int)] {
      var taken = Set<Int>()
      return Topology.members(of: scenario.balancers[b], in: scenario).compactMap { m in
        guard let s = serverIndex[m.server], taken.insert(s).inserted else { return nil }
        return (s, m.weight)
      }
    }

    for (r, route) in scenario.routes.enumerated() {
      var plan: [Step] = []
      // Where the request can be before the next step: the entry, or servers.
      var callers: [Node] = [entry]
      var behindBalancer: Set<Int> = []
      let writes = route.kind != .read
      for (position, step) in route.steps.enumerated() {
        let calls = step.components.compactMap(resolve)
        guard !calls.isEmpty else { continue }
        if calls.count == 1, case .pool(let list) = calls[0], !behindBalancer.isEmpty,
          Set(list).isSubset(of: behindBalancer)
        {
          continue  // `lb -> web`: the balancer already picked a server of `web`.
        }
        plan.append(Step(calls))
        let traffic: Traffic =
          calls.count > 1 ? .parallel : (callers == [entry] ? .requests : .calls)
        var next: [Node] = []
        behindBalancer = []
        for call in calls {
          switch call {
          case .balancer(let b):
            for caller in callers { link(caller, call.node, traffic, route: r) }
            let weighted = scenario.balancers[b].strategy == .weighted
            for m in members(b) {
              link(
                call.node, Node(.server, m.server), .balanced,
                weight: weighted ? m.weight : nil, route: r)
              next.append(Node(.server, m.server))
              behindBalancer.insert(m.server)
            }
          case .pool(let list):
            for s in list {
              for caller in callers { link(caller, Node(.server, s), traffic, route: r) }
              next.append(Node(.server, s))
            }
          case .cache(let c):
            for caller in callers { link(caller, call.node, traffic, route: r) }
            // Cache-aside: misses (and writes) go on to the database right after it.
            if calls.count == 1, position + 1 < route.steps.count,
              let following = route.steps[position + 1].components.first,
              route.steps[position + 1].components.count == 1,
              case .database(let d)? = resolve(following)
            {
              if route.kind != .write {
                link(Node(.cache, c), Node(.database, d), .misses, route: r)
              }
              if writes {
                for caller in callers { link(caller, Node(.database, d), .writes, route: r) }
              }
            }
          case .database, .queue:
            for caller in callers {
              link(caller, call.node, call.isQueue ? .async : traffic, route: r)
            }
          }
        }
        // After servers, the next step is called by them; after a data-tier step, by whoever
        // called it.
        if !next.isEmpty { callers = next }
      }
      plans.append(plan)
      for call in plan.flatMap(\.calls) {
        switch call {
        case .balancer(let b): if entryBalancer == nil { entryBalancer = b }
        case .pool(let list):
          for s in list where !servingServers.contains(s) { servingServers.append(s) }
        case .cache(let c): if pathCache == nil { pathCache = c }
        case .database(let d): if pathDatabase == nil { pathDatabase = d }
        case .queue(let q): if pathQueue == nil { pathQueue = q }
        }
      }
    }
    // Servers behind a balancer a route takes serve too.
    for e in edges where e.traffic == .balanced && !servingServers.contains(e.to.index) {
      servingServers.append(e.to.index)
    }
    // The cache→database edges of cache-aside are drawn; a database reached only that way is
    // still reached (see `reached`).
  }

  /// The servers a balancer spreads requests over, with weights: the ones it names, or every
  /// declared server when it names none (each with its own weight).
  public static func members(of balancer: BalancerSpec, in scenario: Scenario) -> [Backend] {
    balancer.backends.isEmpty
      ? scenario.servers.map { Backend(server: $0.name, weight: $0.weight) } : balancer.backends
  }

  /// Server indices, the first of each name (a repeated name names the first server).
  static func uniqueServers(_ scenario: Scenario) -> [Int] {
    var seen = Set<String>()
    return scenario.servers.indices.filter { seen.insert(scenario.servers[$0].name).inserted }
  }

  static func count(of kind: NodeKind, in scenario: Scenario) -> Int {
    switch kind {
    case .client: return 1
    case .rateLimit: return scenario.rateLimits.count
    case .balancer: return scenario.balancers.count
    case .server: return scenario.servers.count
    case .queue: return scenario.queues.count
    case .cache: return scenario.caches.count
    case .database: return scenario.databases.count
    }
  }

  /// The component's name in the scenario (`client` for the client).
  public static func name(of node: Node, in scenario: Scenario) -> String {
    func at<T>(_ list: [T], _ name: (T) -> String) -> String {
      list.indices.contains(node.index) ? name(list[node.index]) : "?"
    }
    switch node.kind {
    case .client: return "client"
    case .rateLimit: return at(scenario.rateLimits, \.name)
    case .balancer: return at(scenario.balancers, \.name)
    case .server: return at(scenario.servers, \.name)
    case .queue: return at(scenario.queues, \.name)
    case .cache: return at(scenario.caches, \.name)
    case .database: return at(scenario.databases, \.name)
    }
  }

  /// Nodes some edge leads to, and the client.
  public var reached: Set<Node> {
    var out: Set<Node> = [.client]
    for e in edges { out.insert(e.to) }
    return out
  }

  /// Declared components no request reaches, in node order.
  public var unreached: [Node] {
    let r = reached
    return nodes.filter { !r.contains($0) }
  }

  /// The edges leaving `node`, in path order.
  public func edges(from node: Node) -> [Edge] {
    edges.filter { $0.from == node }
  }

  /// The edges arriving at `node`, in path order.
  public func edges(to node: Node) -> [Edge] {
    edges.filter { $0.to == node }
  }
}

extension Scenario {
  /// The scenario's component graph (see `Topology`): computed from the declarations, so a
  /// scenario changed by the REPL or a sweep always has the graph that matches it.
  public var topology: Topology { Topology(self) }
}

// MARK: - Hops: the one rule for a hop's latency (the engine compiles it, analyze averages it)

extension Topology {
  /// The names a `link` may give a server as its caller: its own and its pool's.
  public static func linkNames(ofServer s: Int, in scenario: Scenario) -> [String] {
    guard scenario.servers.indices.contains(s) else { return [] }
    let spec = scenario.servers[s]
    return [spec.name] + (spec.pool.map { [$0] } ?? [])
  }

  /// The names a `link` may give what a call reaches, and its zone (a balancer's or pool's:
  /// its first member's).
  public static func callee(_ call: Call, in scenario: Scenario) -> (
    names: [String], zone: String?
  ) {
    func at<T>(_ list: [T], _ i: Int) -> T? { list.indices.contains(i) ? list[i] : nil }
    switch call {
    case .balancer(let b):
      guard let balancer = at(scenario.balancers, b) else { return ([], nil) }
      let first = members(of: balancer, in: scenario).first.flatMap { m in
        scenario.servers.first { $0.name == m.server }
      }
      return ([balancer.name], first?.zone)
    case .pool(let list):
      return (
        list.flatMap { linkNames(ofServer: $0, in: scenario) },
        list.first.flatMap { at(scenario.servers, $0)?.zone }
      )
    case .cache(let c): return at(scenario.caches, c).map { ([$0.name], $0.zone) } ?? ([], nil)
    case .database(let d):
      return at(scenario.databases, d).map { ([$0.name], $0.zone) } ?? ([], nil)
    case .queue(let q): return (at(scenario.queues, q).map { [$0.name] } ?? [], nil)
    }
  }

  /// The first `link` (index into `Scenario.links`) from one of `callers` (a server's link
  /// names, or `client`) to one of `callee`'s names.
  public static func link(from callers: [String], to callee: [String], in scenario: Scenario)
    -> Int?
  {
    scenario.links.firstIndex { callers.contains($0.from) && callee.contains($0.to) }
  }

  /// A hop's latency: the link's when one matches; else the network's cross-zone latency
  /// when both ends have zones and they differ; else the network's default; nil: free.
  public static func hopLatency(
    link: Int?, callerZone: String?, calleeZone: String?, in scenario: Scenario
  ) -> Distribution? {
    if let l = link, scenario.links.indices.contains(l) { return scenario.links[l].latency }
    if let cross = scenario.network?.crossZone, let a = callerZone, let b = calleeZone, a != b {
      return cross
    }
    return scenario.network?.latency
  }
}
