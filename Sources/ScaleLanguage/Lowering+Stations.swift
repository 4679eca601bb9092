import ScaleModel

/// Station names in scripts: `orders/replica-1`, `orders/shard-2`, `orders/shard-2/replica-1`
/// and `sessions/node-3` name stations the engine creates inside a database or cache. They
/// are never declared; `StationNames` (shared with the engine) says which exist.
extension CheckSession {
  /// Records what station names (`orders/replica-1`, `orders/shard-2`, `sessions/node-3`)
  /// scripts may use: each database's shards and replicas, and each cache's nodes (as many
  /// as it ever has: `at … set CACHE nodes N` adds nodes).
  mutating func nameStations(_ databaseList: [DatabaseSpec]) {
    for database in databaseList where stationDatabases[database.name] == nil {
      stationDatabases[database.name] = database
    }
    for cache in caches where stationCaches[cache.spec.name] == nil {
      stationCaches[cache.spec.name] = cache.spec.nodes
    }
    for event in events {
      if case .setCacheNodes(let name, let nodes) = event.event.action, let n = stationCaches[name]
      {
        stationCaches[name] = Swift.max(n, nodes)
      }
    }
  }

  /// The kind of the station `name` names, or nil. Linear in the database's stations (at
  /// most `StationNames.maxStations`); constant for cache nodes.
  func station(named name: String) -> NameKind? {
    guard let slash = name.firstIndex(of: "/") else { return nil }
    let owner = String(name[..<slash])
    if let database = stationDatabases[owner] {
      guard let station = StationNames.stations(of: database).first(where: { $0.name == name })
      else { return nil }
      return station.kind == .replica ? .replica : station.kind == .shard ? .shard : nil
    }
    if let count = stationCaches[owner], let dash = name.lastIndex(of: "-"),
      let number = Int(name[name.index(after: dash)...]), number >= 1,
      number <= Swift.min(Swift.max(1, count), StatementSchema.maxCacheNodes),
      StationNames.cacheNode(number - 1, of: owner) == name
    {
      return .cacheNode
    }
    return nil
  }

  /// Station names of `kinds` to suggest for `name`: those of its database or cache, or of
  /// the one whose name is closest to what precedes the `/`.
  func stationCandidates(for name: String, kinds: [NameKind]) -> [String] {
    guard let slash = name.firstIndex(of: "/") else { return [] }
    var owner = String(name[..<slash])
    if stationDatabases[owner] == nil, stationCaches[owner] == nil {
      let owners = stationDatabases.keys.map { $0 } + stationCaches.keys.map { $0 }
      guard let closest = Suggestions.closest(to: owner, among: owners) else { return [] }
      owner = closest
    }
    if let database = stationDatabases[owner] {
      return StationNames.stations(of: database).compactMap { station in
        let kind: NameKind? =
          station.kind == .replica ? .replica : station.kind == .shard ? .shard : nil
        guard let kind, kinds.contains(kind) else { return nil }
        return station.name
      }
    }
    guard let count = stationCaches[owner], kinds.contains(.cacheNode) else { return [] }
    return (0..<Swift.min(Swift.max(1, count), StatementSchema.maxCacheNodes)).map {
      StationNames.cacheNode($0, of: owner)
    }
  }
}
