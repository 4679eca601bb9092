import ScaleDiagnostics
import ScaleModel

/// Lowering: resolve what statements left implicit (the balancer a health check is for,
/// the database a shard splits, the pool an autoscaler grows), check every reference, and
/// build the `Scenario` the engine runs.
extension CheckSession {
  mutating func lower(seedOverride: UInt64?) -> Scenario {
    let databaseList = resolveShards()
    nameStations(databaseList)
    let balancerList = resolveBalancers()
    let autoscalerList = resolveAutoscalers()
    let breakerList = breakers.compactMap { decl -> CircuitBreakerSpec? in
      resolve(decl.target, kinds: [.server, .pool, .balancer, .database], role: "protect") == nil
        ? nil : decl.spec
    }
    // Each zone's components, in declaration order; the zones in order of first use.
    var zoneMembers: [String: [String]] = [:]
    var zones: [String] = []
    for (name, zone) in zonedComponents() {
      if zoneMembers[zone] == nil { zones.append(zone) }
      zoneMembers[zone, default: []].append(name)
    }
    for event in events {
      if let zone = event.zone {
        checkZone(zone, known: zoneMembers[zone.name] != nil, zones: zones)
      }
      for reference in event.references {
        resolve(reference.ref, kinds: reference.kinds, role: reference.role)
      }
      if event.changesTraffic, traffic == nil {
        report(
          .needsTraffic, "there is no `traffic` for this event to change", at: event.actionRange,
          help: "add a `traffic` statement, e.g. `traffic 1000 rps`")
      }
    }
    checkWeightTargets(balancerList)
    for expect in expectations {
      checkExpectation(expect)
    }
    let routeList = resolveRoutes()
    let linkList = resolveLinks()
    warnNetworkWithoutRoutes()
    joinPools(balancers: balancerList, routes: routeList)
    let runLength = resolveDuration()
    // A pool's members when each event happens: a server added earlier joined it.
    var poolMembers = Dictionary(
      pools.map { ($0.name, $0.members) }, uniquingKeysWith: { a, _ in a })
    var timeline: [TimedEvent] = []
    for (_, decl) in events.enumerated()
      .sorted(by: { lhs, rhs in
        lhs.element.event.time != rhs.element.event.time
          ? lhs.element.event.time < rhs.element.event.time : lhs.offset < rhs.offset
      })
    {
      // A pool or zone of 100 000 servers failed by thousands of events must not blow up:
      // count before expanding.
      guard
        timeline.count + expansionCount(decl, zones: zoneMembers, pools: poolMembers)
          <= Self.maxEvents
      else {
        report(
          .aboveCap,
          "the events expand to more than \(Self.maxEvents) events (one per component of a zone or pool)",
          at: decl.actionRange, help: "see the limits in docs/language.md")
        break
      }
      timeline += expand(decl, zones: zoneMembers, pools: poolMembers)
      if case .addServer(let spec, _) = decl.event.action, let pool = spec.pool {
        poolMembers[pool]?.append(spec.name)
      }
    }
    var scenario = Scenario(
      seed: seedOverride ?? seed?.value ?? Defaults.seed, duration: runLength,
      warmup: warmup?.value ?? 0, servers: servers.map(\.spec), balancers: balancerList,
      caches: caches.map(\.spec), databases: databaseList, autoscalers: autoscalerList,
      queues: queues, breakers: breakerList, retry: retry?.spec, rateLimits: rateLimits,
      traffic: traffic?.spec, events: timeline, expectations: expectations.map(\.expectation))
    scenario.routes = routeList
    scenario.network = network?.spec
    scenario.links = linkList
    checkRouteLimits(scenario)
    warn(about: &scenario)
    return scenario
  }

  /// Resolves a reference to a declared name of one of `kinds`; reports and returns nil if
  /// it is unknown or of another kind.
  @discardableResult
  mutating func resolve(_ ref: NameRef, kinds: [NameKind], role: String) -> NameEntry? {
    let what = kinds.count == 1 ? kinds[0].rawValue : "component"
    let known =
      names[ref.name] ?? station(named: ref.name).map { NameEntry(kind: $0, range: ref.range) }
    guard let entry = known else {
      // Suggestions cost a pass over every name: offer them for the first 20 unknown
      // names only, so a huge script full of typos stays linear. A name with a `/` is
      // compared with the stations of its database or cache.
      suggestionsLeft -= 1
      let candidates =
        suggestionsLeft < 0
        ? []
        : ref.name.contains("/")
          ? stationCandidates(for: ref.name, kinds: kinds)
          : names.filter { kinds.contains($0.value.kind) }.map(\.key)
      let suggestion = Suggestions.closest(to: ref.name, among: candidates)
      var help: String
      if let suggestion {
        help = "did you mean `\(suggestion)`?"
      } else if suggestionsLeft < 0 {
        help = "declare it first"
      } else if candidates.isEmpty, ref.name.contains("/") {
        help =
          "no such station: a database has `NAME/replica-N` (with `replicas`) and "
          + "`NAME/shard-N` (with `shard`), a cache `NAME/node-N`"
      } else if candidates.isEmpty {
        help = "there is no " + WordReader.list(kinds.map(\.rawValue)) + " yet"
      } else {
        let first = candidates.count <= 10_000 ? Array(candidates.sorted().prefix(8)) : []
        help =
          first.isEmpty
          ? "declare it first"
          : (ref.name.contains("/") ? "stations: " : "declared: ")
            + first.map { "`\($0)`" }.joined(separator: ", ")
        if candidates.count > first.count, !first.isEmpty { help += ", …" }
      }
      report(
        .unknownReference, "unknown \(what) `\(ref.name)`", at: ref.range, help: help,
        fixIt: suggestion.map { FixIt(range: ref.range, replacement: $0) })
      return nil
    }
    guard kinds.contains(entry.kind) else {
      report(
        .wrongReferenceKind,
        "`\(ref.name)` is \(entry.kind.withArticle), not \(what == "component" ? "something to \(role)" : "a \(what)")",
        at: ref.range,
        help: "`\(role)` works on " + WordReader.list(kinds.map { "\($0.rawValue)s" }))
      return nil
    }
    return entry
  }

  // MARK: Shards

  mutating func resolveShards() -> [DatabaseSpec] {
    var shardedAt: [String: SourceRange] = [:]
    var databaseIndex: [String: Int] = [:]
    for (i, database) in databases.enumerated() where databaseIndex[database.spec.name] == nil {
      databaseIndex[database.spec.name] = i
    }
    for shard in shards {
      var index: Int?
      if let target = shard.target {
        guard resolve(target, kinds: [.database], role: "shard") != nil else { continue }
        index = databaseIndex[target.name]
      } else if databases.count > 1 {
        report(
          .ambiguousTarget, "which database should `shard` split?", at: shard.keywordRange,
          help: "name it: "
            + databases.map { "`shard \($0.spec.name) \(shard.count)`" }
            .joined(separator: " or "))
        continue
      } else if databases.isEmpty {
        guard declare("db", kind: .database, at: shard.keywordRange) else { continue }
        databases.append(
          DatabaseDecl(
            spec: DatabaseSpec(name: "db"), nameRange: shard.keywordRange, readsRange: nil))
        index = 0
      } else {
        index = 0
      }
      guard let i = index, i < databases.count else { continue }
      let name = databases[i].spec.name
      if let first = shardedAt[name] {
        reportRepeated("`shard` for `\(name)`", at: shard.keywordRange, first: first)
        continue
      }
      shardedAt[name] = shard.keywordRange
      databases[i].spec.shards = shard.count
      if let hashing = shard.hashing { databases[i].spec.shardHashing = hashing }
      if let scatter = shard.scatter { databases[i].spec.scatterFraction = scatter }
    }
    return databases.map(\.spec)
  }

  // MARK: Balancers

  /// Server names a name stands for: a server itself, or a pool's members.
  static func expand(_ name: String, pools: [String: [String]]) -> [String] {
    pools[name] ?? [name]
  }

  /// Events, once `fail zone`/`fail POOL` expand to one per component, at most.
  static let maxEvents = 200_000

  /// Backends over all balancers at most: `to web` on many balancers must not multiply a
  /// pool of 100 000 servers without bound.
  static let maxBackends = 1_000_000

  /// Each declared server's weight, by name (built once: pools may hold 100 000 servers).
  func declaredWeights() -> [String: Int] {
    Dictionary(servers.map { ($0.spec.name, $0.spec.weight) }, uniquingKeysWith: { a, _ in a })
  }

  mutating func resolveBalancers() -> [BalancerSpec] {
    // Health checks first: which balancer each belongs to.
    var checks: [String: HealthCheckSpec] = [:]
    var checkedAt: [String: SourceRange] = [:]
    for check in healthChecks {
      guard let name = balancerName(for: check.target, at: check.keywordRange, role: "health-check")
      else { continue }
      if let first = checkedAt[name] {
        reportRepeated(
          "a `health-check` for `\(name)`", at: check.target?.range ?? check.keywordRange,
          first: first)
        continue
      }
      checkedAt[name] = check.target?.range ?? check.keywordRange
      checks[name] = check.spec
    }
    var result: [BalancerSpec] = []
    let weights = declaredWeights()
    let members = Dictionary(pools.map { ($0.name, $0.members) }, uniquingKeysWith: { a, _ in a })
    var total = 0
    var capReported = false
    for decl in balancers {
      var backends: [Backend] = []
      func fits(_ count: Int, _ ref: NameRef, _ session: inout CheckSession) -> Bool {
        total += count
        guard total <= Self.maxBackends else {
          if capReported { return false }
          capReported = true
          session.report(
            .aboveCap, "more than \(Self.maxBackends) backends over all balancers", at: ref.range,
            help: "see the limits in docs/language.md")
          return false
        }
        return true
      }
      /// A server that joins at run time is added to a balancer by its own event.
      func existsAtStart(_ ref: NameRef, _ session: inout CheckSession) -> Bool {
        guard let added = session.addedServers[ref.name] else { return true }
        session.report(
          .inconsistent, "`\(ref.name)` only joins at run time (at \(added.start))", at: ref.range,
          help: "name the balancer in its event: `add server \(ref.name) … to \(decl.name)`")
        return false
      }
      var listed = Set<String>()
      func listedOnce(_ server: String, _ ref: NameRef, _ session: inout CheckSession) -> Bool {
        guard listed.insert(server).inserted else {
          session.report(
            .repeatedAttribute, "`\(server)` is listed twice behind `\(decl.name)`", at: ref.range,
            help: "list each backend once; use `weight` to send it more")
          return false
        }
        return true
      }
      if let list = decl.to {
        for ref in list
        where resolve(ref, kinds: [.server, .pool], role: "balance to") != nil
          && existsAtStart(ref, &self)
        {
          let servers = Self.expand(ref.name, pools: members)
          guard fits(servers.count, ref, &self) else { break }
          for server in servers where listedOnce(server, ref, &self) {
            backends.append(Backend(server: server, weight: weights[server] ?? Defaults.weight))
          }
        }
      }
      if let block = decl.block {
        for entry in block
        where resolve(entry.ref, kinds: [.server, .pool], role: "balance to") != nil
          && existsAtStart(entry.ref, &self)
        {
          let servers = Self.expand(entry.ref.name, pools: members)
          guard fits(servers.count, entry.ref, &self) else { break }
          for server in servers where listedOnce(server, entry.ref, &self) {
            backends.append(
              Backend(server: server, weight: entry.weight ?? weights[server] ?? Defaults.weight))
          }
        }
      }
      result.append(
        BalancerSpec(
          name: decl.name, strategy: decl.strategy, backends: backends,
          healthCheck: checks[decl.name], failover: decl.failover))
    }
    return result
  }

  /// The balancer a statement means: the one named, or the only one.
  mutating func balancerName(for target: NameRef?, at range: SourceRange, role: String) -> String? {
    if let target {
      return resolve(target, kinds: [.balancer], role: role).map { _ in target.name }
    }
    switch balancers.count {
    case 1: return balancers[0].name
    case 0:
      report(
        .ambiguousTarget, "there is no balancer to `\(role)`", at: range,
        help: "add a balancer, e.g. `balancer lb round-robin`")
    default:
      report(
        .ambiguousTarget, "which balancer should `\(role)` apply to?", at: range,
        help: "name it: " + balancers.map { "`\(role) \($0.name)`" }.joined(separator: " or "))
    }
    return nil
  }

  // MARK: Autoscalers

  mutating func resolveAutoscalers() -> [AutoscalerSpec] {
    var result: [AutoscalerSpec] = []
    var scaledAt: [String: SourceRange] = [:]
    let numbered = autoscalers.isEmpty ? [:] : numberedServers()
    for decl in autoscalers {
      var group: String?
      if let named = decl.group {
        if names[named.name] == nil { formImplicitPool(named, numbered: numbered) }
        guard resolve(named, kinds: [.pool, .balancer, .server], role: "autoscale") != nil
        else { continue }
        group = named.name
      } else if balancers.count == 1 {
        group = balancers[0].name
      } else if balancers.count > 1 {
        report(
          .ambiguousTarget, "which balancer's servers should `autoscale` grow?",
          at: decl.keywordRange,
          help: "name it: " + balancers.map { "`autoscale \($0.name) …`" }.joined(separator: " or ")
        )
        continue
      } else if pools.count == 1 {
        group = pools[0].name
      } else if pools.count > 1 {
        report(
          .ambiguousTarget, "which pool should `autoscale` grow?", at: decl.keywordRange,
          help: "name it: " + pools.map { "`autoscale \($0.name) …`" }.joined(separator: " or "))
        continue
      } else if servers.count == 1 {
        group = servers[0].spec.name
      } else {
        report(
          .nothingToScale, "`autoscale` has no pool, balancer or single server to grow",
          at: decl.keywordRange,
          help:
            "add a balancer in front of the servers (`balancer lb`) or a pool (`server web count 2`)"
        )
        continue
      }
      guard let group else { continue }
      if let first = scaledAt[group] {
        reportRepeated(
          "an `autoscale` for `\(group)`", at: decl.group?.range ?? decl.keywordRange, first: first)
        continue
      }
      scaledAt[group] = decl.group?.range ?? decl.keywordRange
      var spec = decl.spec
      spec.group = group
      result.append(spec)
    }
    return result
  }

  /// `autoscale web` over servers declared one by one as `web-1`, `web-2`, …: they form the
  /// pool `web` (as if declared with `server web count N`), as the product brief writes it.
  mutating func formImplicitPool(_ ref: NameRef, numbered: [String: [Int]]) {
    guard let indices = numbered[ref.name], !indices.isEmpty,
      declare(ref.name, kind: .pool, at: ref.range)
    else { return }
    for i in indices { servers[i].spec.pool = ref.name }
    pools.append(
      PoolDecl(name: ref.name, range: ref.range, members: indices.map { servers[$0].spec.name }))
  }

  /// Servers outside any pool named `PREFIX-DIGITS`, by prefix (indices into `servers`).
  func numberedServers() -> [String: [Int]] {
    var result: [String: [Int]] = [:]
    for (i, server) in servers.enumerated() where server.spec.pool == nil {
      let name = server.spec.name
      guard let dash = name.lastIndex(of: "-") else { continue }
      let suffix = name[name.index(after: dash)...]
      guard !suffix.isEmpty, suffix.allSatisfy({ $0.isASCII && $0.isNumber }) else { continue }
      result[String(name[..<dash]), default: []].append(i)
    }
    return result
  }

  // MARK: Expectations

  mutating func checkExpectation(_ decl: ExpectDecl) {
    if let route = decl.route {
      checkRouteExpectation(decl, route: route)
      return
    }
    guard let component = decl.component else {
      // System-wide cache and database figures need a cache or a database to exist.
      let metric = decl.expectation.metric
      let missing =
        metric == .hitRate && caches.isEmpty
        ? "cache" : metric == .staleReads && databases.isEmpty ? "database" : nil
      if let missing {
        report(
          .metricNotApplicable, "there is no \(missing) to measure `\(metric.name)` on",
          at: decl.metricRange, help: "declare a \(missing), or remove this expectation")
      }
      return
    }
    let all: [NameKind] = [
      .server, .pool, .balancer, .cache, .database, .shard, .replica, .cacheNode, .queue,
      .breaker, .rateLimit,
    ]
    guard let entry = resolve(component, kinds: all, role: "expect") else { return }
    if let kinds = Self.kinds(for: decl.expectation.metric), !kinds.contains(entry.kind) {
      // A pool: say what it is measured by (its members together, the time in it).
      let poolMetrics = Metric.named.filter(\.appliesToPools).map(\.name)
      report(
        .metricNotApplicable,
        "`\(decl.expectation.metric.name)` does not apply to \(entry.kind.withArticle)",
        at: decl.metricRange,
        help: entry.kind == .pool
          ? "a pool is measured by " + WordReader.list(poolMetrics.map { "`\($0)`" })
          : "`\(decl.expectation.metric.name)` is measured on "
            + WordReader.list(kinds.map { "\($0.rawValue)s" }))
    }
  }

  /// `expect route NAME METRIC …`: a declared route, and a metric of its requests.
  mutating func checkRouteExpectation(_ decl: ExpectDecl, route: NameRef) {
    let metric = decl.expectation.metric
    if routeNames[route.name] == nil {
      suggestionsLeft -= 1
      let known = suggestionsLeft < 0 ? [] : routeNames.keys.sorted()
      let suggestion = Suggestions.closest(to: route.name, among: known)
      report(
        .unknownReference, "unknown route `\(route.name)`", at: route.range,
        help: suggestion.map { "did you mean `\($0)`?" }
          ?? (routeNames.isEmpty
            ? "there is no route yet; declare one with `route NAME: …`"
            : known.isEmpty
              ? "declare it first"
              : "routes: " + known.prefix(8).map { "`\($0)`" }.joined(separator: ", ")),
        fixIt: suggestion.map { FixIt(range: route.range, replacement: $0) })
    }
    if !metric.appliesToRoutes {
      report(
        .metricNotApplicable, "`\(metric.name)` does not apply to a route", at: decl.metricRange,
        help: "a route is measured by "
          + WordReader.list(StatementSchema.routeMetrics.map { "`\($0)`" }))
    }
  }

  // MARK: Run length

  mutating func resolveDuration() -> Double {
    var length = Defaults.duration
    if let duration {
      length = duration.value
      if let traffic, let forDuration = traffic.forDuration, forDuration != duration.value,
        let range = traffic.forRange
      {
        report(
          .forOverridden, "`duration` overrides this `for`", at: range,
          help: "the run lasts \(Format.duration(duration.value, .script)); remove one of them")
      }
    } else if let forDuration = traffic?.forDuration {
      length = forDuration
    } else if let traffic {
      report(
        .defaultDuration,
        "no run length given; the run lasts \(Format.duration(Defaults.duration, .script))",
        at: traffic.keywordRange, help: "add `for 10min` to `traffic` or a `duration` statement")
    }
    if let warmup, warmup.value >= length {
      report(
        .inconsistent,
        "`warmup` (\(Format.duration(warmup.value, .script))) leaves nothing of a \(Format.duration(length, .script)) run to measure",
        at: warmup.range, help: "make `warmup` shorter than the run")
    }
    if let traffic {
      let peak = traffic.spec.cycle?.high ?? traffic.spec.rate
      if peak * length > Defaults.maxRequests {
        report(
          .aboveCap,
          "the run would simulate more than 10 billion requests",
          at: traffic.keywordRange, help: "lower the rate or shorten the run")
      }
    }
    return length
  }
}
