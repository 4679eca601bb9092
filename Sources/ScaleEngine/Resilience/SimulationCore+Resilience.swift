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

  /// A message for queue `q`: the client's request is done once it is queued (or fails when
  /// the queue refuses it). Its workers are station `WorkQueue.station`.
  mutating func enterQueueStage(_ slot: Int32, queue q: Int) -> StageOutcome {
    guard q >= 0, q < queues.count else { return .next(.done) }
    let s = queues.all[q].station
    if stations.all[s].queue.count >= maxInFlight {
      noteCapReached(queues.all[q].name, .messagesWaiting)
      return .fail(.rejected)
    }
    switch queues.all[q].offer(key: requests[Int(slot)].key, at: now, to: &stations.all[s]) {
    case .refused(let cause): return .fail(cause)
    case .waiting: break
    case .start(let m): startWorker(station: s, message: m)
    }
    return .next(.done)
  }

  /// A worker of station `s` starts message `m` (a message has no request generation).
  mutating func startWorker(station s: Int, message m: Int32) {
    startService(station: s, item: m, generation: 0)
  }

  /// A worker of station `s` finished message `m` (`serviceDone`, role `.queue`): the write
  /// takes effect (the cache entry is invalidated, replicas get it after their lag); free
  /// workers take the next messages.
  mutating func queueWorkerDone(message m: Int32, station s: Int) {
    let q = Int(stations.all[s].local)
    guard q >= 0, q < queues.count,
      let message = queues.all[q].finish(m, at: now, workers: &stations.all[s])
    else { return }
    let d = dataTier.pathDatabase
    let shard = d >= 0 ? databases.all[d].shards.shard(for: message.key) : 0
    commitWrite(d, key: message.key, shard: shard)
    while let next = stations.all[s].nextWaiting(at: now) { startWorker(station: s, message: next) }
  }

  /// Station `s`, a queue's workers, dropped what it held (no statement fails a queue today):
  /// its messages are lost.
  mutating func queueWorkersDropped(station s: Int) {
    let q = Int(stations.all[s].local)
    if q >= 0, q < queues.count { queues.all[q].dropAll() }
  }
}
