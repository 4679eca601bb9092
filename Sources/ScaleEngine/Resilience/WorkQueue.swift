import Collections
import Histogram
import ScaleModel

/// A message waiting in or taken from a `WorkQueue`.
public struct QueuedJob: Sendable, Equatable {
  public var id: Int
  public var enqueuedAt: Double
  public init(id: Int, enqueuedAt: Double) {
    self.id = id
    self.enqueuedAt = enqueuedAt
  }
}

/// What happened to a message offered to a `WorkQueue`.
public enum QueueAdmission: Sendable, Equatable {
  /// Accepted (call `startNext` to hand it to a free worker).
  case accepted
  /// Refused: the queue was full and overflow is `reject`.
  case rejected
  /// Accepted after dropping the oldest waiting message (overflow `drop-oldest`).
  case acceptedDropping(QueuedJob)
}

/// A FIFO message queue served by `workers` workers (asynchronous processing; the station
/// behind `async` writes). The engine drives it with its events:
/// `enqueue` when a message arrives, `startNext` while it returns a job (schedule that job's
/// service), `finish` when a worker's job is done (then `startNext` again).
///
/// `maxDepth` bounds the messages *waiting* (not in service): a message that a free worker
/// takes at once never counts against it. Measures the time-averaged and maximum depth,
/// time-averaged busy workers, and the time from enqueue to done.
public struct WorkQueue: Sendable {
  public let workers: Int
  public let maxDepth: Int?
  public let overflow: QueueOverflow
  private var waiting: Deque<QueuedJob> = []
  public private(set) var busy = 0

  public private(set) var accepted = 0
  public private(set) var rejected = 0
  public private(set) var dropped = 0
  public private(set) var completed = 0
  public private(set) var maxDepthSeen = 0
  private var statsStart: Double
  private var lastChange: Double
  private var depthArea = 0.0
  private var busyArea = 0.0
  private var latencyMicros: Histogram<UInt64>
  private var latencySum = 0.0
  private var latencyMax = 0.0

  /// Largest latency recorded exactly in the histogram (400 days, in microseconds).
  static let highestMicros: UInt64 = 400 * 86_400 * 1_000_000

  public init(
    workers: Int, maxDepth: Int? = nil, overflow: QueueOverflow = .reject, now: Double = 0
  ) {
    self.workers = max(1, workers)
    self.maxDepth = maxDepth.map { max(0, $0) }
    self.overflow = overflow
    statsStart = now
    lastChange = now
    latencyMicros = Histogram<UInt64>(highestTrackableValue: WorkQueue.highestMicros)
  }

  public init(spec: QueueSpec, now: Double = 0) {
    self.init(workers: spec.workers, maxDepth: spec.maxDepth, overflow: spec.overflow, now: now)
  }

  /// Messages waiting (not in service).
  public var depth: Int { waiting.count }

  /// A message `id` arrives at `now`.
  public mutating func enqueue(id: Int, now: Double) -> QueueAdmission {
    advance(to: now)
    let free = workers - busy
    var result = QueueAdmission.accepted
    if let limit = maxDepth, waiting.count - free >= limit {
      switch overflow {
      case .reject:
        rejected += 1
        return .rejected
      case .dropOldest:
        guard let oldest = waiting.popFirst() else {
          rejected += 1
          return .rejected
        }
        dropped += 1
        result = .acceptedDropping(oldest)
      }
    }
    accepted += 1
    waiting.append(QueuedJob(id: id, enqueuedAt: now))
    maxDepthSeen = max(maxDepthSeen, max(0, waiting.count - free))
    return result
  }

  /// Hands the oldest waiting message to a free worker, if there are both.
  public mutating func startNext(now: Double) -> QueuedJob? {
    advance(to: now)
    guard busy < workers, let job = waiting.popFirst() else { return nil }
    busy += 1
    return job
  }

  /// A worker finished `job` at `now`: the worker is free and the time from enqueue to done
  /// is recorded.
  public mutating func finish(_ job: QueuedJob, now: Double) {
    advance(to: now)
    busy = max(0, busy - 1)
    completed += 1
    let latency = max(0, now - job.enqueuedAt)
    latencySum += latency
    latencyMax = max(latencyMax, latency)
    let micros = (latency * 1e6).rounded()
    let clamped =
      micros < Double(WorkQueue.highestMicros) ? UInt64(micros) : WorkQueue.highestMicros
    _ = latencyMicros.record(clamped)
  }

  /// Time-averaged waiting messages from the statistics start to `now`.
  public func meanDepth(upTo now: Double) -> Double {
    let span = now - statsStart
    guard span > 0 else { return Double(waiting.count) }
    return (depthArea + Double(waiting.count) * max(0, now - lastChange)) / span
  }

  /// Waiting-message-seconds and busy-worker-seconds from the statistics start to `now` (the
  /// time series differences them per interval).
  public func areas(upTo now: Double) -> (depth: Double, busy: Double) {
    let since = max(0, now - lastChange)
    return (depthArea + Double(waiting.count) * since, busyArea + Double(busy) * since)
  }

  /// Time-averaged share of workers busy from the statistics start to `now`.
  public func utilisation(upTo now: Double) -> Double {
    let span = now - statsStart
    guard span > 0 else { return Double(busy) / Double(workers) }
    return (busyArea + Double(busy) * max(0, now - lastChange)) / span / Double(workers)
  }

  /// Enqueue-to-done times of completed messages, in seconds.
  public var latency: LatencySummary {
    guard completed > 0 else { return LatencySummary() }
    func q(_ p: Double) -> Double { Double(latencyMicros.valueAtPercentile(p)) / 1e6 }
    return LatencySummary(
      count: completed, mean: latencySum / Double(completed), p50: q(50), p90: q(90),
      p95: q(95), p99: q(99), p999: q(99.9), max: latencyMax)
  }

  /// Starts the statistics afresh at `now` (end of warm-up); messages stay.
  public mutating func resetStatistics(now: Double) {
    advance(to: now)
    statsStart = now
    depthArea = 0
    busyArea = 0
    accepted = 0
    rejected = 0
    dropped = 0
    completed = 0
    maxDepthSeen = waiting.count
    latencyMicros.reset()
    latencySum = 0
    latencyMax = 0
  }

  private mutating func advance(to now: Double) {
    let dt = now - lastChange
    guard dt > 0 else { return }
    depthArea += Double(waiting.count) * dt
    busyArea += Double(busy) * dt
    lastChange = now
  }
}
