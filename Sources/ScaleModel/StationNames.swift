/// How the stations inside a database or a cache are named — the one place both the engine
/// (which creates and reports them) and the checker (which lets scripts name them in
/// `fail`, `recover` and `expect`) take the scheme from.
///
/// - A database of one shard is its own primary (`orders`); its replicas are
///   `orders/replica-1`, `orders/replica-2`, …
/// - A sharded database has primaries `orders/shard-1`, … and each shard's replicas
///   `orders/shard-2/replica-1`, …
/// - A cache's nodes are `sessions/node-1`, `sessions/node-2`, … (nodes that join at run time
///   continue the numbering).
///
/// The engine simulates at most `maxShards` shards and `maxStations` stations per database;
/// larger specs are clamped (and narrated), so only the simulated stations have names.
public enum StationNames {
  /// Shards simulated per database at most.
  public static let maxShards = 64
  /// Stations (primaries and replicas) simulated per database at most.
  public static let maxStations = 512

  /// One station of a database.
  public struct Station: Sendable, Equatable, Hashable {
    public var name: String
    /// `.database` (an unsharded primary), `.shard` (a shard's primary) or `.replica`.
    public var kind: ComponentKind
    /// 0-based shard.
    public var shard: Int
    /// 0-based replica within its shard; nil for a primary.
    public var replica: Int?
    public init(name: String, kind: ComponentKind, shard: Int, replica: Int?) {
      self.name = name
      self.kind = kind
      self.shard = shard
      self.replica = replica
    }
  }

  /// Shards simulated for `spec` (1…`maxShards`).
  public static func shardCount(_ spec: DatabaseSpec) -> Int {
    Swift.min(Swift.max(1, spec.shards), maxShards)
  }

  /// Replicas simulated per shard for `spec` (so that shards × (replicas + 1) ≤ `maxStations`).
  public static func replicaCount(_ spec: DatabaseSpec) -> Int {
    Swift.min(Swift.max(0, spec.replicas), maxStations / shardCount(spec) - 1)
  }

  /// The primary of shard `s` (0-based) of a database of `shards` shards.
  public static func primary(of database: String, shard s: Int, shards: Int) -> String {
    shards == 1 ? database : "\(database)/shard-\(s + 1)"
  }

  /// Replica `r` (0-based) of the primary named `primary`.
  public static func replica(_ r: Int, of primary: String) -> String {
    "\(primary)/replica-\(r + 1)"
  }

  /// Node `i` (0-based) of the cache `cache`.
  public static func cacheNode(_ i: Int, of cache: String) -> String {
    "\(cache)/node-\(i + 1)"
  }

  /// Every simulated station of `spec`, in the engine's order: each shard's primary followed
  /// by its replicas.
  public static func stations(of spec: DatabaseSpec) -> [Station] {
    let n = shardCount(spec)
    let replicas = replicaCount(spec)
    var result: [Station] = []
    result.reserveCapacity(n * (replicas + 1))
    for s in 0..<n {
      let base = primary(of: spec.name, shard: s, shards: n)
      result.append(Station(name: base, kind: n == 1 ? .database : .shard, shard: s, replica: nil))
      for r in 0..<replicas {
        result.append(Station(name: replica(r, of: base), kind: .replica, shard: s, replica: r))
      }
    }
    return result
  }

  // MARK: Server pools

  /// `web` for `web-3`: the name without a trailing `-<number>`, or nil. Servers declared one
  /// by one as `web-1`, `web-2` form the pool `web`, as `server web count 2` does (the
  /// autoscaler and `scale sweep --vary servers` grow a pool under this name).
  public static func poolPrefix(of name: String) -> String? {
    guard let dash = name.lastIndex(of: "-") else { return nil }
    let number = name[name.index(after: dash)...]
    guard !number.isEmpty, number.allSatisfy(\.isASCII), number.allSatisfy(\.isNumber),
      dash > name.startIndex
    else { return nil }
    return String(name[..<dash])
  }

  /// The pool a server belongs to: its `count` pool, else its name's prefix, else its name.
  public static func pool(of server: ServerSpec) -> String {
    server.pool ?? poolPrefix(of: server.name) ?? server.name
  }

  /// The `n`th server of `pool` (1-based): `web-3`.
  public static func poolMember(_ n: Int, of pool: String) -> String { "\(pool)-\(n)" }
}
