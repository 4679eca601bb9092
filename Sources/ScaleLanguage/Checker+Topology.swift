import ScaleDiagnostics
import ScaleModel

/// Reading the topology statements: servers, balancers, health checks, caches, databases,
/// shards, autoscalers, queues, breakers, retries and rate limits.
extension CheckSession {
  mutating func read(_ statement: Statement) {
    guard let keyword = StatementKeyword(rawValue: statement.keyword) else {
      let keywords = StatementSchema.statementKeywords
      let fix = Suggestions.closest(to: statement.keyword, among: keywords).map {
        FixIt(range: statement.keywordRange, replacement: $0)
      }
      report(
        .unknownStatement, "unknown statement `\(statement.keyword)`",
        at: statement.keywordRange,
        help: Suggestions.didYouMean(statement.keyword, among: keywords)
          ?? "a statement starts with " + WordReader.list(keywords.map { "`\($0)`" }),
        fixIt: fix)
      return
    }
    let spec = StatementSchema.spec(keyword)
    if statement.block != nil, keyword != .balancer {
      report(
        .blockNotAllowed, "`\(statement.keyword)` takes no `{ … }` block",
        at: statement.range, help: "only `balancer` has a block (its backends)")
    }
    var reader = WordReader(statement: statement)
    // Every keyword has its reader: a keyword added without one does not compile.
    switch keyword {
    case .seed: readSeed(statement, &reader)
    case .duration, .warmup: readRunLength(statement, &reader)
    case .server: readServer(statement, spec, &reader)
    case .balancer: readBalancer(statement, spec, &reader)
    case .healthCheck: readHealthCheck(statement, spec, &reader)
    case .cache: readCache(statement, spec, &reader)
    case .database: readDatabase(statement, spec, &reader)
    case .shard: readShard(statement, spec, &reader)
    case .autoscale: readAutoscale(statement, spec, &reader)
    case .queue: readQueue(statement, spec, &reader)
    case .circuitBreaker: readBreaker(statement, spec, &reader)
    case .retry: readRetry(statement, spec, &reader)
    case .rateLimit: readRateLimit(statement, spec, &reader)
    case .traffic: readTraffic(statement, spec, &reader)
    case .route: readRoute(statement, spec, &reader)
    case .network: readNetwork(statement, spec, &reader)
    case .link: readLink(statement, spec, &reader)
    case .at: readEvent(statement, &reader)
    case .expect: readExpect(statement, &reader)
    }
    absorb(reader)
  }

  /// The optional leading name of a statement: an identifier that is not one of the
  /// statement's words. One that looks like an attribute and is followed by a value
  /// (`cache tll 60`) is a misspelt attribute, not a cache named `tll`.
  static func optionalName(
    _ reader: inout WordReader, spec: StatementSpec, followedByValue: Bool = false
  ) -> NameRef? {
    guard let word = reader.peek, let name = word.identifier else { return nil }
    if spec.attributeNames.contains(name) || spec.positionalWords.contains(name) { return nil }
    if !followedByValue, let next = reader.peek(at: 1), next.identifier == nil,
      Suggestions.closest(to: name, among: spec.attributeNames) != nil
    {
      return nil
    }
    reader.advance()
    return NameRef(name: name, range: word.range)
  }

  // MARK: Servers

  mutating func readServer(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    var nameRef: NameRef?
    if let word = reader.peek, let name = word.identifier, spec.attribute(name) == nil {
      reader.advance()
      nameRef = NameRef(name: name, range: word.range)
    } else {
      reader.report(
        .missingRequired, "`server` needs a name",
        at: reader.peek?.range ?? statement.keywordRange, help: "for example `server web-1 cpu 4`")
    }
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    guard let nameRef else { return }
    guard let server = makeServer(name: nameRef.name, attributes, reader: &reader) else { return }
    let total = servers.count + (attributes.count("count") ?? 1)
    if total > StatementSchema.maxServers {
      report(
        .aboveCap, "more than \(StatementSchema.maxServers) servers in all", at: nameRef.range,
        help: "see the limits in docs/language.md")
      return
    }
    if let count = attributes.count("count") {
      guard declare(nameRef.name, kind: .pool, at: nameRef.range) else { return }
      var members: [String] = []
      for i in 1...count {
        var member = server
        member.name = "\(nameRef.name)-\(i)"
        member.pool = nameRef.name
        guard declare(member.name, kind: .server, at: nameRef.range) else { continue }
        members.append(member.name)
        servers.append(
          ServerDecl(spec: member, nameRange: nameRef.range, weightGiven: attributes.has("weight")))
      }
      pools.append(PoolDecl(name: nameRef.name, range: nameRef.range, members: members))
    } else if declare(nameRef.name, kind: .server, at: nameRef.range) {
      servers.append(
        ServerDecl(spec: server, nameRange: nameRef.range, weightGiven: attributes.has("weight")))
    }
  }

  /// A server spec from its attributes (shared with `at … add server`).
  func makeServer(name: String, _ attributes: Attributes, reader: inout WordReader) -> ServerSpec? {
    var service = attributes.distribution("service")
    if let rps = attributes.real("rps") {
      if let serviceRange = attributes.range("service"), let rpsRange = attributes.range("rps") {
        reader.report(
          .inconsistent, "`rps` and `service` both set the service time",
          at: rpsRange.start < serviceRange.start ? serviceRange : rpsRange,
          help: "keep one: `rps N` means a mean service time of 1/N s per core")
      }
      service = .exponential(mean: 1 / rps)
    }
    var server = ServerSpec(
      name: name, cores: attributes.count("cpu") ?? Defaults.cores,
      ramGB: attributes.gigabytes("ram") ?? Defaults.ramGB,
      storageGB: attributes.gigabytes("storage") ?? Defaults.storageGB,
      service: service ?? .exponential(mean: 1 / Defaults.requestsPerSecondPerCore),
      maxConnections: attributes.count("max-connections"),
      weight: attributes.count("weight") ?? Defaults.weight,
      contention: attributes.contention("contention"))
    server.zone = attributes.reference("zone")?.name
    return server
  }

  // MARK: Balancers and health checks

  mutating func readBalancer(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    let nameRef = Self.optionalName(&reader, spec: spec, followedByValue: true)
    var strategy = BalancingStrategy.roundRobin
    var strategyGiven = false
    if let word = reader.peek, let name = word.identifier,
      let chosen = BalancingStrategy(rawValue: name)
    {
      reader.advance()
      strategy = chosen
      strategyGiven = true
    }
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    // A typo of a strategy (`wieghted`), not a name that merely contains one (`random-lb`).
    if let nameRef, !strategyGiven,
      let close = StatementSchema.strategies.first(where: {
        Suggestions.distance(nameRef.name.lowercased(), $0)
          <= max(1, min(2, $0.count / 4))
      })
    {
      report(
        .nameLooksLikeKeyword,
        "balancer named `\(nameRef.name)` looks like the strategy `\(close)`",
        at: nameRef.range, help: "write `balancer \(close)` for an unnamed `\(close)` balancer",
        fixIt: FixIt(range: nameRef.range, replacement: close))
    }
    var block: [BackendEntry]?
    if let entries = statement.block {
      block = entries.compactMap { readBackendEntry($0) }
    }
    let name = nameRef?.name ?? "lb"
    let range = nameRef?.range ?? statement.keywordRange
    guard declare(name, kind: .balancer, at: range) else { return }
    if attributes.has("to"), let blockStart = statement.block?.first?.keywordRange {
      report(
        .inconsistent, "a balancer takes `to` or a `{ … }` block, not both", at: blockStart,
        help: "list the backends in one place")
    }
    balancers.append(
      BalancerDecl(
        name: name, nameRange: range, strategy: strategy, to: attributes.names("to"),
        block: block, failover: !attributes.flag("no-failover")))
  }

  /// `web-1 weight 3` inside a balancer's block.
  mutating func readBackendEntry(_ entry: Statement) -> BackendEntry? {
    var reader = WordReader(statement: entry)
    var attributes = Attributes()
    reader.readAttributes(StatementSchema.backendAttributes, into: &attributes)
    if entry.block != nil {
      reader.report(
        .blockNotAllowed, "a backend takes no `{ … }` block", at: entry.range,
        help: "write `\(entry.keyword) weight 3`")
    }
    absorb(reader)
    return BackendEntry(
      ref: NameRef(name: entry.keyword, range: entry.keywordRange),
      weight: attributes.count("weight"), weightRange: attributes.range("weight"))
  }

  mutating func readHealthCheck(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    let target = Self.optionalName(&reader, spec: spec)
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    let check = HealthCheckSpec(
      interval: attributes.seconds("every") ?? Defaults.healthInterval,
      timeout: attributes.seconds("timeout") ?? Defaults.healthTimeout,
      fall: attributes.count("fall") ?? Defaults.healthFall,
      rise: attributes.count("rise") ?? Defaults.healthRise)
    if check.timeout > check.interval, let range = attributes.range("timeout") {
      reader.report(
        .inconsistent, "the health check's `timeout` is longer than its interval", at: range,
        help: "a check must finish before the next one starts; use a timeout below `every`")
    }
    healthChecks.append(
      HealthDecl(target: target, spec: check, keywordRange: statement.keywordRange))
  }

  // MARK: Caches, databases, shards

  mutating func readCache(_ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader)
  {
    let nameRef = Self.optionalName(&reader, spec: spec)
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    let name = nameRef?.name ?? "cache"
    let range = nameRef?.range ?? statement.keywordRange
    guard declare(name, kind: .cache, at: range) else { return }
    var cache = CacheSpec(
      name: name, ttl: attributes.seconds("ttl") ?? Defaults.cacheTTL,
      nodes: attributes.count("nodes") ?? 1, capacity: attributes.count("capacity"),
      hashing: attributes.choice("hashing").flatMap(KeyHashing.init(rawValue:)) ?? .modulo,
      eviction: attributes.choice("eviction").flatMap(Eviction.init(rawValue:)) ?? .lru,
      hitLatency: attributes.distribution("hit") ?? .constant(Defaults.cacheHitLatency),
      virtualNodes: attributes.count("vnodes") ?? Defaults.virtualNodes)
    cache.zone = attributes.reference("zone")?.name
    cache.warm = attributes.flag("warm")
    caches.append(CacheDecl(spec: cache, nameRange: range, ttlRange: attributes.range("ttl")))
  }

  mutating func readDatabase(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    let nameRef = Self.optionalName(&reader, spec: spec)
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    let name = nameRef?.name ?? "db"
    let range = nameRef?.range ?? statement.keywordRange
    let reads = attributes.choice("reads").flatMap(ReadConsistency.init(rawValue:)) ?? .strong
    let replicas = attributes.count("replicas") ?? 0
    if reads == .eventual, replicas == 0, let readsRange = attributes.range("reads") {
      reader.report(
        .inconsistent, "`reads eventual` needs replicas to read from", at: readsRange,
        help: "add `replicas N` (eventual reads go to a replica)")
    }
    guard declare(name, kind: .database, at: range) else { return }
    var database = DatabaseSpec(
      name: name, cores: attributes.count("cpu") ?? Defaults.databaseCores,
      service: attributes.distribution("service")
        ?? .exponential(mean: Defaults.databaseServiceTime),
      maxConnections: attributes.count("max-connections"), replicas: replicas,
      lag: attributes.distribution("lag") ?? .exponential(mean: Defaults.replicationLag),
      reads: reads)
    database.zone = attributes.reference("zone")?.name
    databases.append(
      DatabaseDecl(spec: database, nameRange: range, readsRange: attributes.range("reads")))
  }

  mutating func readShard(_ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader)
  {
    let target = Self.optionalName(&reader, spec: spec, followedByValue: true)
    guard case .number? = reader.peek?.kind else {
      reader.report(
        .missingRequired, "`shard` needs a number of shards",
        at: reader.peek?.range ?? reader.endRange, help: "for example `shard 4`")
      var ignored = Attributes()
      reader.readAttributes(spec.attributes, into: &ignored)
      return
    }
    let count = reader.readCount(
      name: "shard", min: 1, max: StatementSchema.maxShards, example: "shard 4")
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    guard let count else { return }
    shards.append(
      ShardDecl(
        target: target, count: count,
        hashing: attributes.choice("hashing").flatMap(KeyHashing.init(rawValue:)),
        scatter: attributes.fraction("scatter"), keywordRange: statement.keywordRange))
  }

  // MARK: Autoscaling

  mutating func readAutoscale(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    let group = Self.optionalName(&reader, spec: spec, followedByValue: true)
    var thresholds: (Double, Double)?
    var thresholdRange: SourceRange?
    if let word = reader.peek, case .range(let low, let high) = word.kind {
      reader.advance()
      thresholdRange = word.range
      thresholds = Self.percentRange(low, high, word: word, reader: &reader)
    }
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    var mode = AutoscaleMode.threshold(low: Defaults.autoscaleLow, high: Defaults.autoscaleHigh)
    if let (low, high) = thresholds { mode = .threshold(low: low, high: high) }
    if let target = attributes.fraction("target") {
      if let thresholdRange {
        reader.report(
          .inconsistent, "an autoscaler takes thresholds `LOW..HIGH` or `target N%`, not both",
          at: thresholdRange, help: "remove one of them")
      }
      if target <= 0, let range = attributes.range("target") {
        reader.report(.outOfRange, "`target` must be more than 0%", at: range)
      }
      mode = .target(utilisation: target)
    }
    let minimum = attributes.count("min") ?? Defaults.autoscaleMin
    let maximum = attributes.count("max") ?? Defaults.autoscaleMax
    if minimum > maximum {
      let range = attributes.range("min") ?? attributes.range("max") ?? statement.keywordRange
      reader.report(
        .inconsistent, "`min \(minimum)` is more than `max \(maximum)`", at: range,
        help: attributes.has("max")
          ? "make `min` at most `max`"
          : "the default `max` is \(Defaults.autoscaleMax); add `max \(minimum)` or more")
    }
    autoscalers.append(
      AutoscaleDecl(
        group: group,
        spec: AutoscalerSpec(
          group: group?.name ?? "", mode: mode, minimum: minimum, maximum: maximum,
          interval: attributes.seconds("every") ?? Defaults.autoscaleInterval,
          cooldown: attributes.seconds("cooldown") ?? 0,
          warmup: attributes.seconds("warmup") ?? 0),
        keywordRange: statement.keywordRange))
  }

  /// `30..70` or `30%..70%` as fractions, low ≤ high, each at most 100.
  static func percentRange(
    _ low: NumberLiteral, _ high: NumberLiteral, word: Word, reader: inout WordReader
  ) -> (Double, Double)? {
    for side in [low, high] where side.unit != nil && side.unit != .percent {
      reader.report(
        .wrongKind, "thresholds are percentages, not \(Quantity.describe(side.unit))",
        at: word.range, help: "for example `autoscale 30..70` or `autoscale 30%..70%`")
      return nil
    }
    for side in [low, high] where side.value > 100 {
      reader.report(
        .outOfRange, "a percentage is at most 100%, not `\(side.text)`", at: word.range)
      return nil
    }
    guard low.value <= high.value else {
      reader.report(
        .invertedRange, "range `\(WordReader.text(word))` runs backwards", at: word.range,
        help: "write `\(high.text)..\(low.text)` (low first)",
        fixIt: FixIt(range: word.range, replacement: "\(high.text)..\(low.text)"))
      return nil
    }
    return (low.value / 100, high.value / 100)
  }

  // MARK: Resilience

  mutating func readQueue(_ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader)
  {
    let nameRef = Self.optionalName(&reader, spec: spec)
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    let name = nameRef?.name ?? "queue"
    let range = nameRef?.range ?? statement.keywordRange
    guard declare(name, kind: .queue, at: range) else { return }
    queues.append(
      QueueSpec(
        name: name, workers: attributes.count("workers") ?? 1,
        service: attributes.distribution("service")
          ?? .exponential(mean: Defaults.queueServiceTime),
        maxDepth: attributes.count("max-depth"),
        overflow: attributes.choice("when-full").flatMap(QueueOverflow.init(rawValue:))
          ?? .reject))
    queueRanges.append(range)
  }

  mutating func readBreaker(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    let nameRef = Self.optionalName(&reader, spec: spec)
    var attributes = Attributes()
    let reported = reader.diagnostics.count
    reader.readAttributes(spec.attributes, into: &attributes)
    guard let target = attributes.reference("on") else {
      if reader.diagnostics.count == reported {
        reader.report(
          .missingRequired, "`circuit-breaker` needs the component it protects",
          at: statement.keywordRange, help: "add `on NAME`, e.g. `circuit-breaker on orders`")
      }
      return
    }
    let name = nameRef?.name ?? "\(target.name)-breaker"
    let range = nameRef?.range ?? statement.keywordRange
    guard declare(name, kind: .breaker, at: range) else { return }
    breakers.append(
      BreakerDecl(
        spec: CircuitBreakerSpec(
          name: name, target: target.name,
          failureRateThreshold: attributes.fraction("failure-rate")
            ?? Defaults.breakerFailureRate,
          slowCallRateThreshold: attributes.fraction("slow-call-rate")
            ?? Defaults.breakerSlowCallRate,
          slowCallDuration: attributes.seconds("slow-call") ?? Defaults.breakerSlowCallDuration,
          window: attributes.count("window") ?? Defaults.breakerWindow,
          minimumCalls: attributes.count("min-calls") ?? Defaults.breakerMinimumCalls,
          waitInOpen: attributes.seconds("wait") ?? Defaults.breakerWaitInOpen,
          halfOpenCalls: attributes.count("half-open") ?? Defaults.breakerHalfOpenCalls),
        target: target))
  }

  mutating func readRetry(_ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader)
  {
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    var base = Defaults.retryBase
    var cap = Defaults.retryCap
    if let (low, high) = attributes.secondsRange("backoff") {
      base = low
      cap = high ?? max(low, Defaults.retryCap)
    }
    let retrySpec = RetrySpec(
      attempts: attributes.count("attempts") ?? Defaults.retryAttempts, base: base, cap: cap,
      jitter: attributes.choice("jitter").flatMap(Jitter.init(rawValue:)) ?? .full,
      budget: attributes.fraction("budget"))
    if let first = retry {
      reportRepeated("`retry`", at: statement.keywordRange, first: first.range)
      return
    }
    retry = (retrySpec, statement.keywordRange)
  }

  mutating func readRateLimit(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    let nameRef = Self.optionalName(&reader, spec: spec, followedByValue: true)
    guard case .number? = reader.peek?.kind else {
      reader.report(
        .missingRequired, "`rate-limit` needs a rate", at: reader.peek?.range ?? reader.endRange,
        help: "for example `rate-limit edge 5000 rps burst 500`")
      return
    }
    let rate = reader.readRate(name: "rate-limit", example: "rate-limit 5000 rps")
    var attributes = Attributes()
    reader.readAttributes(spec.attributes, into: &attributes)
    guard let rate else { return }
    if rate <= 0 {
      reader.report(
        .outOfRange, "a rate limit must be more than 0 rps", at: statement.keywordRange)
      return
    }
    let name = nameRef?.name ?? "rate-limit"
    guard declare(name, kind: .rateLimit, at: nameRef?.range ?? statement.keywordRange) else {
      return
    }
    rateLimits.append(RateLimitSpec(name: name, rate: rate, burst: attributes.count("burst")))
  }
}
