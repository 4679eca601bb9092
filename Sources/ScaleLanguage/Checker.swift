import ScaleDiagnostics
import ScaleModel

/// What checking a script found: the scenario to run (only when there is no error) and
/// every diagnostic, in source order.
public struct CheckResult: Sendable {
  /// nil if and only if some diagnostic is an error (for `Checker.check` alone, also when
  /// the tree carries a parser error).
  public var scenario: Scenario?
  public var diagnostics: [Diagnostic]
  public init(scenario: Scenario?, diagnostics: [Diagnostic]) {
    self.scenario = scenario
    self.diagnostics = diagnostics
  }
  /// Whether any diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
  /// The diagnostics that start on `line` (a REPL shows those of the line just typed).
  public func diagnostics(onLine line: Int) -> [Diagnostic] {
    diagnostics.filter { $0.range.start.line == line }
  }
}

/// The semantic checker: reads every statement by the schema (StatementSchema), resolves
/// names, and lowers the script to a `Scenario` with every default applied.
///
/// Checking is a pure function of the tree, linear in its size, so a REPL re-checks the
/// whole accumulated source after each line and picks the new line's diagnostics by line.
/// Statements on a line where the parser reported an error are still read (so their names
/// are known) but their own diagnostics are dropped: one mistake, one diagnostic.
public enum Checker {
  public static func check(_ tree: SyntaxTree, seedOverride: UInt64? = nil) -> CheckResult {
    var session = CheckSession()
    for statement in tree.statements {
      session.read(statement)
    }
    let scenario = session.lower(seedOverride: seedOverride)
    let errorLines = Set(
      tree.diagnostics.filter { $0.severity == .error }.map { $0.range.start.line })
    let diagnostics = session.diagnostics.enumerated()
      .filter { !errorLines.contains($0.element.range.start.line) }
      .sorted { lhs, rhs in
        lhs.element.range.start.offset != rhs.element.range.start.offset
          ? lhs.element.range.start.offset < rhs.element.range.start.offset
          : lhs.offset < rhs.offset
      }
      .map(\.element)
    // A tree the parser had to repair may have lost statements: never lower it.
    let failed =
      diagnostics.contains { $0.severity == .error } || session.hasErrors
      || tree.diagnostics.contains { $0.severity == .error }
    return CheckResult(scenario: failed ? nil : scenario, diagnostics: diagnostics)
  }
}

/// What a name in the script stands for.
enum NameKind: String, Sendable {
  case server, pool, balancer, cache, database, queue
  case breaker = "circuit-breaker"
  case rateLimit = "rate-limit"
  /// Stations inside a database or cache, named by `StationNames` (`orders/shard-2`,
  /// `orders/replica-1`, `sessions/node-1`); never declared, only referred to.
  case shard, replica
  case cacheNode = "cache node"
}

extension NameKind {
  /// The kind of name a component of `kind` has (nil for an autoscaler: it has none).
  init?(_ kind: ComponentKind) {
    switch kind {
    case .server: self = .server
    case .pool: self = .pool
    case .balancer: self = .balancer
    case .cache: self = .cache
    case .cacheNode: self = .cacheNode
    case .database: self = .database
    case .replica: self = .replica
    case .shard: self = .shard
    case .queue: self = .queue
    case .breaker: self = .breaker
    case .rateLimit: self = .rateLimit
    case .autoscaler: return nil
    }
  }

  /// `a server`, `a cache`.
  var withArticle: String { "a \(rawValue)" }
}

struct NameEntry: Sendable {
  var kind: NameKind
  var range: SourceRange
}

// MARK: Declarations read from statements

struct ServerDecl {
  var spec: ServerSpec
  var nameRange: SourceRange
  var weightGiven: Bool
}

struct PoolDecl {
  var name: String
  var range: SourceRange
  var members: [String]
}

struct BackendEntry {
  var ref: NameRef
  var weight: Int?
  var weightRange: SourceRange?
}

struct BalancerDecl {
  var name: String
  var nameRange: SourceRange
  var strategy: BalancingStrategy
  var to: [NameRef]?
  var block: [BackendEntry]?
  var failover: Bool
}

struct HealthDecl {
  var target: NameRef?
  var spec: HealthCheckSpec
  var keywordRange: SourceRange
}

struct CacheDecl {
  var spec: CacheSpec
  var nameRange: SourceRange
  var ttlRange: SourceRange?
}

struct DatabaseDecl {
  var spec: DatabaseSpec
  var nameRange: SourceRange
  var readsRange: SourceRange?
}

struct ShardDecl {
  var target: NameRef?
  var count: Int
  var hashing: KeyHashing?
  var scatter: Double?
  var keywordRange: SourceRange
}

struct AutoscaleDecl {
  var group: NameRef?
  var spec: AutoscalerSpec
  var keywordRange: SourceRange
}

struct BreakerDecl {
  var spec: CircuitBreakerSpec
  var target: NameRef
}

struct TrafficDecl {
  var spec: TrafficSpec
  /// The rate as written (`2000 rps`'s number, or the range).
  var rateRange: SourceRange
  var forDuration: Double?
  var forRange: SourceRange?
  var keywordRange: SourceRange
  var asyncRange: SourceRange?
}

/// A name an event or expectation refers to, and the kinds it may be.
struct Reference {
  var ref: NameRef
  var kinds: [NameKind]
  /// What the statement does with it, for messages (`fail`, `remove`).
  var role: String
}

struct EventDecl {
  var event: TimedEvent
  var timeRange: SourceRange
  var references: [Reference]
  var changesTraffic: Bool
  var actionRange: SourceRange
  /// `fail zone Z` / `recover zone Z`: the zone (the event expands to its components).
  var zone: NameRef? = nil
}

struct ExpectDecl {
  var expectation: Expectation
  var component: NameRef?
  var metricRange: SourceRange
  /// `expect route NAME …`.
  var route: NameRef? = nil
}

/// The state of one check: declarations read so far and the diagnostics found.
struct CheckSession {
  var diagnostics: [Diagnostic] = []
  /// Errors found in lines the parser also flagged still make the result fail.
  var hasErrors = false

  var names: [String: NameEntry] = [:]
  /// Databases and caches by name, and how many nodes each cache ever has, for station
  /// names with a `/` (see `StationNames`); filled when lowering, once shards are known.
  var stationDatabases: [String: DatabaseSpec] = [:]
  var stationCaches: [String: Int] = [:]
  /// How many more unknown names get a "did you mean" (see `resolve`).
  var suggestionsLeft = 20
  var seed: (value: UInt64, range: SourceRange)?
  var duration: (value: Double, range: SourceRange)?
  var warmup: (value: Double, range: SourceRange)?
  var servers: [ServerDecl] = []
  /// Servers that only join at run time (`at … add server`), and where.
  var addedServers: [String: SourceRange] = [:]
  var pools: [PoolDecl] = []
  var balancers: [BalancerDecl] = []
  var healthChecks: [HealthDecl] = []
  var caches: [CacheDecl] = []
  var databases: [DatabaseDecl] = []
  var shards: [ShardDecl] = []
  var autoscalers: [AutoscaleDecl] = []
  var queues: [QueueSpec] = []
  var queueRanges: [SourceRange] = []
  var breakers: [BreakerDecl] = []
  var retry: (spec: RetrySpec, range: SourceRange)?
  var rateLimits: [RateLimitSpec] = []
  var traffic: TrafficDecl?
  var events: [EventDecl] = []
  var expectations: [ExpectDecl] = []
  var routes: [RouteDecl] = []
  /// Every route name read (also of routes with errors), for `expect route` and duplicates.
  var routeNames: [String: SourceRange] = [:]
  /// Some route had an error of its own (its shares are then not added up).
  var hasRouteErrors = false
  var network: (spec: NetworkSpec, range: SourceRange)?
  var links: [LinkDecl] = []

  mutating func report(
    _ code: CheckerCode, _ message: String, at range: SourceRange, help: String? = nil,
    fixIt: FixIt? = nil
  ) {
    append(.check(code, message, at: range, help: help, fixIt: fixIt))
  }

  mutating func append(_ diagnostic: Diagnostic) {
    if diagnostic.severity == .error { hasErrors = true }
    diagnostics.append(diagnostic)
  }

  mutating func absorb(_ reader: WordReader) {
    for diagnostic in reader.diagnostics { append(diagnostic) }
  }

  /// Records a declared name; a second declaration is an error pointing at the first.
  @discardableResult
  mutating func declare(_ name: String, kind: NameKind, at range: SourceRange) -> Bool {
    if name.contains("/") {
      report(
        .slashInName, "a declared name cannot contain `/`", at: range,
        help: "`/` names the stations inside a database or cache (`orders/replica-1`); "
          + "write `\(name.replacing("/", with: "-"))`")
      return false
    }
    if let first = names[name] {
      report(
        .duplicateName,
        "`\(name)` is already declared as \(first.kind.withArticle) at \(first.range.start)",
        at: range, help: "give this \(kind.rawValue) another name")
      return false
    }
    names[name] = NameEntry(kind: kind, range: range)
    return true
  }

  /// A statement that may appear once: the second one is an error.
  mutating func reportRepeated(_ what: String, at range: SourceRange, first: SourceRange) {
    report(
      .conflictingStatement, "\(what) is already given at \(first.start)", at: range,
      help: "keep one of them")
  }

  /// Reports every remaining word of `reader` as unexpected (one diagnostic).
  static func rejectRest(_ reader: inout WordReader, help: String) {
    guard let first = reader.peek else { return }
    var range = first.range
    while let word = reader.advance() { range = range.union(word.range) }
    reader.report(
      .unexpectedWord, "unexpected `\(WordReader.text(first))` in `\(reader.keyword)`",
      at: range, help: help)
  }
}
