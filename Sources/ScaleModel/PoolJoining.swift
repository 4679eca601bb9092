/// Which pool a server added during the run joins: the one rule that the checker (which
/// writes it into the `add server` event), the engine (for events built in code), `graph` and
/// the REPL read.
///
/// A server added during the run (`at 5min add server web-4 [pool P] [to B]`,
/// docs/language.md) joins its own `pool` when it names one; otherwise, when every server of
/// the balancer it joins belongs to one pool, that pool — unless its name numbers it in
/// another (`v2-1`); otherwise none. The balancer it joins
/// is `B`, else the entry balancer, else (no balancer) the servers the client calls, which the
/// engine then balances round-robin. Built once per scenario: a script may add thousands of
/// servers to a pool of 100 000.
public struct PoolJoining: Sendable {
  /// Per balancer name: the one pool all its servers belong to, or nil.
  private var byBalancer: [String: String?] = [:]
  /// The same for the entry balancer, or the servers the client calls with no balancer.
  private var entry: String?

  public init(_ scenario: Scenario, topology: Topology? = nil) {
    let topology = topology ?? scenario.topology
    var poolOf: [String: String?] = [:]
    for server in scenario.servers where poolOf[server.name] == nil {
      poolOf[server.name] = .some(server.pool)
    }
    func common(_ names: [String]) -> String? {
      var joined: String?
      for name in names {
        guard case .some(.some(let pool)) = poolOf[name] else { return nil }
        if let joined, joined != pool { return nil }
        joined = pool
      }
      return joined
    }
    for b in scenario.balancers where byBalancer[b.name] == nil {
      byBalancer[b.name] = .some(common(Topology.members(of: b, in: scenario).map(\.server)))
    }
    if let b = topology.entryBalancer, scenario.balancers.indices.contains(b) {
      entry = byBalancer[scenario.balancers[b].name] ?? nil
    } else {
      entry = common(
        topology.servingServers.compactMap {
          scenario.servers.indices.contains($0) ? scenario.servers[$0].name : nil
        })
    }
  }

  /// The pool a server with `spec` joins when added to `balancer` (nil: the entry balancer).
  /// A server numbered as a member of another pool (`v2-1` beside pool `web`, a new version
  /// rolled out) joins none: its name says it is not one of them.
  public func pool(joinedBy spec: ServerSpec, balancer: String?) -> String? {
    if let own = spec.pool { return own }
    guard let pool = balancer.map({ byBalancer[$0] ?? nil }) ?? entry else { return nil }
    if let prefix = StationNames.poolPrefix(of: spec.name), prefix != pool { return nil }
    return pool
  }
}

/// The pools servers added during the run joined, by name: an `add server` event's (checked
/// scripts carry the pool `PoolJoining` chose), and a scale-out's of an autoscaler over a pool
/// (`web-5` of `autoscale web`).
public struct AddedServerPools: Sendable {
  private var byName: [String: String] = [:]
  /// Pools an autoscaler grows.
  private var scaled: Set<String> = []

  public init(_ scenario: Scenario) {
    let joining = PoolJoining(scenario)
    for event in scenario.events {
      guard case .addServer(let spec, let balancer) = event.action,
        let pool = joining.pool(joinedBy: spec, balancer: balancer)
      else { continue }
      byName[spec.name] = pool
    }
    let declared = Set(scenario.servers.compactMap(\.pool))
    scaled = Set(scenario.autoscalers.map(\.group)).intersection(declared)
  }

  /// The pool the added server `name` joined; nil for none.
  public func pool(of name: String) -> String? {
    if let pool = byName[name] { return pool }
    return StationNames.poolPrefix(of: name).flatMap { scaled.contains($0) ? $0 : nil }
  }
}
