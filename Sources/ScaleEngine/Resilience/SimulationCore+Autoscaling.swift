import ScaleModel

/// Autoscalers: every `interval` each one measures its group's ready servers and decides
/// (`AutoscalerPolicy`). Scale-out adds a copy of the group's first server named
/// `<pool>-<n>` that joins the balancer after `warmup`; scale-in drains the newest. Each
/// added or drained server gets its own `scale-out`/`scale-in` event naming it as the
/// component; the fact names the group (balancer or pool) and the decision.
extension SimulationCore {
  mutating func setUpAutoscalers() {
    for (i, spec) in scenario.autoscalers.enumerated() {
      var members: [Int] = []
      var balancer: String?
      var pool = spec.group
      let inPool = stations.indices.filter {
        stations.all[$0].role == .server && stations.all[$0].spec.pool == spec.group
      }
      if !inPool.isEmpty {
        members = inPool
        if let b = balancers.all.firstIndex(where: {
          $0.reported && $0.position(ofServer: inPool[0]) != nil
        }) {
          balancer = balancers.all[b].name
        }
      } else if let b = balancers.byName[spec.group] {
        members = balancers.all[b].servers
        balancer = spec.group
        // Servers declared one by one (`web-1`, `web-2`) form the pool `web`: new ones
        // continue their numbering rather than being named after the balancer.
        pool =
          members.first.flatMap {
            stations.all[$0].spec.pool ?? StationNames.poolPrefix(of: stations.all[$0].spec.name)
          }
          ?? spec.group
      } else if let s = stations.serverByName[spec.group] {
        members = [s]
      } else if entryBalancer >= 0 {
        members = balancers.all[entryBalancer].servers
        balancer = balancers.all[entryBalancer].reported ? balancers.all[entryBalancer].name : nil
      }
      guard let first = members.first else {
        note(spec.group, .ignored(.noAutoscaleGroup))
        continue
      }
      var state = AutoscalerState(
        policy: AutoscalerPolicy(spec: spec), pool: pool, balancer: balancer, members: members,
        nextNumber: members.count + 1, template: stations.all[first].spec)
      for s in members { state.lastAreas[s] = stations.all[s].stats.areas(at: now) }
      autoscalers.append(state)
      startAtMinimum(autoscalers.count - 1)
      let interval = checkInterval(spec.interval, members: members.count)
      if interval.isFinite, interval > 0, interval <= duration {
        events.schedule(
          at: now + interval, kind: .dataTier,
          a: Int32(truncatingIfNeeded: autoscalers.count - 1),
          c: DataTierState.Tag.autoscale.rawValue)
      }
      _ = i
    }
  }

  /// A group smaller than its autoscaler's `min` starts at the minimum, as a Kubernetes HPA
  /// (the controller raises `replicas` to `minReplicas` at once) and an AWS Auto Scaling group
  /// (desired capacity is never below `MinSize`) do: the missing servers are in service when
  /// the run starts (they were launched before it), rather than one per check.
  mutating func startAtMinimum(_ a: Int) {
    let minimum = Swift.max(0, autoscalers[a].policy.spec.minimum)
    let current = autoscalers[a].members.count
    guard current < minimum else { return }
    let group = autoscalers[a].policy.spec.group
    let behind = autoscalers[a].balancer.flatMap { $0 == group ? nil : $0 }
    for k in 0..<(minimum - current) {
      var n = autoscalers[a].nextNumber
      let pool = autoscalers[a].pool
      while stations.serverByName["\(pool)-\(n)"] != nil { n += 1 }
      autoscalers[a].nextNumber = n + 1
      let name = "\(pool)-\(n)"
      join(a, name: name)
      note(
        name,
        .scaledOut(
          RunEvent.Fact.AutoscaleStep(
            group: group, reason: .belowMinimum(servers: current, minimum: minimum),
            from: current, to: minimum, position: k + 1, count: minimum - current,
            behind: behind, atStart: true)))
    }
  }

  /// The time between checks: the autoscaler's `interval`, but at most a million checks per
  /// run, and at most 10⁸ member visits per run (each check reads every member), so a tiny
  /// interval over a large group cannot flood the run (documented floors: `every 1us` over a
  /// pool grown to 1000 servers made 10⁹ visits, minutes of work for a second of traffic).
  func checkInterval(_ interval: Double, members: Int = 1) -> Double {
    guard interval.isFinite, interval > 0 else { return 0 }
    let visits = duration * Double(Swift.max(1, members)) / 100_000_000
    return Swift.max(interval, duration / 1_000_000, visits)
  }

  mutating func autoscaleCheck(_ a: Int) {
    guard a >= 0, a < autoscalers.count else { return }
    var busy = 0.0
    var cores = 0.0
    var ready = 0
    for s in autoscalers[a].members where !stations.all[s].removed {
      let areas = stations.all[s].stats.areas(at: now)
      let last = autoscalers[a].lastAreas[s] ?? StationAreas()
      autoscalers[a].lastAreas[s] = areas
      guard !stations.all[s].isDown else { continue }
      ready += 1
      busy += areas.busy - last.busy
      cores += areas.cores - last.cores
    }
    let u = cores > 0 ? busy / cores : 0
    let warming = autoscalers[a].warming.count
    let decision = autoscalers[a].policy.decide(
      now: now, utilisation: u, ready: ready, warming: warming)
    let group = autoscalers[a].policy.spec.group
    if decision.change > 0 {
      var added: [String] = []
      for _ in 0..<decision.change { added.append(scaleOut(a)) }
      let warm = autoscalers[a].policy.spec.warmup
      // One event per new server, named by it (the timeline's component column says which
      // server appeared); the fact says which group grew, why, and the whole step.
      var step = RunEvent.Fact.AutoscaleStep(
        group: group, reason: decision.reason, from: decision.current, to: decision.desired,
        count: added.count, warmup: warm.isFinite && warm > 0 ? warm : nil)
      // The balancer it joins, when the group is named otherwise (a pool `web` behind `lb`).
      step.behind = autoscalers[a].balancer.flatMap { $0 == group ? nil : $0 }
      for (k, name) in added.enumerated() {
        step.position = k + 1
        note(name, .scaledOut(step))
      }
    } else if decision.change < 0 {
      var removed: [String] = []
      for _ in 0..<(-decision.change) {
        if let name = scaleIn(a) { removed.append(name) }
      }
      // As for scale-out: one event per drained server, named by it.
      var step = RunEvent.Fact.AutoscaleStep(
        group: group, reason: decision.reason, from: decision.current, to: decision.desired,
        count: removed.count)
      for (k, name) in removed.enumerated() {
        step.position = k + 1
        note(name, .scaledIn(step))
      }
    }
    let interval = checkInterval(
      autoscalers[a].policy.spec.interval, members: autoscalers[a].members.count)
    if interval > 0, now + interval <= duration {
      events.schedule(
        at: now + interval, kind: .dataTier, a: Int32(truncatingIfNeeded: a),
        c: DataTierState.Tag.autoscale.rawValue)
    }
  }

  /// Adds one server to autoscaler `a`'s group (now, or after its warm-up). Returns its name.
  mutating func scaleOut(_ a: Int) -> String {
    var n = autoscalers[a].nextNumber
    let pool = autoscalers[a].pool
    while stations.serverByName["\(pool)-\(n)"] != nil
      || autoscalers[a].warming.contains(where: { $0.name == "\(pool)-\(n)" })
    {
      n += 1
    }
    autoscalers[a].nextNumber = n + 1
    let name = "\(pool)-\(n)"
    let warm = autoscalers[a].policy.spec.warmup
    if warm.isFinite, warm > 0 {
      autoscalers[a].warming.append((name, now + warm))
      events.schedule(
        at: now + warm, kind: .dataTier, a: Int32(truncatingIfNeeded: a),
        c: DataTierState.Tag.warmedUp.rawValue)
    } else {
      join(a, name: name)
    }
    return name
  }

  mutating func join(_ a: Int, name: String) {
    var spec = autoscalers[a].template
    spec.name = name
    spec.pool = autoscalers[a].pool
    let s = addServer(spec, toBalancer: autoscalers[a].balancer, quiet: true)
    autoscalers[a].members.append(s)
    autoscalers[a].lastAreas[s] = stations.all[s].stats.areas(at: now)
  }

  mutating func warmedUp(_ a: Int) {
    guard a >= 0, a < autoscalers.count,
      let i = autoscalers[a].warming.firstIndex(where: { $0.readyAt <= now })
    else { return }
    let name = autoscalers[a].warming.remove(at: i).name
    join(a, name: name)
    note(name, .warmedUp)
  }

  /// Drains the newest server of autoscaler `a`'s group. Returns its name.
  mutating func scaleIn(_ a: Int) -> String? {
    guard let k = autoscalers[a].members.lastIndex(where: { !stations.all[$0].removed }) else {
      return nil
    }
    let s = autoscalers[a].members.remove(at: k)
    removeServer(s, quiet: true)
    return stations.all[s].name
  }
}
