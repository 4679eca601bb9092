import ScaleLanguage
import ScaleModel

/// A knob a sweep or capacity search turns: `servers`, `rps`, `cache-nodes`, `ttl`,
/// `replicas`, `shards`, `cpu`, `workers`. Values are in the script's units
/// (`ttl` in seconds, `rps` in requests per second, the rest counts).
public enum SweepParameter: String, Sendable, Equatable, CaseIterable {
  /// Servers in the first server's pool (`server web count 3`, or `web-1`, `web-2` declared
  /// one by one): fewer keeps the pool's first n in declaration order; more keeps them all and
  /// adds copies of the pool's first server named `<pool>-<k>` (numbering continued). Other
  /// servers are untouched, so the script's own count reproduces the script.
  case servers
  /// The traffic's base rate.
  case rps
  /// Nodes of every cache.
  case cacheNodes = "cache-nodes"
  /// TTL of every cache, in seconds.
  case ttl
  /// Replicas of every database.
  case replicas
  /// Shards of every database.
  case shards
  /// Cores of every server.
  case cpu
  /// Workers of every queue.
  case workers

  public enum ApplyError: Error, Equatable, CustomStringConvertible {
    case nothingToChange(SweepParameter)
    case invalidValue(SweepParameter, Double)
    public var description: String {
      switch self {
      case .nothingToChange(let p): return "the script has nothing that `\(p.rawValue)` changes"
      case .invalidValue(let p, let v): return "`\(p.rawValue)` cannot be \(v)"
      }
    }
  }

  /// Largest value any parameter may take.
  public static let largestValue = 1e9

  /// The largest value of this parameter: the checker's limits (docs/language.md).
  public var maximum: Double {
    switch self {
    case .servers, .workers: return 100_000
    case .rps: return Defaults.maxRate
    case .cacheNodes, .shards: return 10_000
    case .ttl: return Defaults.maxDuration
    case .replicas: return 100
    case .cpu: return 1024
    }
  }

  /// Whether the parameter takes whole numbers.
  public var isCount: Bool { self != .rps && self != .ttl }

  /// The scenario with this parameter set to `value`.
  public func apply(_ value: Double, to scenario: Scenario) throws(ApplyError) -> Scenario {
    let lowest: Double = self == .replicas || !isCount ? 0 : 1
    guard value.isFinite, value >= lowest, value <= maximum else {
      throw .invalidValue(self, value)
    }
    let count = isCount ? Int(value.rounded()) : 0
    var s = scenario
    switch self {
    case .servers:
      guard let first = s.servers.first else { throw .nothingToChange(self) }
      let pool = StationNames.pool(of: first)
      let inPool = s.servers.map { StationNames.pool(of: $0) == pool }
      let members = zip(s.servers, inPool).filter { $0.1 }.map(\.0)
      var used = Set(s.servers.map(\.name))
      var resized = Array(members.prefix(count))
      var number = members.count
      while resized.count < count {
        number += 1
        let name = StationNames.poolMember(number, of: pool)
        // Names of a resized pool must not clash with other components.
        guard !used.contains(name) else { continue }
        used.insert(name)
        var copy = first
        copy.name = name
        copy.pool = first.pool == nil ? nil : pool
        resized.append(copy)
      }
      // The pool keeps its place in declaration order: members where the first one was.
      var servers: [ServerSpec] = []
      var placed = false
      for (spec, member) in zip(s.servers, inPool) {
        if !member {
          servers.append(spec)
        } else if !placed {
          servers += resized
          placed = true
        }
      }
      s.servers = servers
      let kept = Set(s.servers.map(\.name))
      for b in s.balancers.indices where !s.balancers[b].backends.isEmpty {
        s.balancers[b].backends.removeAll { !kept.contains($0.server) }
        let listed = Set(s.balancers[b].backends.map(\.server))
        for server in resized where !listed.contains(server.name) {
          s.balancers[b].backends.append(Backend(server: server.name, weight: server.weight))
        }
      }
    case .rps:
      guard s.traffic != nil else { throw .nothingToChange(self) }
      s.traffic?.rate = value
    case .cacheNodes:
      guard !s.caches.isEmpty else { throw .nothingToChange(self) }
      for i in s.caches.indices { s.caches[i].nodes = count }
    case .ttl:
      guard !s.caches.isEmpty else { throw .nothingToChange(self) }
      for i in s.caches.indices { s.caches[i].ttl = value }
    case .replicas:
      guard !s.databases.isEmpty else { throw .nothingToChange(self) }
      for i in s.databases.indices { s.databases[i].replicas = count }
    case .shards:
      guard !s.databases.isEmpty else { throw .nothingToChange(self) }
      for i in s.databases.indices { s.databases[i].shards = count }
    case .cpu:
      guard !s.servers.isEmpty else { throw .nothingToChange(self) }
      for i in s.servers.indices {
        s.servers[i].cores = count
        s.servers[i].maxConnections = Defaults.connections(cores: count)
      }
    case .workers:
      guard !s.queues.isEmpty else { throw .nothingToChange(self) }
      for i in s.queues.indices { s.queues[i].workers = count }
    }
    return s
  }
}

/// `name=low..high` with an optional `step` (default 1 for counts, else 10 points).
public struct SweepRange: Sendable, Equatable {
  public var parameter: SweepParameter
  public var values: [Double]

  public enum ParseError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case unknownParameter(String, suggestion: String?)
    case badRange(String)
    public var description: String {
      switch self {
      case .malformed(let text):
        return "`\(text)` is not `PARAMETER=LOW..HIGH` (e.g. `servers=2..10`)"
      case .unknownParameter(let name, let suggestion):
        let known = SweepParameter.allCases.map(\.rawValue).joined(separator: ", ")
        return "unknown parameter `\(name)`"
          + (suggestion.map { "; did you mean `\($0)`?" } ?? "") + " (known: \(known))"
      case .badRange(let text):
        return "`\(text)`: the range must be LOW..HIGH with 0 ≤ LOW ≤ HIGH ≤ the parameter's "
          + "limit, in at most \(SweepRange.maxPoints) points"
      }
    }
  }

  /// Largest number of points one sweep may have.
  public static let maxPoints = 10_000

  public init(parameter: SweepParameter, values: [Double]) {
    self.parameter = parameter
    self.values = values
  }

  public init(parsing text: String, step: Double? = nil) throws(ParseError) {
    let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
    guard parts.count == 2 else { throw .malformed(text) }
    guard let parameter = SweepParameter(rawValue: parts[0]) else {
      let close = Suggestions.closest(
        to: parts[0], among: SweepParameter.allCases.map(\.rawValue))
      throw .unknownParameter(parts[0], suggestion: close)
    }
    let bounds = parts[1].components(separatedBy: "..")
    guard bounds.count == 2, let low = Double(bounds[0]), let high = Double(bounds[1]),
      low.isFinite, high.isFinite, low <= high, low >= 0, high <= parameter.maximum
    else { throw .badRange(text) }
    let stride = step ?? (parameter.isCount ? 1 : max((high - low) / 9, .leastNonzeroMagnitude))
    guard stride > 0, stride.isFinite, (high - low) / stride < Double(SweepRange.maxPoints) else {
      throw .badRange(text)
    }
    // A count of points, not a float loop: at large magnitudes `low + i * step` may
    // never exceed `high`.
    let points = Int(((high - low) / stride + 1e-9).rounded(.down)) + 1
    var values: [Double] = []
    for index in 0..<points {
      let value = low + Double(index) * stride
      values.append(parameter.isCount ? value.rounded() : value)
    }
    values = values.reduce(into: []) { unique, value in
      if unique.last != value { unique.append(value) }
    }
    self.parameter = parameter
    self.values = values
  }
}
