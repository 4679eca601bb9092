import ScaleModel

/// Scripted and interactive events. Every applied action leaves a `RunEvent` with a sentence.
extension SimulationCore {
  mutating func apply(_ action: EventAction) {
    switch action {
    case .fail(let name, let duration):
      guard let s = serverByName[name] else {
        if !applyDataTierAction(action) { unknown(name, action: "fail") }
        return
      }
      failServer(s, for: duration)
    case .recover(let name):
      guard let s = serverByName[name] else {
        if !applyDataTierAction(action) { unknown(name, action: "recover") }
        return
      }
      recoverServer(s, cause: nil)
    case .addServer(let spec, let balancerName):
      addServer(spec, toBalancer: balancerName)
    case .removeServer(let name):
      guard let s = serverByName[name] else {
        unknown(name, action: "remove")
        return
      }
      removeServer(s)
    case .setRate(let rps):
      setRate(rps)
      note(.rate, "traffic", "traffic set to \(formatRate(RateProfile.clean(rps)))")
    case .ramp(let rps, let d):
      let from = profile.baseRate(at: now)
      ramp(to: rps, over: d)
      note(
        .rate, "traffic",
        "traffic ramps from \(formatRate(from)) to \(formatRate(RateProfile.clean(rps))) over \(Format.duration(d, .spoken))"
      )
    case .spike(let rps, let d):
      spike(to: rps, for: d)
      note(
        .rate, "traffic",
        "traffic spikes to \(formatRate(RateProfile.clean(rps))) for \(Format.duration(d, .spoken))"
      )
    case .scaleUp(let name, let cores, let ram, let storage, let downtime):
      guard let s = serverByName[name] else {
        if !applyDataTierAction(action) { unknown(name, action: "scale up") }
        return
      }
      scaleUp(s, cores: cores, ramGB: ram, storageGB: storage, downtime: downtime)
    case .setCacheNodes(let cache, _):
      if !applyDataTierAction(action) { unknown(cache, action: "resize") }
    case .setWeight(let balancerName, let serverName, let weight):
      setWeight(balancer: balancerName, server: serverName, weight: weight)
    case .failZone(let zone, let duration):
      failZone(zone, for: duration)
    case .recoverZone(let zone):
      recoverZone(zone)
    }
  }

  /// A backend's new weight: "lb: web-4 weight 1 → 5" (kind `weight`, component the balancer).
  mutating func setWeight(balancer balancerName: String, server serverName: String, weight: Int) {
    guard let b = balancerByName[balancerName], b >= 0, b < balancers.count else {
      unknown(balancerName, action: "set a weight on")
      return
    }
    guard let s = serverByName[serverName],
      let old = balancers[b].setWeight(server: s, weight: weight)
    else {
      note(
        .ignored, balancerName,
        "cannot set the weight of \(serverName): it is not behind \(balancerName)")
      return
    }
    let new = Swift.min(Swift.max(1, weight), BalancerState.maximumWeight)
    note(
      .weight, balancerName, "\(balancerName): \(serverName) weight \(old) → \(new)",
      leadingName: balancerName)
  }

  mutating func unknown(_ name: String, action: String) {
    note(.ignored, name, "cannot \(action) \(name): no such component")
  }

  // MARK: - Failure and recovery

  mutating func failServer(_ s: Int, for duration: Double?) {
    let name = servers[s].spec.name
    servers[s].epoch &+= 1
    let held = servers[s].inSystem
    setUnavailable(s, true)
    dropRequests(server: s)
    var account = RunEvent.Account(
      restating: "\(name) fails",
      phrase: "it refuses every request" + (held > 0 ? " and the \(held) it held fail" : ""))
    if let d = duration, d.isFinite, d >= 0 {
      events.schedule(
        at: now + d, kind: .autoRecover, a: Int32(truncatingIfNeeded: s), b: servers[s].epoch)
      account.remark = "it recovers after \(Format.duration(d, .spoken))"
    }
    note(.fail, name, account)
  }

  /// `cause`: why, when not by the script (`after its failure period`).
  mutating func recoverServer(_ s: Int, cause: String?) {
    servers[s].epoch &+= 1
    setUnavailable(s, false)
    let marked = servers[s].markedDownCount > 0
    note(
      .recover, servers[s].spec.name,
      RunEvent.Account(
        restating: "\(servers[s].spec.name) recovered", cause: cause,
        remark: marked ? "it gets traffic again once health checks mark it up" : nil))
  }

  mutating func autoRecover(server s: Int, epoch: UInt32) {
    guard s >= 0, s < servers.count, servers[s].epoch == epoch, servers[s].unavailable else {
      return
    }
    recoverServer(s, cause: "after its failure period")
  }

  mutating func setUnavailable(_ s: Int, _ value: Bool) {
    servers[s].unavailable = value
    servers[s].downTimeAverage.set(servers[s].isDown ? 1 : 0, at: now)
  }

  // MARK: - Horizontal scaling

  /// A new server joins a balancer (by name; nil = the entry balancer). Returns its index.
  @discardableResult
  mutating func addServer(_ spec: ServerSpec, toBalancer balancerName: String?, quiet: Bool = false)
    -> Int
  {
    if let existing = serverByName[spec.name] {
      note(.ignored, spec.name, "cannot add \(spec.name): a component has that name")
      return existing
    }
    appendServer(spec)
    let s = servers.count - 1
    var target = -1
    if let balancerName {
      target = balancerByName[balancerName] ?? -1
    } else if entryBalancer >= 0 {
      target = entryBalancer
    } else if directServer >= 0 {
      // The first extra server turns the direct path into an implicit round robin.
      var b = BalancerState(
        name: "(implicit)", strategy: .roundRobin, failover: true, healthCheck: nil, seed: seed,
        reported: false)
      b.addBackend(server: directServer, weight: servers[directServer].spec.weight)
      balancers.append(b)
      target = balancers.count - 1
      entryBalancer = target
      directServer = -1
    } else if servers.count == 1 {
      directServer = s
    }
    if target >= 0 {
      let p = balancers[target].addBackend(server: s, weight: spec.weight)
      if let check = balancers[target].healthCheck, check.interval > 0, check.interval.isFinite {
        events.schedule(
          at: now + healthInterval(check, balancer: target), kind: .healthCheck,
          a: Int32(truncatingIfNeeded: target),
          b: UInt32(truncatingIfNeeded: p))
      }
    }
    if !quiet {
      let to = target >= 0 && balancers[target].reported ? " behind \(balancers[target].name)" : ""
      note(
        .addServer, spec.name,
        "\(spec.name) added\(to) with \(servers[s].cores) core\(servers[s].cores == 1 ? "" : "s")",
        leadingName: spec.name)
    }
    joinZone(server: s)
    return s
  }

  /// Drains a server: balancers stop routing to it; requests it holds finish.
  mutating func removeServer(_ s: Int, quiet: Bool = false) {
    servers[s].removed = true
    for b in balancers.indices {
      if let p = balancers[b].position(ofServer: s) {
        balancers[b].draining[p] = true
        balancers[b].updateEligible(p)
      }
    }
    if directServer == s { directServer = -1 }
    servers[s].retireIfDrained(at: now)
    if !quiet {
      note(
        .removeServer, servers[s].spec.name,
        "\(servers[s].spec.name) removed: no new requests; the \(servers[s].inSystem) it holds finish",
        leadingName: servers[s].spec.name)
    }
  }

  // MARK: - Vertical scaling

  mutating func scaleUp(_ s: Int, cores: Int?, ramGB: Double?, storageGB: Double?, downtime: Double)
  {
    let name = servers[s].spec.name
    let newCores = Swift.max(1, cores ?? servers[s].cores)
    if let ramGB { servers[s].spec.ramGB = ramGB }
    if let storageGB { servers[s].spec.storageGB = storageGB }
    var what: [String] = []
    if cores != nil { what.append("\(newCores) cores") }
    if let ramGB { what.append(Format.upToThreeDecimals(ramGB) + " GB RAM") }
    if let storageGB { what.append(Format.upToThreeDecimals(storageGB) + " GB storage") }
    let target = what.isEmpty ? "the same size" : what.joined(separator: ", ")
    if downtime.isFinite && downtime > 0 {
      servers[s].epoch &+= 1
      let held = servers[s].inSystem
      setUnavailable(s, true)
      dropRequests(server: s)
      events.schedule(
        at: now + downtime, kind: .scaleUpDone, a: Int32(truncatingIfNeeded: s),
        b: servers[s].epoch,
        c: Int32(truncatingIfNeeded: Swift.min(newCores, Int(Int32.max))))
      note(
        .scaleUp, name,
        "\(name) scales up to \(target): down for \(Format.duration(downtime, .spoken))"
          + (held > 0 ? ", the \(held) requests it held fail" : ""), leadingName: name)
    } else {
      setCores(s, newCores)
      note(
        .scaleUp, name, "\(name) scales up to \(target) with no downtime", leadingName: name)
    }
  }

  mutating func scaleUpDone(server s: Int, epoch: UInt32, cores: Int) {
    guard s >= 0, s < servers.count, servers[s].epoch == epoch else { return }
    setCores(s, Swift.max(1, cores))
    servers[s].epoch &+= 1
    setUnavailable(s, false)
    note(
      .scaleUpDone, servers[s].spec.name,
      "\(servers[s].spec.name) is back with \(servers[s].cores) cores",
      leadingName: servers[s].spec.name)
  }

  /// New core count; a connection limit that followed the default (cores × 100) follows it.
  mutating func setCores(_ s: Int, _ cores: Int) {
    let old = servers[s].cores
    if servers[s].maxConnections == old * Defaults.connectionsPerCore {
      let (product, overflow) = cores.multipliedReportingOverflow(by: Defaults.connectionsPerCore)
      servers[s].maxConnections = overflow ? Int.max : product
    }
    servers[s].provision(cores: cores, at: now)
    startQueued(server: s)
  }
}
