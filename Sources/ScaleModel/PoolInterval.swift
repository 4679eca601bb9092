/// One pool's figures in one interval of the time series (`IntervalStats.pools`): the
/// requests it answered, the errors of its members and the time requests spent in it, as its
/// row counts them over the run. Its utilisation and queue are in `IntervalStats.utilisation`
/// and `queueLength` under its name, as every station's.
public struct PoolInterval: Sendable, Equatable, Hashable, Codable {
  /// Requests the pool answered in the interval.
  public var completed: Int = 0
  /// Its members' errors in the interval, by cause.
  public var errors: ErrorCounts = ErrorCounts()
  /// Time in the pool of the requests it answered in the interval.
  public var latency: LatencySummary = LatencySummary()
  public init(
    completed: Int = 0, errors: ErrorCounts = ErrorCounts(),
    latency: LatencySummary = LatencySummary()
  ) {
    self.completed = completed
    self.errors = errors
    self.latency = latency
  }
}
