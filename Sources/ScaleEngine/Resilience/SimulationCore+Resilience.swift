import ScaleModel

/// Rate limits and breakers at the entry, retries with backoff on failures, and the queue
/// for asynchronous writes.
extension SimulationCore {
  /// The entry stage (every attempt, retries included): rate limits, the retry budget's
  /// deposit for first attempts, and the breaker around the servers.
  mutating func enterEntryStage(_ slot: Int32) -> StageOutcome {
    let t = tierSlot(slot)
    for l in resilience.limits.indices where !resilience.limits[l].tryTake(now: now) {
      return .fail(.rejected)
    }
    if requests[t].attempt == 0 { resilience.budget?.deposit(now: now) }
    if resilience.serverBreaker >= 0 {
      guard acquireBreaker(resilience.serverBreaker) else { return .fail(.breakerOpen) }
      dataTier.slots[t].serverBreaker = Int32(resilience.serverBreaker)
      dataTier.slots[t].serverBreakerStart = now
    }
    return .next(routesActive ? .route : .balancer)
  }

  /// Asks breaker `b` for a call now; notes a state change; counts the call.
  mutating func acquireBreaker(_ b: Int) -> Bool {
    let p = resilience.breakers[b].tryAcquire(now: now)
    resilience.breakerCalls[b] += 1
    if let transition = p.transition { noteTransition(transition, breaker: b) }
    return p.permitted
  }

  mutating func noteTransition(_ transition: BreakerTransition, breaker b: Int) {
    if transition.to == .closed {
      if let since = resilience.breakerOpenSince[b] { resilience.breakerOpenTime[b] += now - since }
      resilience.breakerOpenSince[b] = nil
    } else if resilience.breakerOpenSince[b] == nil {
      resilience.breakerOpenSince[b] = now
    }
    note(resilience.breakers[b].spec.name, transition.fact)
  }

  mutating func releaseServerBreaker(_ t: Int, success: Bool) {
    let b = Int(dataTier.slots[t].serverBreaker)
    guard b >= 0 else { return }
    dataTier.slots[t].serverBreaker = -1
    recordBreakerCall(b, started: dataTier.slots[t].serverBreakerStart, success: success)
  }

  /// Breaker `b` records the outcome of a call that started at `start` (a request around the
  /// servers, or a database call) and notes any change of state.
  @inline(__always)
  mutating func recordBreakerCall(_ b: Int, started start: Double, success: Bool) {
    guard b >= 0, b < resilience.breakers.count else { return }
    let d = now - start
    if let transition = resilience.breakers[b].record(success: success, duration: d, now: now) {
      noteTransition(transition, breaker: b)
    }
  }

  /// A request failed with `cause`: breakers holding it record a failure; then, if the retry
  /// policy allows (attempts left, a retryable cause, the budget), the backoff delay.
  mutating func retryDelay(_ slot: Int32, _ cause: ErrorCause) -> Double? {
    let t = tierSlot(slot)
    releaseServerBreaker(t, success: false)
    endDatabaseCalls(t, success: false)
    guard let spec = resilience.retry, cause == .unavailable || cause == .rejected else {
      return nil
    }
    let attempt = Int(requests[t].attempt)
    guard attempt + 1 < Swift.min(spec.attempts, Int(UInt8.max)) else { return nil }
    if resilience.budget != nil, resilience.budget?.tryWithdraw(now: now) != true {
      resilience.retriesRefusedByBudget += 1
      return nil
    }
    let previous = dataTier.slots[t].backoffPrevious
    var backoff = Backoff(spec: spec, previous: previous > 0 ? previous : nil)
    let delay = backoff.delay(retry: attempt + 1, uniform: resilience.retryRng.nextDouble())
    dataTier.slots[t].backoffPrevious = delay
    resilience.retries += 1
    return delay
  }

  /// The client gave up on a request: breakers holding it count a failure (as resilience4j
  /// does with a time limiter), so a half-open breaker never waits for it forever.
  mutating func requestTimedOut(_ slot: Int32) {
    let t = tierSlot(slot)
    releaseServerBreaker(t, success: false)
    endDatabaseCalls(t, success: false)
  }

  // MARK: - Queue (asynchronous writes)

  mutating func enterQueueStage(_ slot: Int32, queue q: Int) -> StageOutcome {
    guard q >= 0, q < queues.count else { return .next(.done) }
    let key = requests[Int(slot)].key
    if queues.all[q].queue.depth >= maxInFlight {
      noteCapReached(queues.all[q].name, .messagesWaiting)
      return .fail(.rejected)
    }
    switch queues.all[q].queue.enqueue(id: key, now: now) {
    case .rejected: return .fail(.rejected)
    case .accepted, .acceptedDropping: break
    }
    startWorkers(q)
    return .next(.done)
  }

  mutating func startWorkers(_ q: Int) {
    while let w = queues.all[q].running.firstIndex(where: { $0 == nil }),
      let job = queues.all[q].queue.startNext(now: now)
    {
      queues.all[q].running[w] = job
      var rng = queues.all[q].rng
      let d = queues.all[q].service.sample(&rng)
      queues.all[q].rng = rng
      events.schedule(
        at: now + d, kind: .dataTier, a: Int32(truncatingIfNeeded: q),
        b: UInt32(truncatingIfNeeded: w), c: DataTierState.Tag.queueDone.rawValue)
    }
  }

  /// A worker finished a message: the write takes effect (the cache entry is invalidated,
  /// replicas get it after their lag); the worker takes the next message.
  mutating func queueWorkerDone(queue q: Int, worker w: Int) {
    guard q >= 0, q < queues.count, w >= 0, w < queues.all[q].running.count,
      let job = queues.all[q].running[w]
    else { return }
    queues.all[q].running[w] = nil
    queues.all[q].queue.finish(job, now: now)
    let key = job.id
    let d = dataTier.pathDatabase
    let shard = d >= 0 ? databases.all[d].shards.shard(for: key) : 0
    commitWrite(d, key: key, shard: shard)
    startWorkers(q)
  }
}
