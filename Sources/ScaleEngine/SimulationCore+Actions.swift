import ScaleModel

/// Scripted and interactive events. Every applied action leaves a `RunEvent` with its fact.
extension SimulationCore {
  mutating func apply(_ action: EventAction) {
    switch action {
    case .fail(let name, let duration):
      guard let list = stationsNamed(name) else {
        unknown(name, action: .fail)
        return
      }
      failStations(list, name: name, for: duration)
    case .recover(let name):
      guard let list = stationsNamed(name) else {
        unknown(name, action: .recover)
        return
      }
      recoverStations(list, name: name, .recovered(.init(afterFailurePeriod: false)))
    case .addServer(var spec, let balancerName):
      // Checked scripts name the pool already; an event built in code joins by the same rule.
      spec.pool = poolJoining.pool(joinedBy: spec, balancer: balancerName)
      addServer(spec, toBalancer: balancerName)
    case .removeServer(let name):
      guard let s = stations.serverByName[name] else {
        unknown(name, action: .remove)
        return
      }
      removeServer(s)
    case .setRate(let rps):
      setRate(rps)
      note(RunEvent.trafficComponent, .trafficSet(rps: RateProfile.clean(rps)))
    case .ramp(let rps, let d):
      let from = traffic.profile.baseRate(at: now)
      ramp(to: rps, over: d)
      note(
        RunEvent.trafficComponent, .trafficRamps(from: from, to: RateProfile.clean(rps), over: d))
    case .spike(let rps, let d):
      spike(to: rps, for: d)
      note(RunEvent.trafficComponent, .trafficSpikes(to: RateProfile.clean(rps), seconds: d))
    case .scaleUp(let name, let cores, let ram, let storage, let downtime):
      if let s = stations.serverByName[name] {
        scaleUp(server: s, cores: cores, ramGB: ram, storageGB: storage, downtime: downtime)
      } else if let d = databases.index(named: name) {
        scaleUp(database: d, cores: cores, downtime: downtime)
      } else {
        unknown(name, action: .scaleUp)
      }
    case .setCacheNodes(let cache, let nodes):
      if !setCacheNodes(cache, nodes) { unknown(cache, action: .resize) }
    case .setWeight(let balancerName, let serverName, let weight):
      setWeight(balancer: balancerName, server: serverName, weight: weight)
    case .failZone(let zone, let duration):
      failZone(zone, for: duration)
    case .recoverZone(let zone):
      recoverZone(zone)
    }
  }

  /// A backend's new weight (kind `weight`, component the balancer).
  mutating func setWeight(balancer balancerName: String, server serverName: String, weight: Int) {
    guard let b = balancers.byName[balancerName], b >= 0, b < balancers.count else {
      unknown(balancerName, action: .setWeight)
      return
    }
    guard let s = stations.serverByName[serverName],
      let old = balancers.all[b].setWeight(server: s, weight: weight)
    else {
      note(balancerName, .ignored(.notBehindBalancer(server: serverName)))
      return
    }
    let new = Swift.min(Swift.max(1, weight), BalancerState.maximumWeight)
    note(balancerName, .weightChanged(server: serverName, from: old, to: new))
  }

  mutating func unknown(_ name: String, action: RunEvent.Fact.Ignored.Action) {
    note(name, .ignored(.noSuchComponent(action)))
  }

  // MARK: - Horizontal scaling

  /// A new server joins a balancer (by name; nil = the entry balancer). Returns its index.
  @discardableResult
  mutating func addServer(_ spec: ServerSpec, toBalancer balancerName: String?, quiet: Bool = false)
    -> Int
  {
    if let existing = stations.serverByName[spec.name] {
      note(spec.name, .ignored(.nameTaken))
      return existing
    }
    let s = appendServer(spec)
    var target = -1
    if let balancerName {
      target = balancers.byName[balancerName] ?? -1
    } else if entryBalancer >= 0 {
      target = entryBalancer
    } else if directServer >= 0 {
      // The first extra server turns the direct path into an implicit round robin.
      var b = BalancerState(
        name: "(implicit)", strategy: .roundRobin, failover: true, healthCheck: nil, seed: seed,
        reported: false)
      b.addBackend(server: directServer, weight: stations.all[directServer].spec.weight)
      target = balancers.append(b)
      entryBalancer = target
      directServer = -1
    } else if stations.serverCount == 1 {
      directServer = s
    }
    if target >= 0 {
      let p = balancers.all[target].addBackend(server: s, weight: spec.weight)
      if let check = balancers.all[target].healthCheck, check.interval > 0, check.interval.isFinite
      {
        events.schedule(
          at: now + healthInterval(check, balancer: target), kind: .healthCheck,
          a: Int32(truncatingIfNeeded: target),
          b: UInt32(truncatingIfNeeded: p))
      }
    }
    if !quiet {
      let behind = target >= 0 && balancers.all[target].reported ? balancers.all[target].name : nil
      note(spec.name, .serverAdded(behind: behind, cores: stations.all[s].cores))
    }
    joinZone(server: s)
    return s
  }

  /// Drains a server: balancers stop routing to it; requests it holds finish.
  mutating func removeServer(_ s: Int, quiet: Bool = false) {
    stations.all[s].removed = true
    for b in balancers.indices {
      if let p = balancers.all[b].position(ofServer: s) {
        balancers.all[b].draining[p] = true
        balancers.all[b].updateEligible(p)
      }
    }
    if directServer == s { directServer = -1 }
    stations.all[s].retireIfDrained(at: now)
    if !quiet {
      note(stations.all[s].spec.name, .serverRemoved(held: stations.all[s].inSystem))
    }
  }
}
