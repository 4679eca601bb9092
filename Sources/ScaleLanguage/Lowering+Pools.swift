import ScaleModel

/// The pool each server `at … add server` adds joins (`PoolJoining`: its `pool`, else the one
/// pool every server of its balancer belongs to), written into its event: the engine, `graph`,
/// the REPL and a later `fail POOL` read it there.
extension CheckSession {
  mutating func joinPools(balancers: [BalancerSpec], routes: [RouteSpec]) {
    let open = events.indices.filter { i in
      if case .addServer(let spec, _) = events[i].event.action { return spec.pool == nil }
      return false
    }
    guard !open.isEmpty else { return }
    var scenario = Scenario(servers: servers.map(\.spec), balancers: balancers)
    scenario.routes = routes
    let joining = PoolJoining(scenario)
    for i in open {
      guard case .addServer(var spec, let balancer) = events[i].event.action else { continue }
      spec.pool = joining.pool(joinedBy: spec, balancer: balancer)
      events[i].event.action = .addServer(spec, balancer: balancer)
    }
  }
}
