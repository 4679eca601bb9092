import ScaleModel

/// One database of the scenario: `shards` groups of a primary and `replicas` replicas, each
/// a station of the station table. Its stations are contiguous there: local station k is
/// station `firstStation + k`; local `s × (replicas + 1)` is shard s's primary, its replicas
/// follow.
struct DatabaseState {
  var spec: DatabaseSpec
  var shards: ShardRouter
  var replication: [ReplicaSet] = []
  var lag: DistributionSampler
  var rng: RandomStream
  var replicas: Int
  /// Its first station in the station table, and how many it has.
  let firstStation: Int
  let stationCount: Int

  /// Caps on the stations simulated (each holds a full latency histogram, ~0.3 MB): at most
  /// 64 shards and 512 stations in all (shards × (replicas + 1)); larger requests are clamped
  /// and narrated.
  static let maxShards = StationNames.maxShards
  static let maxStations = StationNames.maxStations

  /// Whether the scenario asked for more shards or replicas than are simulated.
  var capped: Bool {
    shards.shardCount != Swift.max(1, spec.shards) || replicas != Swift.max(0, spec.replicas)
  }

  /// Database `spec`, whose stations start at `firstStation` (`stations(index:seed:now:)`
  /// makes them).
  init(spec: DatabaseSpec, seed: UInt64, firstStation: Int) {
    self.spec = spec
    let n = StationNames.shardCount(spec)
    shards = ShardRouter(shards: n, hashing: spec.shardHashing)
    let replicas = StationNames.replicaCount(spec)
    self.replicas = replicas
    lag = DistributionSampler(spec.lag)
    rng = RandomStream(seed: seed, purpose: "database:" + spec.name)
    replication = (0..<n).map { _ in ReplicaSet(replicas: replicas) }
    self.firstStation = firstStation
    stationCount = n * (replicas + 1)
  }

  /// Its stations, in local order, for database `d`: names and order come from
  /// StationNames (the checker resolves script names with it); each serves with the
  /// database's cores, service and connection limit.
  func stations(index d: Int, seed: UInt64, now: Double) -> [Station] {
    StationNames.stations(of: spec).enumerated().map { k, station in
      let server = ServerSpec(
        name: station.name, cores: Swift.max(1, spec.cores), service: spec.service,
        maxConnections: spec.maxConnections)
      return Station(
        spec: server, kind: station.kind, role: .database, database: d, local: k, seed: seed,
        now: now)
    }
  }

  /// Local station k's index in the station table.
  func station(_ k: Int) -> Int { firstStation + k }
  var stationIndices: [Int] { Array(firstStation..<(firstStation + stationCount)) }
  func primary(ofShard s: Int) -> Int { s * (replicas + 1) }
  /// Shard s's primary in the station table.
  func primaryStation(ofShard s: Int) -> Int { station(primary(ofShard: s)) }
  func shard(ofStation k: Int) -> Int { k / (replicas + 1) }
  /// nil for a primary.
  func replicaIndex(ofStation k: Int) -> Int? {
    let r = k % (replicas + 1)
    return r == 0 ? nil : r - 1
  }

  /// Stale reads so far (reset at the warm-up's end).
  var staleReads: Int {
    var stale = 0
    for set in replication { stale += set.staleReads.reduce(0, +) }
    return stale
  }
}

/// The databases of the run, with their steps: warm-up, interval (stale reads) and figures
/// (a sharded database's own row and its stations'). Their stations live in the station table.
struct DatabaseTable {
  let all = FlatTable<DatabaseState>()
  /// Per database, at the start of the current interval: stale reads and reads (the stale
  /// counters restart at the warm-up's end, so the bases shift then).
  var intervalStaleReads: [Int] = []
  var intervalReads: [Int] = []

  var count: Int { all.count }
  var indices: Range<Int> { all.indices }

  mutating func append(_ database: DatabaseState) {
    all.append(database)
    intervalStaleReads.append(0)
    intervalReads.append(0)
  }

  func index(named name: String) -> Int? { all.firstIndex { $0.spec.name == name } }

  /// Database `d`'s stale reads (reset at the warm-up's end) and reads (every station;
  /// never reset).
  func readTotals(_ d: Int, stations: StationTable) -> (stale: Int, reads: Int) {
    var reads = 0
    for s in all[d].stationIndices { reads += stations.all[s].stats.counters.reads }
    return (all[d].staleReads, reads)
  }

  /// The warm-up ends: replication and shard counters restart; the interval's bases keep the
  /// part of the current interval before this moment.
  mutating func warmupEnded(stations: StationTable) {
    for d in all.indices {
      intervalStaleReads[d] -= all[d].staleReads
      for r in all[d].replication.indices { all[d].replication[r].resetCounters() }
      all[d].shards.resetCounters()
      intervalStaleReads[d] += all[d].staleReads
    }
  }

  /// A new interval starts now.
  mutating func intervalClosed(stations: StationTable) {
    for d in all.indices {
      let totals = readTotals(d, stations: stations)
      intervalStaleReads[d] = totals.stale
      intervalReads[d] = totals.reads
    }
  }

  /// Stale reads per database with replicas in this interval so far.
  func interval(into stats: inout IntervalStats, stations: StationTable) {
    for d in all.indices where all[d].replicas > 0 {
      let totals = readTotals(d, stations: stations)
      let reads = totals.reads - intervalReads[d]
      stats.staleReads[all[d].spec.name] =
        reads > 0 ? Double(totals.stale - intervalStaleReads[d]) / Double(reads) : 0
    }
  }

  /// Database `d`'s figures: one row per station, and for a sharded database its own row
  /// first (the primary is the database otherwise).
  func componentStats(
    _ d: Int, stations: inout StationTable, at now: Double, window: Double, warmupDone: Bool,
    extraQuantiles: [Double]
  ) -> [ComponentStats] {
    let db = all[d]
    var rows: [ComponentStats] = []
    for k in 0..<db.stationCount {
      var c = stations.componentStats(
        db.station(k), at: now, window: window, warmupDone: warmupDone,
        extraQuantiles: extraQuantiles)
      if let r = db.replicaIndex(ofStation: k) {
        let rs = db.replication[db.shard(ofStation: k)]
        if r < rs.staleReads.count { c.staleReads = warmupDone ? rs.staleReads[r] : 0 }
      }
      rows.append(c)
    }
    let totalReads = rows.reduce(0) { $0 + $1.reads }
    let totalWrites = rows.reduce(0) { $0 + $1.writes }
    let totalStale = rows.reduce(0) { $0 + $1.staleReads }
    if db.shards.shardCount == 1 {
      // The primary is the database.
      rows[0].reads = totalReads
      rows[0].writes = totalWrites
      rows[0].staleReads = totalStale
      return rows
    }
    var c = ComponentStats(name: db.spec.name, kind: .database)
    // Utilisation: busy over provisioned core-seconds of all stations (a station scaled up
    // mid-run weighs by the core-seconds it had, not by its cores at the end).
    var busy = 0.0
    var coreArea = 0.0
    for s in db.stationIndices {
      let a = stations.all[s].stats.measuredAreas(at: now, warmupDone: warmupDone)
      busy += a.busy
      coreArea += a.cores
    }
    for s in rows {
      c.arrivals += s.arrivals
      c.completed += s.completed
      c.errors.rejected += s.errors.rejected
      c.errors.unavailable += s.errors.unavailable
      c.meanQueueLength += s.meanQueueLength
      c.meanInSystem += s.meanInSystem
      c.maxQueueLength = Swift.max(c.maxQueueLength, s.maxQueueLength)
      c.cores += s.cores
      c.downTime = Swift.max(c.downTime, s.downTime)
    }
    c.utilisation = coreArea > 0 ? busy / coreArea : 0
    c.reads = totalReads
    c.writes = totalWrites
    c.staleReads = totalStale
    c.healthy = rows.allSatisfy(\.healthy)
    var merged = LatencyRecorder()
    if warmupDone { for s in db.stationIndices { merged.add(stations.all[s].stats.latency) } }
    c.latency = merged.summary(extra: extraQuantiles)
    return [c] + rows
  }
}
