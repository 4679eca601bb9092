public enum Arrivals: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Exponential inter-arrival times (a Poisson process).
  case poisson
  /// Evenly spaced arrivals.
  case constant
}

public enum KeyPopularity: Sendable, Equatable, Hashable {
  /// Every one of `count` keys equally likely.
  case uniform(count: Int)
  /// Key of rank k has probability ∝ 1/k^exponent, over `count` keys.
  case zipf(exponent: Double, count: Int)

  public var count: Int {
    switch self {
    case .uniform(let count): return count
    case .zipf(_, let count): return count
    }
  }
}

/// A rate that changes periodically: between `low` and `high` rps as a sine over `period`
/// seconds, lowest at t = 0 (a daily cycle when the period is 24 h).
public struct Cycle: Sendable, Equatable, Hashable {
  public var low: Double
  public var high: Double
  public var period: Double
  public init(low: Double, high: Double, period: Double) {
    self.low = low
    self.high = high
    self.period = period
  }
}

/// The offered load: a rate that events may change over time, arrivals, read/write mix,
/// keys, and the client's timeout.
public struct TrafficSpec: Sendable, Equatable, Hashable {
  /// Requests per second at t = 0.
  public var rate: Double
  /// A periodic rate instead of a fixed one.
  public var cycle: Cycle?
  public var arrivals: Arrivals
  /// Share of requests that are reads.
  public var readFraction: Double
  /// Share of writes handed to a queue for asynchronous processing.
  public var asyncFraction: Double
  public var keys: KeyPopularity
  /// The client gives up after this long (counts as timed out); nil = waits forever.
  public var timeout: Double?
  public init(
    rate: Double, cycle: Cycle? = nil, arrivals: Arrivals = .poisson,
    readFraction: Double = Defaults.readFraction, asyncFraction: Double = 0,
    keys: KeyPopularity = .uniform(count: Defaults.keyCount), timeout: Double? = nil
  ) {
    self.rate = rate
    self.cycle = cycle
    self.arrivals = arrivals
    self.readFraction = readFraction
    self.asyncFraction = asyncFraction
    self.keys = keys
    self.timeout = timeout
  }
}
