import ScaleModel

/// What queueing theory predicts for one route (request class) end to end.
public struct RouteEstimate: Sendable, Equatable {
  public var name: String
  /// The route's share of the admitted requests (shares normalised to add up to 1).
  public var share: Double
  /// Requests per second of this route.
  public var arrivalRate: Double
  /// Mean end-to-end time: the sum over its steps of the stations' mean times, weighted by
  /// the share of the route's requests that reach each step, plus the hops' mean network
  /// latency; nil when a station on it is saturated or a figure is missing (`notes` says).
  public var meanResponse: Double?
  /// The part of `meanResponse` spent on network hops.
  public var network: Double
  /// How fan-outs were estimated, and why a figure is missing.
  public var notes: [String]
}

/// The analysis of a scenario with routes: the traffic equations of an open (Jackson) network
/// per class (semantics-notes §12), the stations' estimates at the summed arrival rates, and
/// each route's end-to-end mean. It walks `Scenario.topology.plans`, the steps the engine walks.
///
/// - Each route carries its share × λ (λ after the rate limits); a route's read/write kind
///   fixes its mix, otherwise the traffic's read share does.
/// - A balancer step splits the flow over its members (the topology's member edges), by weight
///   for `weighted`, equally otherwise; a pool step splits it equally. The server the request
///   is at serves it (its cores and service time, as the default path's servers).
/// - A cache step followed by a database step is cache-aside: reads hit with the cache's hit
///   rate h, answer after the hit latency and skip that database step (and its hop); misses
///   (1 − h) and writes go on. A cache step with no database after it costs reads h × the hit
///   latency and sends everything on.
/// - A database step is the default path's database (shards, replicas, consistency); a queue
///   step ends the route (the client is answered once the message is queued), so only its
///   hop counts.
/// - Every step first pays its hop's mean latency: a link's when one names the caller (the
///   client, or the servers of the last server step) and the callee, else the cross-zone
///   latency for the callers in another zone than the callee, else the network's default.
///   A fan-out pays the largest of its branches' hop means (a lower bound of the mean of the
///   maximum; exact for constant latencies).
/// - A fan-out waits for all its branches (fork-join): two (or K ≤ 32) identical M/M/1
///   branches by Nelson–Tantawi; branches whose times are all exponential by H_K × the largest
///   branch mean (H_K the K-th harmonic number); any other mix by the largest branch mean, a
///   lower bound. Each route's notes say which.
struct RoutedNetwork {
  var stations: [ComponentEstimate] = []
  var routes: [RouteEstimate] = []

  /// Per request kind (read, write), the fraction of a route's requests taking a step.
  struct Flow {
    var reads: Double
    var writes: Double
    var total: Double { reads + writes }
    func scaled(_ x: Double) -> Flow { Flow(reads: reads * x, writes: writes * x) }
  }

  /// Where a request can be: servers (scenario index) with their probabilities.
  typealias Location = [(server: Int, p: Double)]

  init(
    _ scenario: Scenario, lambda: Double, arrivalSCV: Double, cacheHitRates: [Int: Double]
  ) {
    let topology = scenario.topology
    let shares = scenario.routes.map { $0.share.isFinite ? Swift.max(0, $0.share) : 0 }
    let totalShare = shares.reduce(0, +)
    let readFraction = Analysis.clampShare(scenario.traffic?.readFraction ?? Defaults.readFraction)

    // 1. Traffic equations: each route's flow along its plan, summed per station.
    var serverRate = [Double](repeating: 0, count: scenario.servers.count)
    var queueRate = [Double](repeating: 0, count: scenario.queues.count)
    var dbReads = [Double?](repeating: 0, count: scenario.databases.count)
    var dbWrites = [Double](repeating: 0, count: scenario.databases.count)
    var dbReached = [Bool](repeating: false, count: scenario.databases.count)
    var queueReached = [Bool](repeating: false, count: scenario.queues.count)
    var routeRates: [Double] = []
    var routeFlows: [Flow] = []
    for (r, route) in scenario.routes.enumerated() {
      let share = totalShare > 0 ? shares[r] / totalShare : 0
      let rate = lambda * share
      routeRates.append(rate)
      let read: Double
      switch route.kind {
      case .read?: read = 1
      case .write?: read = 0
      case nil: read = readFraction
      }
      let flow = Flow(reads: read, writes: 1 - read)
      routeFlows.append(flow)
      let plan = r < topology.plans.count ? topology.plans[r] : []
      RoutedNetwork.walk(
        plan, scenario: scenario, topology: topology, flow: flow, hitRates: cacheHitRates
      ) { call, f, _ in
        switch call {
        case .balancer, .pool:
          for (s, p) in RoutedNetwork.members(call, topology: topology, scenario: scenario)
          where s < serverRate.count {
            serverRate[s] += rate * f.flow.total * p
          }
        case .cache: break
        case .database(let d) where d < dbReads.count:
          dbReached[d] = true
          dbReads[d] = dbReads[d].flatMap { sum in f.readsKnown.map { sum + rate * $0 } }
          dbWrites[d] += rate * f.flow.writes
        case .queue(let q) where q < queueRate.count:
          queueReached[q] = true
          queueRate[q] += rate * f.flow.total
        case .database, .queue: break
        }
      }
    }

    // 2. Each station at its summed rate (the default path's station models).
    var serverRow: [Int: ComponentEstimate] = [:]
    var reached = Set<Int>()
    for (r, _) in scenario.routes.enumerated() {
      for step in r < topology.plans.count ? topology.plans[r] : [] {
        for call in step.calls {
          for (s, _) in RoutedNetwork.members(call, topology: topology, scenario: scenario) {
            reached.insert(s)
          }
        }
      }
    }
    for (s, server) in scenario.servers.enumerated() {
      let mean = UniversalScalability.effectiveMeanService(
        server.service.mean, cores: server.cores, contention: server.contention)
      let row = Analysis.station(
        name: server.name, kind: .server, lambda: serverRate[s], servers: server.cores,
        meanService: mean, service: server.service, arrivalSCV: arrivalSCV,
        notes: reached.contains(s) ? [] : [Analysis.noRequests])
      serverRow[s] = row
      stations.append(row)
    }
    stations += Analysis.pools(
      scenario, topology: topology, rates: serverRate, reached: reached, arrivalSCV: arrivalSCV)
    for (q, queue) in scenario.queues.enumerated() {
      stations.append(
        Analysis.station(
          name: queue.name, kind: .queue, lambda: queueRate[q], servers: queue.workers,
          meanService: queue.service.mean, service: queue.service, arrivalSCV: arrivalSCV,
          notes: queueReached[q] ? [] : [Analysis.noRequests]))
    }
    var dbRead: [Int: ComponentEstimate] = [:]
    var dbWrite: [Int: ComponentEstimate] = [:]
    for (d, db) in scenario.databases.enumerated() {
      let rows = Analysis.database(
        db, reads: dbReads[d], writes: dbWrites[d], arrivalSCV: arrivalSCV, onPath: dbReached[d])
      dbWrite[d] = rows.first
      dbRead[d] = rows.count > 1 ? rows[1] : rows.first
      stations += rows
    }

    // 3. Each route's end-to-end mean.
    func name(_ call: Topology.Call) -> String {
      Topology.name(of: call.node, in: scenario)
    }
    for (r, route) in scenario.routes.enumerated() {
      let plan = r < topology.plans.count ? topology.plans[r] : []
      var estimate = RouteEstimate(
        name: route.name, share: totalShare > 0 ? shares[r] / totalShare : 0,
        arrivalRate: routeRates[r], meanResponse: 0, network: 0, notes: [])
      var missing: [String] = []
      func time(_ row: ComponentEstimate?) -> Double? {
        guard let row else { return nil }
        if row.meanResponse == nil && !missing.contains(row.name) {
          missing.append(row.name)
          estimate.notes.append(
            row.saturated ? row.name + " is saturated" : row.name + " has no estimate")
        }
        return row.meanResponse
      }
      var total: Double? = 0
      func add(_ x: Double?) { total = total.flatMap { t in x.map { t + $0 } } }
      var location: Location = []
      var callers = ["client"]
      RoutedNetwork.walk(
        plan, scenario: scenario, topology: topology, flow: routeFlows[r], hitRates: cacheHitRates,
        onStep: { step, f in
          // The hop into this step, paid by the requests that reach it.
          let hop =
            step.calls.map {
              RoutedNetwork.hopMean(
                to: $0, from: location, callers: callers, scenario: scenario, topology: topology)
            }.max() ?? 0
          estimate.network += f.flow.total * hop
          add(f.flow.total * hop)
          if step.calls.count > 1 {
            let (t, method) = RoutedNetwork.forkJoin(
              step.calls, flow: f.flow, scenario: scenario, read: { dbRead[$0] },
              write: { dbWrite[$0] }, time: time)
            add(t)
            let note =
              "fan-out {" + step.calls.map(name).joined(separator: ", ") + "}: " + method
            if !estimate.notes.contains(note) { estimate.notes.append(note) }
          }
        },
        onCall: { call, f, parallel in
          guard !parallel else { return }  // A fan-out's branches: the fork-join above.
          switch call {
          case .balancer, .pool:
            let members = RoutedNetwork.members(call, topology: topology, scenario: scenario)
            var mean = 0.0
            for (s, p) in members { mean += p * (time(serverRow[s]) ?? .nan) }
            add(mean.isNaN ? nil : f.flow.total * mean)
            location = members
            callers = members.flatMap { Topology.linkNames(ofServer: $0.server, in: scenario) }
          case .cache(let c):
            guard scenario.caches.indices.contains(c) else { break }
            let hit = cacheHitRates[c]
            if hit == nil && f.flow.reads > 0 {
              let note = "needs " + scenario.caches[c].name + "'s hit rate"
              if !estimate.notes.contains(note) { estimate.notes.append(note) }
            }
            if f.flow.reads > 0 {
              add(hit.map { f.flow.reads * $0 * scenario.caches[c].hitLatency.mean })
            }
          case .database(let d):
            if let reads = f.readsKnown {
              if reads > 0 { add(time(dbRead[d]).map { reads * $0 }) }
            } else {
              add(nil)  // The reads that reach it depend on an unknown hit rate.
            }
            if f.flow.writes > 0 { add(time(dbWrite[d]).map { f.flow.writes * $0 }) }
            if scenario.databases.indices.contains(d), scenario.databases[d].shards > 1,
              scenario.databases[d].scatterFraction > 0, f.flow.reads > 0
            {
              let note =
                scenario.databases[d].name
                + "'s scatter reads wait for every shard: one shard's mean is a lower bound"
              if !estimate.notes.contains(note) { estimate.notes.append(note) }
            }
          case .queue:
            break  // The client is answered once the message is queued.
          }
        })
      estimate.meanResponse = total
      routes.append(estimate)
    }
  }

  /// The flow reaching a call: the route's fractions, and the reads' fraction when it is
  /// known (after a cache-aside step whose hit rate is unknown it is not).
  struct Reaching {
    var flow: Flow
    var readsKnown: Double?
  }

  /// Walks a plan with the flow of a route's requests: `onStep` once per step (before its
  /// calls), then `onCall` for each of its calls (with `true` for a fan-out's branches).
  static func walk(
    _ plan: [Topology.Step], scenario: Scenario, topology: Topology, flow: Flow,
    hitRates: [Int: Double], onStep: (Topology.Step, Reaching) -> Void = { _, _ in },
    onCall: (Topology.Call, Reaching, Bool) -> Void
  ) {
    var skipReads: Double?? = nil  // Some(h): the next database step is skipped by h of reads.
    for (position, step) in plan.enumerated() {
      var reaching = Reaching(flow: flow, readsKnown: flow.reads)
      if case .some(let hit) = skipReads {
        if let hit {
          reaching.flow.reads = flow.reads * (1 - hit)
          reaching.readsKnown = reaching.flow.reads
        } else {
          reaching.readsKnown = flow.reads > 0 ? nil : 0
        }
      }
      skipReads = nil
      onStep(step, reaching)
      for call in step.calls { onCall(call, reaching, step.calls.count > 1) }
      if step.calls.count == 1, case .cache(let c) = step.calls[0], position + 1 < plan.count,
        plan[position + 1].calls.count == 1, case .database = plan[position + 1].calls[0]
      {
        skipReads = .some(hitRates[c].map(Analysis.clampShare))
      }
      if step.calls.contains(where: \.isQueue) { break }
    }
  }

  /// The servers a balancer or pool call sends to, with the share each gets: a balancer's
  /// member edges in the topology (by weight for weighted), a pool equally.
  static func members(_ call: Topology.Call, topology: Topology, scenario: Scenario) -> Location {
    switch call {
    case .balancer(let b):
      let edges = topology.edges(from: Topology.Node(.balancer, b)).filter {
        $0.traffic == .balanced
      }
      let weights = edges.map { Double(Swift.max(0, $0.weight ?? 1)) }
      let total = weights.reduce(0, +)
      guard total > 0 else { return [] }
      return zip(edges, weights).map { ($0.to.index, $1 / total) }
    case .pool(let list):
      guard !list.isEmpty else { return [] }
      return list.map { ($0, 1 / Double(list.count)) }
    case .cache, .database, .queue:
      return []
    }
  }

  /// The mean latency of the hop to `call` (the engine's rule: a link naming a caller and the
  /// callee; else, per server the request may be at, the cross-zone latency when both have
  /// zones that differ, otherwise the network's default; 0 with no network).
  static func hopMean(
    to call: Topology.Call, from location: Location, callers: [String], scenario: Scenario,
    topology: Topology
  ) -> Double {
    let callee = Topology.callee(call, in: scenario)
    let link = Topology.link(from: callers, to: callee.names, in: scenario)
    func mean(from zone: String?) -> Double {
      Topology.hopLatency(link: link, callerZone: zone, calleeZone: callee.zone, in: scenario)?
        .mean ?? 0
    }
    var total = 0.0
    var covered = 0.0
    for (s, p) in location where s < scenario.servers.count {
      total += p * mean(from: scenario.servers[s].zone)
      covered += p
    }
    return total + (1 - covered) * mean(from: nil)
  }

  /// The fork-join estimate of a fan-out step's mean (weighted by the flow's reads and
  /// writes), and the method used.
  static func forkJoin(
    _ calls: [Topology.Call], flow: Flow, scenario: Scenario,
    read: (Int) -> ComponentEstimate?, write: (Int) -> ComponentEstimate?,
    time: (ComponentEstimate?) -> Double?
  ) -> (Double?, String) {
    var total: Double? = 0
    var methods: [String] = []
    for (isRead, fraction) in [(true, flow.reads), (false, flow.writes)] where fraction > 0 {
      // Each branch: its mean, and its M/M/1 rates when it is one (for Nelson–Tantawi).
      var means: [Double] = []
      var exponential = true
      var mm1: [(lambda: Double, mu: Double)] = []
      var known = true
      for call in calls {
        switch call {
        case .cache(let c):
          // A cache branch answers after the hit latency (reads); writes pass at once.
          guard scenario.caches.indices.contains(c) else { continue }
          let d = scenario.caches[c].hitLatency
          means.append(isRead ? d.mean : 0)
          if !(isRead && Analysis.letter(d) == "M") { exponential = false }
        case .database:
          guard case .database(let d) = call, let row = isRead ? read(d) : write(d),
            let w = time(row)
          else {
            known = false
            continue
          }
          means.append(w)
          if row.model.hasSuffix("/1"), row.model.hasPrefix("M/M/"), let lambda = row.arrivalRate,
            row.meanService > 0
          {
            mm1.append((lambda, 1 / row.meanService))
          } else if !row.model.hasPrefix("M/M/") || row.servers > 1 {
            exponential = false  // An M/M/c sojourn is not exponential either.
          }
        case .balancer, .pool, .queue:
          exponential = false
        }
      }
      guard known, let largest = means.max() else {
        total = nil
        continue
      }
      let k = means.count
      let harmonic = (1...Swift.max(1, k)).reduce(0.0) { $0 + 1 / Double($1) }
      var value: Double
      var method: String
      if mm1.count == k, k >= 2, k <= 32, let first = mm1.first,
        mm1.allSatisfy({
          Swift.abs($0.lambda - first.lambda) <= 1e-9 * Swift.max(1, first.lambda)
            && Swift.abs($0.mu - first.mu) <= 1e-9 * first.mu
        })
      {
        let rho = first.lambda / first.mu
        let r2 = (12 - rho) / 8 / (first.mu - first.lambda)
        value = k == 2 ? r2 : (harmonic / 1.5 + (1 - harmonic / 1.5) * 4 * rho / 11) * r2
        method =
          k == 2
          ? "Nelson–Tantawi, two identical M/M/1 branches"
          : "Nelson–Tantawi's approximation for \(k) identical M/M/1 branches"
      } else if exponential && k >= 2 {
        value = harmonic * largest
        method = "H_\(k) × the largest branch mean (exponential branches)"
      } else {
        value = largest
        method = "the largest branch mean (a lower bound)"
      }
      total = total.map { $0 + fraction * value }
      if !methods.contains(method) { methods.append(method) }
    }
    return (total, methods.isEmpty ? "no estimate" : methods.joined(separator: "; "))
  }
}
