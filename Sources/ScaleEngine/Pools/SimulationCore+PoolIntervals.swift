import ScaleModel

/// Each pool's point of the time series (`IntervalStats.pools`, and its utilisation and queue
/// under its name), computed when an interval closes from its members' figures and its own
/// recorder: nothing is added to the request path. The time in the pool per interval is the
/// difference of a recorder that only grows (`IntervalLatency`): the pool's own with routes,
/// else its members' merged (as its row over the run).
extension SimulationCore {
  /// The pools' figures in the interval so far into `stats`; `figures` per station index are
  /// the stations' busy and provisioned core-seconds and mean number waiting in it.
  mutating func poolIntervals(
    into stats: inout IntervalStats, figures: [(busy: Double, cores: Double, queue: Double)]
  ) {
    for p in pools.names.indices {
      var busy = 0.0
      var cores = 0.0
      var queue = 0.0
      var errors = ErrorCounts()
      for s in pools.members[p] where s < figures.count && s < stations.count {
        busy += figures[s].busy
        cores += figures[s].cores
        queue += figures[s].queue
        // Field by field: reading `counters` whole copied the station (a memmove per member).
        errors.rejected += stations.all[s].stats.counters.rejected
        errors.timedOut += stations.all[s].stats.counters.timedOut
        errors.unavailable += stations.all[s].stats.counters.unavailable
      }
      let name = pools.names[p]
      stats.utilisation[name] = cores > 0 ? busy / cores : 0
      stats.queueLength[name] = queue
      pools.lastErrors[p] = errors
      let base = pools.intervalErrors[p]
      let latency = pools.intervalLatency[p].summary(of: poolRecorder(p))
      stats.pools[name] = PoolInterval(
        completed: latency.count,
        errors: ErrorCounts(
          rejected: errors.rejected - base.rejected, timedOut: errors.timedOut - base.timedOut,
          unavailable: errors.unavailable - base.unavailable),
        latency: latency)
    }
  }

  /// The interval closed at the last reading (`poolIntervals`): the next starts there.
  mutating func poolIntervalsClosed() {
    for p in pools.names.indices {
      pools.intervalLatency[p].closed()
      pools.intervalErrors[p] = pools.lastErrors[p]
    }
  }

  /// The warm-up ends and the recorders the pools read are about to be reset: each keeps what
  /// they hold of the current interval.
  mutating func poolIntervalsBeforeWarmupReset() {
    for p in pools.names.indices {
      pools.intervalLatency[p].recorderWillReset(poolRecorder(p))
    }
  }

  /// What pool `p` answered so far (since the warm-up's end, once it ended): its own recorder
  /// with routes, else its members' merged (each answer is a member's service end).
  func poolRecorder(_ p: Int) -> LatencyRecorder {
    if routesActive { return pools.latency[p] }
    var merged = LatencyRecorder()
    for s in pools.members[p] where s < stations.count {
      // In place: reading the recorder out of the table would copy (retain) its arrays.
      stations.all.update(s) { station in merged.add(station.stats.latency) }
    }
    return merged
  }
}
