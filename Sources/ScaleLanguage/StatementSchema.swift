import ScaleModel

/// What an attribute's value must be. The checker reads and validates values by kind, so a
/// statement's whole grammar after its positional words is the list of its attributes.
enum ValueKind: Sendable, Equatable {
  /// A whole number without a unit, within the bounds (the upper one is a documented cap).
  case count(min: Int, max: Int)
  /// A plain number without a unit; `min` is exclusive when `minExclusive`.
  case real(min: Double, max: Double, minExclusive: Bool)
  /// A time (bare number = seconds); zero allowed only when `allowsZero`.
  case duration(allowsZero: Bool)
  /// `N%`, 0…100, lowered to a fraction.
  case percentage
  /// `16GB`, `512MB`, `2TB`, lowered to GB.
  case size
  /// `exp 2ms`, `const 2ms`, `uniform 1ms..3ms`, `normal 2ms sd 1ms`, `lognormal …`, `2ms`.
  case distribution
  /// `25ms..250ms` or one duration (the low end).
  case durationRange
  /// One of the words.
  case choice([String])
  /// The name of a component.
  case reference
  /// A label that names no component (`zone a`): an identifier.
  case label
  /// `a, b, c`.
  case names
  /// No value: the word alone.
  case flag
  /// `σ [κ]`.
  case contention
  /// `zipf S over N` or `uniform over N`.
  case keys
}

/// One `key value` attribute of a statement.
struct AttributeSpec: Sendable {
  var name: String
  var kind: ValueKind
  /// A complete example for `help:` (`cpu 4`).
  var example: String
}

/// The words a statement accepts.
struct StatementSpec: Sendable {
  var keyword: StatementKeyword
  /// How to write it, for `help:` on a missing part.
  var usage: String
  /// Enumerated words accepted in positional place (balancer strategies).
  var positionalWords: [String]
  var attributes: [AttributeSpec]
  func attribute(_ name: String) -> AttributeSpec? { attributes.first { $0.name == name } }
  var attributeNames: [String] { attributes.map(\.name) }
}

/// The language's statements, their attributes and the types of their values: the single
/// source the checker, completion and the grammar-agreement test read.
public enum StatementSchema {
  // Caps (documented in docs/language.md, "Limits").
  static let maxCores = 1024
  static let maxServers = 100_000
  static let maxConnections = 10_000_000
  static let maxWeight = 1000
  static let maxCacheNodes = 10_000
  static let maxShards = 10_000
  static let maxReplicas = 100
  static let maxKeys = 10_000_000
  static let maxCapacity = 1_000_000_000
  static let maxVirtualNodes = 10_000
  static let maxThresholdCount = 1_000_000
  static let maxAttempts = 100
  static let maxHealthCount = 100

  static let distributionWords = ["exp", "const", "uniform", "normal", "lognormal"]
  static let strategies = BalancingStrategy.allCases.map(\.rawValue)
  static let hashings = KeyHashing.allCases.map(\.rawValue)
  static let evictions = Eviction.allCases.map(\.rawValue)
  static let consistencies = ReadConsistency.allCases.map(\.rawValue)
  static let overflows = QueueOverflow.allCases.map(\.rawValue)
  static let jitters = Jitter.allCases.map(\.rawValue)
  static let arrivals = Arrivals.allCases.map(\.rawValue)
  static let requestKinds = RequestKind.allCases.map(\.rawValue)
  /// Metrics an `expect route NAME …` may ask of a route's requests.
  static let routeMetrics = metrics.filter {
    Metric(named: $0)?.appliesToRoutes ?? false
  }
  /// The words of `at TIME ACTION` (`EventActionKeyword`).
  static let eventActions = EventActionKeyword.allCases.map(\.rawValue)
  /// The metric words of `expect` (`Metric.named`), without aliases.
  static let metrics = Metric.named.map(\.name)
  /// Statements whose first word after the keyword names an existing component
  /// (`health-check lb`, `shard orders`, `autoscale web`).
  static let referencingKeywords = Set(
    StatementKeyword.allCases.filter { $0.firstWord == .reference }.map(\.rawValue))
  /// Statements whose first word after the keyword is the new component's name (`server web-1`).
  static let namingKeywords = Set(
    StatementKeyword.allCases.filter { $0.firstWord == .newName }.map(\.rawValue))
  /// Statements that declare a component, and the name it gets when the script gives none
  /// (nil: the name is derived, as `TARGET-breaker`, or required).
  public static let declaringKeywords: [String: String?] = Dictionary(
    uniqueKeysWithValues: StatementKeyword.allCases.filter(\.declaresComponent).map {
      ($0.rawValue, $0.defaultName)
    })
  /// Words used inside statements that are neither keywords nor attributes.
  static let connectives = [
    "rps", "to", "over", "for", "with", "confidence", "sd", "server", "zipf", "uniform",
    "target", "daily", "period",
  ]

  static func count(_ min: Int, _ max: Int) -> ValueKind { .count(min: min, max: max) }

  static let serverAttributes: [AttributeSpec] = [
    AttributeSpec(name: "cpu", kind: count(1, maxCores), example: "cpu 4"),
    AttributeSpec(name: "ram", kind: .size, example: "ram 16GB"),
    AttributeSpec(name: "storage", kind: .size, example: "storage 500GB"),
    AttributeSpec(name: "count", kind: count(1, maxServers), example: "count 3"),
    AttributeSpec(
      name: "rps", kind: .real(min: 0, max: Defaults.maxRate, minExclusive: true),
      example: "rps 1000"),
    AttributeSpec(name: "service", kind: .distribution, example: "service 2ms"),
    AttributeSpec(name: "contention", kind: .contention, example: "contention 0.05 0.001"),
    AttributeSpec(
      name: "max-connections", kind: count(1, maxConnections), example: "max-connections 200"),
    AttributeSpec(name: "weight", kind: count(1, maxWeight), example: "weight 3"),
    zoneAttribute,
  ]

  /// `at … add server NAME …`: a server's attributes but `count`, the pool it joins (by
  /// default the one every server of its balancer belongs to, `PoolJoining`) and its balancer.
  static let addServerAttributes: [AttributeSpec] =
    serverAttributes.filter { $0.name != "count" } + [
      AttributeSpec(name: "pool", kind: .reference, example: "pool web"),
      AttributeSpec(name: "to", kind: .reference, example: "to lb"),
    ]

  /// `zone a` on servers, caches and databases.
  static let zoneAttribute = AttributeSpec(name: "zone", kind: .label, example: "zone a")

  /// Every statement, in `StatementKeyword` order.
  static let specs: [StatementSpec] = StatementKeyword.allCases.map(makeSpec)

  /// The statement's schema: a switch over every keyword, so a keyword without one does not
  /// compile.
  static func makeSpec(_ keyword: StatementKeyword) -> StatementSpec {
    switch keyword {
    case .seed:
      return StatementSpec(
        keyword: .seed, usage: "seed 42", positionalWords: [], attributes: [])
    case .duration:
      return StatementSpec(
        keyword: .duration, usage: "duration 10min", positionalWords: [], attributes: [])
    case .warmup:
      return StatementSpec(
        keyword: .warmup, usage: "warmup 30s", positionalWords: [], attributes: [])
    case .server:
      return StatementSpec(
        keyword: .server, usage: "server web-1 cpu 4", positionalWords: [],
        attributes: serverAttributes)
    case .balancer:
      return StatementSpec(
        keyword: .balancer, usage: "balancer lb weighted to web-1, web-2",
        positionalWords: strategies,
        attributes: [
          AttributeSpec(name: "to", kind: .names, example: "to web-1, web-2"),
          AttributeSpec(name: "no-failover", kind: .flag, example: "no-failover"),
        ])
    case .healthCheck:
      return StatementSpec(
        keyword: .healthCheck, usage: "health-check lb every 5s timeout 1s fall 3 rise 2",
        positionalWords: [],
        attributes: [
          AttributeSpec(name: "every", kind: .duration(allowsZero: false), example: "every 5s"),
          AttributeSpec(name: "timeout", kind: .duration(allowsZero: false), example: "timeout 1s"),
          AttributeSpec(name: "fall", kind: count(1, maxHealthCount), example: "fall 3"),
          AttributeSpec(name: "rise", kind: count(1, maxHealthCount), example: "rise 2"),
        ])
    case .cache:
      return StatementSpec(
        keyword: .cache, usage: "cache sessions ttl 60s nodes 3", positionalWords: [],
        attributes: [
          AttributeSpec(name: "ttl", kind: .duration(allowsZero: false), example: "ttl 60s"),
          AttributeSpec(name: "nodes", kind: count(1, maxCacheNodes), example: "nodes 3"),
          AttributeSpec(name: "capacity", kind: count(1, maxCapacity), example: "capacity 100k"),
          AttributeSpec(name: "hashing", kind: .choice(hashings), example: "hashing consistent"),
          AttributeSpec(name: "eviction", kind: .choice(evictions), example: "eviction lru"),
          AttributeSpec(name: "hit", kind: .distribution, example: "hit 0.5ms"),
          AttributeSpec(name: "vnodes", kind: count(1, maxVirtualNodes), example: "vnodes 160"),
          zoneAttribute,
          AttributeSpec(name: "warm", kind: .flag, example: "warm"),
        ])
    case .database:
      return StatementSpec(
        keyword: .database, usage: "database orders replicas 2 lag 50ms reads eventual",
        positionalWords: [],
        attributes: [
          AttributeSpec(name: "replicas", kind: count(0, maxReplicas), example: "replicas 2"),
          AttributeSpec(name: "lag", kind: .distribution, example: "lag 50ms"),
          AttributeSpec(name: "reads", kind: .choice(consistencies), example: "reads eventual"),
          AttributeSpec(name: "cpu", kind: count(1, maxCores), example: "cpu 8"),
          AttributeSpec(name: "service", kind: .distribution, example: "service 2ms"),
          AttributeSpec(
            name: "max-connections", kind: count(1, maxConnections),
            example: "max-connections 400"),
          zoneAttribute,
        ])
    case .shard:
      return StatementSpec(
        keyword: .shard, usage: "shard orders 4 hashing jump", positionalWords: [],
        attributes: [
          AttributeSpec(name: "hashing", kind: .choice(hashings), example: "hashing jump"),
          AttributeSpec(name: "scatter", kind: .percentage, example: "scatter 5%"),
        ])
    case .autoscale:
      return StatementSpec(
        keyword: .autoscale, usage: "autoscale web 30..70 min 2 max 10", positionalWords: [],
        attributes: [
          AttributeSpec(name: "target", kind: .percentage, example: "target 60%"),
          AttributeSpec(name: "min", kind: count(1, maxServers), example: "min 2"),
          AttributeSpec(name: "max", kind: count(1, maxServers), example: "max 10"),
          AttributeSpec(name: "every", kind: .duration(allowsZero: false), example: "every 30s"),
          AttributeSpec(
            name: "cooldown", kind: .duration(allowsZero: true), example: "cooldown 60s"),
          AttributeSpec(name: "warmup", kind: .duration(allowsZero: true), example: "warmup 20s"),
        ])
    case .queue:
      return StatementSpec(
        keyword: .queue, usage: "queue jobs workers 4 service 20ms", positionalWords: [],
        attributes: [
          AttributeSpec(name: "workers", kind: count(1, maxServers), example: "workers 4"),
          AttributeSpec(name: "service", kind: .distribution, example: "service 20ms"),
          AttributeSpec(name: "max-depth", kind: count(1, maxCapacity), example: "max-depth 1000"),
          AttributeSpec(name: "when-full", kind: .choice(overflows), example: "when-full reject"),
        ])
    case .circuitBreaker:
      return StatementSpec(
        keyword: .circuitBreaker, usage: "circuit-breaker db-breaker on orders",
        positionalWords: [],
        attributes: [
          AttributeSpec(name: "on", kind: .reference, example: "on orders"),
          AttributeSpec(name: "failure-rate", kind: .percentage, example: "failure-rate 50%"),
          AttributeSpec(name: "slow-call-rate", kind: .percentage, example: "slow-call-rate 80%"),
          AttributeSpec(
            name: "slow-call", kind: .duration(allowsZero: false), example: "slow-call 2s"),
          AttributeSpec(name: "window", kind: count(1, maxThresholdCount), example: "window 100"),
          AttributeSpec(
            name: "min-calls", kind: count(1, maxThresholdCount), example: "min-calls 100"),
          AttributeSpec(name: "wait", kind: .duration(allowsZero: false), example: "wait 60s"),
          AttributeSpec(
            name: "half-open", kind: count(1, maxThresholdCount), example: "half-open 10"),
        ])
    case .retry:
      return StatementSpec(
        keyword: .retry, usage: "retry attempts 3 backoff 25ms..250ms jitter full",
        positionalWords: [],
        attributes: [
          AttributeSpec(name: "attempts", kind: count(1, maxAttempts), example: "attempts 3"),
          AttributeSpec(name: "backoff", kind: .durationRange, example: "backoff 25ms..250ms"),
          AttributeSpec(name: "jitter", kind: .choice(jitters), example: "jitter full"),
          AttributeSpec(name: "budget", kind: .percentage, example: "budget 20%"),
        ])
    case .rateLimit:
      return StatementSpec(
        keyword: .rateLimit, usage: "rate-limit edge 5000 rps burst 500", positionalWords: [],
        attributes: [
          AttributeSpec(name: "burst", kind: count(1, maxCapacity), example: "burst 500")
        ])
    case .traffic:
      return StatementSpec(
        keyword: .traffic, usage: "traffic 2000 rps for 10min", positionalWords: [],
        attributes: [
          AttributeSpec(name: "for", kind: .duration(allowsZero: false), example: "for 10min"),
          AttributeSpec(name: "read", kind: .percentage, example: "read 90%"),
          AttributeSpec(name: "keys", kind: .keys, example: "keys zipf 1.1 over 1M"),
          AttributeSpec(name: "arrivals", kind: .choice(arrivals), example: "arrivals poisson"),
          AttributeSpec(name: "timeout", kind: .duration(allowsZero: false), example: "timeout 2s"),
          AttributeSpec(name: "async", kind: .percentage, example: "async 10%"),
          AttributeSpec(name: "daily", kind: .flag, example: "daily"),
          AttributeSpec(name: "period", kind: .duration(allowsZero: false), example: "period 24h"),
        ])
    case .route:
      return StatementSpec(
        keyword: .route, usage: "route browse read: lb -> orders",
        positionalWords: requestKinds,
        attributes: [
          AttributeSpec(name: "keys", kind: .keys, example: "keys zipf 1.1 over 10k")
        ])
    case .network:
      return StatementSpec(
        keyword: .network, usage: "network latency 0.2ms cross-zone 2ms", positionalWords: [],
        attributes: [
          AttributeSpec(name: "latency", kind: .distribution, example: "latency 0.2ms"),
          AttributeSpec(name: "cross-zone", kind: .distribution, example: "cross-zone 2ms"),
        ])
    case .link:
      return StatementSpec(
        keyword: .link, usage: "link lb -> orders latency lognormal 1ms sd 0.3ms",
        positionalWords: [],
        attributes: [
          AttributeSpec(name: "latency", kind: .distribution, example: "latency 1ms")
        ])
    case .at:
      return StatementSpec(
        keyword: .at, usage: "at 5min fail web-2 for 30s", positionalWords: eventActions,
        attributes: [])
    case .expect:
      return StatementSpec(
        keyword: .expect, usage: "expect p99 < 200ms", positionalWords: metrics, attributes: [])
    }
  }

  /// Attributes of the `at … scale-up` action.
  static let scaleUpAttributes: [AttributeSpec] = [
    AttributeSpec(name: "cpu", kind: count(1, maxCores), example: "cpu 8"),
    AttributeSpec(name: "ram", kind: .size, example: "ram 32GB"),
    AttributeSpec(name: "storage", kind: .size, example: "storage 1TB"),
    AttributeSpec(name: "downtime", kind: .duration(allowsZero: true), example: "downtime 30s"),
  ]

  /// Attributes of the `at … set NAME` action.
  static let setAttributes: [AttributeSpec] = [
    AttributeSpec(name: "nodes", kind: count(1, maxCacheNodes), example: "nodes 4")
  ]

  /// Attributes of an entry in a balancer's `{ … }` block.
  static let backendAttributes: [AttributeSpec] = [
    AttributeSpec(name: "weight", kind: count(1, maxWeight), example: "weight 3")
  ]

  static let specsByKeyword: [StatementKeyword: StatementSpec] = Dictionary(
    specs.map { ($0.keyword, $0) }, uniquingKeysWith: { first, _ in first })

  /// The schema of `keyword`.
  static func spec(_ keyword: StatementKeyword) -> StatementSpec {
    specsByKeyword[keyword] ?? makeSpec(keyword)
  }

  /// The schema of the statement `keyword` starts, nil for a word that is no keyword.
  static func spec(_ keyword: String) -> StatementSpec? {
    StatementKeyword(rawValue: keyword).map(spec)
  }

  /// Every statement keyword, sorted.
  public static let statementKeywords: [String] = StatementKeyword.allCases.map(\.rawValue)
    .sorted()

  /// Statement keywords, attribute words and enumerated values: every word with a meaning
  /// to the language (for the grammar-agreement test and REPL completion).
  public static let allKeywords: Set<String> = {
    var words = Set(statementKeywords)
    for spec in specs {
      words.formUnion(spec.positionalWords)
      for attribute in spec.attributes {
        words.insert(attribute.name)
        if case .choice(let choices) = attribute.kind { words.formUnion(choices) }
      }
    }
    for attribute in scaleUpAttributes + setAttributes + backendAttributes + addServerAttributes {
      words.insert(attribute.name)
    }
    words.formUnion(distributionWords)
    words.formUnion(connectives)
    return words
  }()

  /// The attribute words a statement accepts, in the schema's order (for completion).
  /// Unknown keywords have none.
  public static func attributes(of keyword: String) -> [String] {
    guard let spec = spec(keyword) else { return [] }
    return spec.positionalWords + spec.attributeNames
  }
}
