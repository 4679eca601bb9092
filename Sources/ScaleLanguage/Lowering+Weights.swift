import ScaleModel

/// `at … set BALANCER SERVER weight N` must name a server behind that balancer: one of its
/// backends (every server, for a balancer without `to` or a block), or a server an
/// `at … add server` puts behind it (or behind whichever balancer, without `to`).
extension CheckSession {
  mutating func checkWeightTargets(_ balancerList: [BalancerSpec]) {
    let settings = events.indices.filter {
      if case .setWeight = events[$0].event.action { return true }
      return false
    }
    guard !settings.isEmpty else { return }
    var everyServer: Set<String> = []
    var behind: [String: Set<String>] = [:]
    for balancer in balancerList {
      if balancer.backends.isEmpty {
        everyServer.insert(balancer.name)
      } else {
        behind[balancer.name, default: []].formUnion(balancer.backends.map(\.server))
      }
    }
    var addedAnywhere: Set<String> = []
    for event in events {
      guard case .addServer(let spec, let balancer) = event.event.action else { continue }
      if let balancer {
        behind[balancer, default: []].insert(spec.name)
      } else {
        addedAnywhere.insert(spec.name)
      }
    }
    for i in settings {
      guard case .setWeight(let balancer, let server, _) = events[i].event.action,
        names[balancer]?.kind == .balancer, names[server]?.kind == .server,
        let ref = events[i].references.last
      else { continue }
      let backends = behind[balancer] ?? []
      if everyServer.contains(balancer) || backends.contains(server)
        || addedAnywhere.contains(server)
      {
        continue
      }
      let listed = backends.sorted().prefix(8).map { "`\($0)`" }.joined(separator: ", ")
      report(
        .unknownReference, "`\(server)` is not behind `\(balancer)`", at: ref.ref.range,
        help: listed.isEmpty
          ? "`\(balancer)` has no backends to weigh"
          : "`\(balancer)`'s backends: \(listed)\(backends.count > 8 ? ", …" : "")")
    }
  }
}
