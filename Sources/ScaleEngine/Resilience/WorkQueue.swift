import ScaleModel

/// A message at a queue, waiting or in service: the key its write commits when a worker is
/// done with it, and when it was enqueued.
struct QueuedMessage: Equatable {
  var key: Int
  var enqueuedAt: Double
}

/// What became of a message offered to a `WorkQueue`.
enum QueueOffer: Equatable {
  /// Refused for this cause: the queue was full and its overflow is `reject` (or nothing
  /// waited to be dropped); counted by the workers' station.
  case refused(ErrorCause)
  /// Accepted: it waits for a worker (when the queue was full and its overflow is
  /// `drop-oldest`, after the oldest waiting message was dropped).
  case waiting
  /// Accepted by a free worker: message `m`'s service starts now.
  case start(Int32)
}

/// A message queue (asynchronous processing; the station behind `async` writes): the layer
/// that is the queue's own over its workers, which are one `Station` of role `.queue` in the
/// station table — `workers` cores, one FCFS queue, and the station's mechanics and figures
/// (arrivals, completions, busy and waiting integrals, max depth seen, latency, the time
/// series). What the queue adds:
///
/// - the bound on messages *waiting* (`max-depth`): the station's connection limit is
///   workers + max-depth, so a message a free worker takes at once never counts against it.
///   When full, `reject` refuses the new message (the station counts it rejected) and
///   `drop-oldest` drops the oldest waiting one (counted rejected too) and takes the new one;
/// - the messages: a message is no request slot (its client was answered when it was
///   queued), so the number the station's FIFO and completion events carry indexes
///   `messages`; its enqueue time makes the station's latency the time from enqueue to done.
///
/// The engine's steps: `offer` when a message arrives (start its service on `.start`),
/// `finish` when a worker is done with one (then the station's `nextWaiting`).
struct WorkQueue {
  let name: String
  /// Its workers' station (index into the station table).
  let station: Int
  let overflow: QueueOverflow
  /// Messages by number; `free` lists the numbers not in use.
  private(set) var messages: [QueuedMessage] = []
  private var free: [Int32] = []

  /// Most workers a queue is simulated with.
  static let maxWorkers = 100_000

  init(spec: QueueSpec, station: Int) {
    name = spec.name
    self.station = station
    overflow = spec.overflow
  }

  /// The station serving queue `q` (`spec`): `spec.workers` cores (1 … `maxWorkers`), at
  /// most workers + max-depth messages present (none without max-depth), its service times
  /// drawn from the stream `queue:<name>`.
  static func workers(of spec: QueueSpec, queue q: Int, seed: UInt64, now: Double) -> Station {
    let workers = Swift.min(Swift.max(1, spec.workers), maxWorkers)
    var limit = Int.max
    if let depth = spec.maxDepth {
      let (sum, overflow) = workers.addingReportingOverflow(Swift.max(0, depth))
      limit = overflow ? Int.max : sum
    }
    let server = ServerSpec(
      name: spec.name, cores: workers, service: spec.service, maxConnections: limit)
    return Station(
      spec: server, kind: .queue, role: .queue, database: -1, local: q, seed: seed, now: now)
  }

  /// A message with `key` arrives at `now` at `workers` (this queue's station).
  mutating func offer(key: Int, at now: Double, to workers: inout Station) -> QueueOffer {
    if let cause = workers.refusal {
      guard cause == .rejected, overflow == .dropOldest, let oldest = workers.queue.popFirst()
      else {
        workers.countRefused(cause)
        return .refused(cause)
      }
      release(oldest)
      workers.stats.counters.rejected += 1
    }
    workers.stats.counters.arrivals += 1
    let m = store(QueuedMessage(key: key, enqueuedAt: now))
    return workers.takeCoreOrWait(m, at: now) ? .start(m) : .waiting
  }

  /// A worker of `workers` is done with message `m` at `now`: the worker is free and the
  /// time from enqueue to done is the station's latency. The message, nil if `m` is none.
  mutating func finish(_ m: Int32, at now: Double, workers: inout Station) -> QueuedMessage? {
    guard let message = release(m) else { return nil }
    workers.endService(at: now, sojourn: now - message.enqueuedAt)
    return message
  }

  /// The station dropped every message it held (waiting and in service): all are lost.
  mutating func dropAll() {
    messages.removeAll(keepingCapacity: true)
    free.removeAll(keepingCapacity: true)
  }

  private mutating func store(_ message: QueuedMessage) -> Int32 {
    if let m = free.popLast() {
      messages[Int(m)] = message
      return m
    }
    messages.append(message)
    return Int32(truncatingIfNeeded: messages.count - 1)
  }

  /// Frees number `m` (a freed number's enqueue time is NaN): its message, nil if none.
  @discardableResult
  private mutating func release(_ m: Int32) -> QueuedMessage? {
    let i = Int(m)
    guard i >= 0, i < messages.count, !messages[i].enqueuedAt.isNaN else { return nil }
    let message = messages[i]
    messages[i].enqueuedAt = .nan
    free.append(m)
    return message
  }
}
