import ScaleModel

/// The message queues of the run (`WorkQueue`). Their workers are stations, so the station
/// table does their warm-up, interval and snapshot steps; a queue's row is its station's.
struct QueueTable {
  var all: [WorkQueue] = []

  var count: Int { all.count }
  var indices: Range<Int> { all.indices }

  /// Queue `q`'s figures over the measured window: its workers' station's (cores: workers;
  /// latency: enqueue to done), writes: the messages done.
  func componentStats(
    _ q: Int, stations: inout StationTable, at now: Double, window: Double, warmupDone: Bool,
    extraQuantiles: [Double]
  ) -> ComponentStats {
    var c = stations.componentStats(
      all[q].station, at: now, window: window, warmupDone: warmupDone,
      extraQuantiles: extraQuantiles)
    c.writes = c.completed
    return c
  }
}
