import ScaleModel

/// The caches of the run and their steps: warm-up (counters restart), interval (hit rate),
/// figures and snapshot.
struct CacheTable {
  let all = FlatTable<CacheCluster>()
  /// Per cache: the hit latency (a table written in place: an array here paid a uniqueness
  /// check on every hit's draw).
  let hitLatency = FlatTable<DistributionSampler>()
  /// Hit latencies and random evictions' draws (`cache`).
  var rng = RandomStream(seed: 0)
  /// Per cache, at the start of the current interval: hits and lookups (the counters
  /// restart at the warm-up's end, so the bases shift then).
  var intervalHits: [Int] = []
  var intervalLookups: [Int] = []

  var count: Int { all.count }
  var indices: Range<Int> { all.indices }

  mutating func append(_ spec: CacheSpec) {
    all.append(CacheCluster(spec: spec))
    hitLatency.append(DistributionSampler(spec.hitLatency))
    intervalHits.append(0)
    intervalLookups.append(0)
  }

  func index(named name: String) -> Int? { all.firstIndex { $0.spec.name == name } }

  /// The warm-up ends: counters restart; the interval's bases keep the part of the current
  /// interval before this moment.
  mutating func warmupEnded() {
    for c in all.indices {
      intervalHits[c] -= all[c].counters.hits
      intervalLookups[c] -= all[c].counters.lookups
      all[c].resetCounters()
      intervalHits[c] += all[c].counters.hits
      intervalLookups[c] += all[c].counters.lookups
    }
  }

  /// A new interval starts now.
  mutating func intervalClosed() {
    for c in all.indices {
      intervalHits[c] = all[c].counters.hits
      intervalLookups[c] = all[c].counters.lookups
    }
  }

  /// Hit rate per cache in this interval so far (hits / lookups, as Redis's
  /// `keyspace_hits` / `keyspace_misses` deltas are read per scrape).
  func interval(into stats: inout IntervalStats) {
    for c in all.indices {
      let counts = all[c].counters
      let lookups = counts.lookups - intervalLookups[c]
      stats.hitRate[all[c].spec.name] =
        lookups > 0 ? Double(counts.hits - intervalHits[c]) / Double(lookups) : 0
    }
  }

  /// Each cache's row and its nodes' (zero before the warm-up ends).
  func componentStats(warmupDone: Bool) -> [ComponentStats] {
    var out: [ComponentStats] = []
    for c in all.indices { out += all[c].componentStats() }
    if !warmupDone {
      for i in out.indices {
        out[i].hits = 0
        out[i].misses = 0
        out[i].evictions = 0
        out[i].arrivals = 0
        out[i].completed = 0
        out[i].reads = 0
      }
    }
    return out
  }

  func snapshots() -> [ComponentSnapshot] {
    all.map { ComponentSnapshot(name: $0.spec.name, kind: .cache) }
  }
}
