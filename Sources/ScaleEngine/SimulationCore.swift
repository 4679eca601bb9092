import DequeModule
import ScaleModel

/// A client timeout due at `time` for request `slot` of `generation`.
struct Deadline {
  var time: Double
  var slot: Int32
  var generation: UInt32
}

/// All the state of a run and the event loop, as one struct so the hot path works on `inout`
/// storage (no class-property exclusivity checks, no reference counting per event).
/// `Simulation` is the public face. The state of each kind of component is a table that owns
/// its warm-up, interval, figures and snapshot steps (docs/engine.md, "Structure").
struct SimulationCore {
  // MARK: The run: clock, pending events, scripted actions, what happened

  let scenario: Scenario
  let seed: UInt64
  let duration: Double
  let warmup: Double
  var now: Double = 0
  let events = EventQueue()
  var scripted: [EventAction] = []
  var runEvents: [RunEvent] = []
  var eventsProcessed = 0
  var warmupDone = false
  /// Latency quantiles the expectations name beyond the standard five (see `result`).
  let extraQuantiles: [Double]

  // MARK: Requests in flight

  let requests = FlatTable<RequestSlot>(capacity: 1024)
  let freeSlots = FlatTable<Int32>(capacity: 1024)
  var activeRequests = 0
  /// Active requests whose client timeout fired (already counted as errors, still held).
  var activeTimedOut = 0
  /// Client timeouts, in time order: every request's deadline is its arrival plus the same
  /// timeout, so a FIFO replaces a heap (O(1) instead of O(log n) per request).
  var deadlines = Deque<Deadline>()
  /// Components whose engine cap was reached (noted once each).
  var capsNoted: Set<String> = []

  // MARK: The client

  /// What the client sends (`ClientTraffic`).
  var traffic: ClientTraffic
  /// What the client saw, over the run and per interval (`ClientFigures`).
  var client: ClientFigures
  /// The first stage of every request.
  var entryStage: Stage = .balancer
  /// The balancer clients talk to (the first declared), −1 if none.
  var entryBalancer = -1
  /// With no balancer and one server, the server clients talk to; −1 otherwise.
  var directServer = -1

  // MARK: Components, one table per kind

  /// Servers, database stations and queues' workers (`StationTable`).
  var stations = StationTable()
  var balancers = BalancerTable()
  /// Balancer positions one request has tried during failover (scratch storage reused by
  /// every routing, so a refusal allocates nothing).
  var failoverTried: [Int] = []
  var caches = CacheTable()
  /// Databases (their stations are in `stations`).
  var databases = DatabaseTable()
  var queues = QueueTable()
  /// Breakers, rate limits, retries.
  var resilience = ResilienceState()
  var autoscalers: [AutoscalerState] = []
  /// The default path's data tier and per-request data (DataTier/DataTierState.swift).
  var dataTier = DataTierState()
  /// Request classes (Routes/); empty on the default path.
  var routes: RouteTable
  var routesActive = false
  /// Dark availability zones (Zones/).
  var zones = ZoneOutages()
  /// Pools of servers and their figures (Pools/).
  var pools = PoolTable()
  /// The pool a server added during the run joins (ScaleModel/PoolJoining.swift).
  let poolJoining: PoolJoining

  init(scenario: Scenario) {
    self.scenario = scenario
    seed = scenario.seed
    let d = scenario.duration
    duration = d.isFinite && d > 0 ? d : 0
    let w = scenario.warmup
    warmup = w.isFinite && w > 0 ? Swift.min(w, duration) : 0
    client = ClientFigures(intervalLength: SimulationCore.intervalLength(for: duration))
    extraQuantiles = SimulationCore.extraQuantiles(for: scenario.expectations)
    traffic = ClientTraffic(scenario.traffic, seed: seed)
    routes = RouteTable(seed: seed)
    requests.reserveCapacity(1024)
    failoverTried.reserveCapacity(Defaults.failoverTries)
    // Who talks to whom comes from the scenario's topology (ScaleModel/Topology.swift): the
    // entry balancer and the servers it serves, or the servers the client talks to directly.
    let path = scenario.topology
    poolJoining = PoolJoining(scenario, topology: path)

    for spec in scenario.servers where stations.serverByName[spec.name] == nil {
      appendServer(spec)
    }
    for spec in scenario.balancers where balancers.byName[spec.name] == nil {
      var b = BalancerState(
        name: spec.name, strategy: spec.strategy, failover: spec.failover,
        healthCheck: spec.healthCheck, seed: seed)
      var taken = Set<Int>()
      for backend in Topology.members(of: spec, in: scenario) {
        if let i = stations.serverByName[backend.server], taken.insert(i).inserted {
          b.addBackend(server: i, weight: backend.weight)
        }
      }
      balancers.append(b)
    }
    let direct = path.servingServers.compactMap {
      stations.serverByName[scenario.servers[$0].name]
    }
    if let b = path.entryBalancer {
      entryBalancer = balancers.byName[scenario.balancers[b].name] ?? -1
    } else if direct.count > 1 {
      // Several servers and no balancer: the client spreads requests round-robin, as an
      // implicit balancer would (not reported as a component).
      var b = BalancerState(
        name: "(implicit)", strategy: .roundRobin, failover: true, healthCheck: nil, seed: seed,
        reported: false)
      for i in direct { b.addBackend(server: i, weight: stations.all[i].spec.weight) }
      entryBalancer = balancers.append(b)
    }
    directServer = entryBalancer < 0 && direct.count == 1 ? direct[0] : -1
    if !scenario.routes.isEmpty {
      let index = stations.serverByName
      routes = RouteTable(scenario: scenario, seed: seed) { s in
        index[scenario.servers[s].name]
      }
      routesActive = !routes.isEmpty
    }
    entryStage = scenario.rateLimits.isEmpty ? .balancer : .rateLimit
    traffic.needsKeys = balancers.all.contains { $0.strategy == .hash }
    traffic.needsMix = false

    // Scripted events first, so at equal times they run before checks and ticks.
    for event in scenario.events {
      let t = event.time.isFinite ? Swift.max(0, event.time) : Double.infinity
      guard t <= duration else { continue }
      events.schedule(at: t, kind: .scripted, a: Int32(truncatingIfNeeded: scripted.count))
      scripted.append(event.action)
    }
    for b in balancers.indices { scheduleInitialHealthChecks(balancer: b) }
    if warmup > 0 { events.schedule(at: warmup, kind: .warmupEnd) } else { endWarmup() }
    if client.intervalLength < duration {
      events.schedule(at: client.intervalLength, kind: .intervalTick)
    }

    setUpDataTier()
    if scenario.traffic != nil {
      traffic.nextArrival = firstArrival()
    }
  }

  /// duration/60 rounded up to 1, 2 or 5 × 10ⁿ seconds, at least 1 s.
  static func intervalLength(for duration: Double) -> Double {
    let raw = duration / 60
    guard raw > 1, raw.isFinite else { return 1 }
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    for step in [1.0, 2.0, 5.0, 10.0] where magnitude * step >= raw {
      return magnitude * step
    }
    return magnitude * 10
  }

  /// Adds a server; returns its station index.
  @discardableResult
  mutating func appendServer(_ spec: ServerSpec) -> Int {
    appendStation(Station(spec: spec, seed: seed, now: now), zone: spec.zone)
  }

  /// Adds a station (a server, or a database's at set-up); returns its index.
  mutating func appendStation(_ station: Station, zone: String?) -> Int {
    if routesActive { routes.addStation(zone: zone) }
    pools.addStation(station.spec, declared: scenario.servers, now: now)
    return stations.append(station)
  }

  var isFinished: Bool { now >= duration }

  // MARK: - The event loop

  /// Processes every event up to `limit` (clamped to the duration). Returns false when
  /// `shouldStop` said stop (checked every 4096 events).
  mutating func run(until limit: Double, shouldStop: () -> Bool) -> Bool {
    let end = Swift.min(limit.isNaN ? now : limit, duration)
    var sinceCheck = 0
    while true {
      // Three sources: the heap, the client-timeout FIFO and the next arrival; on equal times
      // the heap goes first, then timeouts, then the arrival.
      var t = events.nextTime
      var source = 0
      if let deadline = deadlines.first, deadline.time < t {
        t = deadline.time
        source = 1
      }
      if traffic.nextArrival < t {
        t = traffic.nextArrival
        source = 2
      }
      if t > end { break }
      now = t
      switch source {
      case 0:
        guard let event = events.pop() else { break }
        handle(event)
      case 1:
        let deadline = deadlines.removeFirst()
        timeoutFired(slot: deadline.slot, generation: deadline.generation)
      default:
        arrive()
      }
      eventsProcessed &+= 1
      sinceCheck &+= 1
      if sinceCheck >= 4096 {
        sinceCheck = 0
        if shouldStop() { return false }
      }
    }
    if end > now { now = end }
    return true
  }

  @inline(__always)
  mutating func handle(_ event: SimEvent) {
    switch event.kind {
    case .serviceDone: serviceDone(slot: event.a, token: event.b, station: Int(event.c))
    case .timeout: timeoutFired(slot: event.a, generation: event.b)
    case .healthCheck: healthCheck(balancer: Int(event.a), position: Int(event.b))
    case .scripted:
      let i = Int(event.a)
      if i >= 0 && i < scripted.count { apply(scripted[i]) }
    case .autoRecover: outageEnded(Int(event.a))
    case .spikeEnd: spikeEnded(epoch: event.b)
    case .rateChange: rescheduleArrival()
    case .intervalTick: intervalTick()
    case .warmupEnd: endWarmup()
    case .retry: retryFired(slot: event.a, generation: event.b)
    case .dataTier: handleDataTierEvent(event)
    }
  }

  // MARK: - Request slots

  /// The most requests in flight at once (admitted and not finished, waiting included), and
  /// the most messages waiting in a queue: the engine's memory cap. A request in flight costs
  /// about 150 bytes (its slot, its event, a queue entry, a deadline), so the cap bounds that
  /// memory near 300 MB whatever `max-connections` or `max-depth` say. Arrivals beyond it
  /// are rejected (errors, cause `rejected`) and the run notes it once (docs/engine.md,
  /// "Memory").
  static let defaultMaxInFlight = 2_000_000
  /// ``defaultMaxInFlight``; tests lower it to reach it cheaply.
  var maxInFlight = SimulationCore.defaultMaxInFlight

  /// The run note that an engine cap was reached (once per run and component).
  mutating func noteCapReached(_ component: String, _ held: RunEvent.Fact.CapHeld) {
    guard !capsNoted.contains(component) else { return }
    capsNoted.insert(component)
    note(component, .capReached(limit: maxInFlight, held: held))
  }

  @inline(__always)
  mutating func allocateSlot() -> Int32 {
    activeRequests += 1
    if let slot = freeSlots.popLast() {
      requests[Int(slot)].active = true
      return slot
    }
    requests.append(RequestSlot())
    let slot = Int32(truncatingIfNeeded: requests.count - 1)
    requests[Int(slot)].active = true
    return slot
  }

  /// Whether an event for `slot` of `generation` still concerns a request in flight (the slot
  /// was not freed and reused since it was scheduled).
  func isLive(_ slot: Int32, _ generation: UInt32) -> Bool {
    let i = Int(slot)
    return i >= 0 && i < requests.count && requests[i].active
      && requests[i].generation == generation
  }

  @inline(__always)
  mutating func freeSlot(_ slot: Int32) {
    let wasTimedOut = requests.update(Int(slot)) { r in
      let timedOut = r.timedOut
      r.active = false
      r.timedOut = false
      r.generation &+= 1
      r.stage = .done
      return timedOut
    }
    if wasTimedOut { activeTimedOut -= 1 }
    if routesActive { releaseConnections(slot) }
    activeRequests -= 1
    freeSlots.append(slot)
  }

  /// A run event about `component` now: what happened, as a fact (the report layer tells
  /// it in words).
  mutating func note(_ component: String, _ fact: RunEvent.Fact) {
    runEvents.append(RunEvent(time: now, component: component, fact: fact))
  }
}
