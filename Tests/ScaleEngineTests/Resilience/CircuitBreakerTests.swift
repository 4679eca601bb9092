import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct CircuitBreakerTests {
  func spec(
    window: Int = 4, minimumCalls: Int = 4, wait: Double = 10, halfOpen: Int = 2,
    slowDuration: Double = 60, slowRate: Double = 1
  ) -> CircuitBreakerSpec {
    CircuitBreakerSpec(
      name: "b", target: "db", failureRateThreshold: 0.5, slowCallRateThreshold: slowRate,
      slowCallDuration: slowDuration, window: window, minimumCalls: minimumCalls,
      waitInOpen: wait, halfOpenCalls: halfOpen)
  }

  /// Closed → open at 50 % of 4 calls → refusals → half-open lazily after the wait →
  /// trial calls fail → open → half-open → trial calls succeed → closed.
  @Test func fullCycle() {
    var b = CircuitBreaker(spec: spec())
    var states: [BreakerState] = []
    for (i, ok) in [true, false, true].enumerated() {
      do {
        let ok = b.tryAcquire(now: Double(i)).permitted
        #expect(ok)
      }
      do {
        let ok = b.record(success: ok, duration: 0.01, now: Double(i)) == nil
        #expect(ok)
      }
    }
    do {
      let ok = b.tryAcquire(now: 3).permitted
      #expect(ok)
    }
    let opened = b.record(success: false, duration: 0.01, now: 3)  // 2 of 4 failed
    #expect(opened?.to == .open)
    #expect(
      opened?.fact
        == .breakerOpened(
          .init(measure: .failures, rate: 0.5, threshold: 0.5, calls: 4, trial: false, wait: 10)))
    states.append(b.state)
    do {
      let ok = b.tryAcquire(now: 13).permitted == false  // not strictly after 3 + 10
      #expect(ok)
    }
    let trial = b.tryAcquire(now: 13.5)
    #expect(trial.permitted)
    #expect(trial.transition?.to == .halfOpen)
    states.append(b.state)
    do {
      let ok = b.tryAcquire(now: 13.6).permitted
      #expect(ok)
    }
    do {
      let ok = b.tryAcquire(now: 13.7).permitted == false  // only 2 trial calls
      #expect(ok)
    }
    do {
      let ok = b.record(success: true, duration: 0.01, now: 14) == nil
      #expect(ok)
    }
    let reopened = b.record(success: false, duration: 0.01, now: 14.1)  // 1 of 2 = 50 %
    #expect(reopened?.from == .halfOpen && reopened?.to == .open)
    states.append(b.state)
    do {
      let ok = b.tryAcquire(now: 24.2).permitted
      #expect(ok)
    }
    do {
      let ok = b.tryAcquire(now: 24.3).permitted
      #expect(ok)
    }
    do {
      let ok = b.record(success: true, duration: 0.01, now: 25) == nil
      #expect(ok)
    }
    let closed = b.record(success: true, duration: 0.01, now: 25)
    #expect(closed?.to == .closed)
    #expect(closed?.fact == .breakerClosed(failed: 0, calls: 2, failureRate: 0, threshold: 0.5))
    states.append(b.state)
    #expect(states == [.open, .halfOpen, .open, .closed])
    #expect(b.transitions.map(\.to) == [.open, .halfOpen, .open, .halfOpen, .closed])
    #expect(b.notPermitted == 2)
    #expect(
      b.transitions.map { $0.runEvent(breaker: "b").kind.rawValue } == [
        "breaker-open", "breaker-half-open", "breaker-open", "breaker-half-open", "breaker-closed",
      ])
  }

  /// The window slides: old failures fall out; nothing is decided below the minimum.
  @Test func slidingWindowAndMinimum() {
    var b = CircuitBreaker(spec: spec(window: 4, minimumCalls: 10))  // effective minimum 4
    let outcomes = [false, true, true, true, true, false, true, true, false]
    var opened: Int?
    for (i, ok) in outcomes.enumerated() {
      if b.record(success: ok, duration: 0, now: Double(i))?.to == .open { opened = i }
    }
    // Windows: [F T T T] 25 %, [T T T T], [T T T F], [T T F T], [T F T T], [F T T F] 50 % at i=8.
    #expect(opened == 8)
    var high = CircuitBreaker(spec: spec(window: 100, minimumCalls: 100))
    for i in 0..<99 { #expect(high.record(success: false, duration: 0, now: Double(i)) == nil) }
    do {
      let ok = high.record(success: false, duration: 0, now: 99)?.to == .open
      #expect(ok)
    }
  }

  /// Slow calls open it when the slow-call rate reaches its threshold.
  @Test func slowCalls() {
    var b = CircuitBreaker(spec: spec(window: 2, minimumCalls: 2, slowDuration: 1, slowRate: 1))
    do {
      let ok = b.record(success: true, duration: 1, now: 0) == nil  // not slower than 1 s
      #expect(ok)
    }
    do {
      let ok = b.record(success: true, duration: 2, now: 1) == nil  // 1 of 2 slow
      #expect(ok)
    }
    let t = b.record(success: true, duration: 1.5, now: 2)
    #expect(t?.to == .open)
    #expect(
      t?.fact
        == .breakerOpened(
          .init(
            measure: .slowCalls(slowerThan: 1), rate: 1, threshold: 1, calls: 2, trial: false,
            wait: 10)))
  }

  /// Outcomes arriving while open are ignored; resilience4j defaults.
  @Test func openIgnoresOutcomesAndDefaults() {
    var b = CircuitBreaker(spec: spec(window: 1, minimumCalls: 1))
    do {
      let ok = b.record(success: false, duration: 0, now: 0)?.to == .open
      #expect(ok)
    }
    do {
      let ok = b.record(success: true, duration: 0, now: 1) == nil
      #expect(ok)
    }
    #expect(b.state == .open)
    let d = CircuitBreaker(spec: CircuitBreakerSpec(name: "d", target: "x"))
    #expect(d.spec.window == 100 && d.spec.minimumCalls == 100 && d.spec.halfOpenCalls == 10)
    #expect(d.spec.waitInOpen == 60 && d.spec.failureRateThreshold == 0.5)
  }

  @Test func badInputIsClamped() {
    var b = CircuitBreaker(spec: spec(window: 0, minimumCalls: -1, wait: .nan, halfOpen: 0))
    do {
      let ok = b.record(success: false, duration: .nan, now: 0)?.to == .open
      #expect(ok)
    }
    do {
      let ok = b.tryAcquire(now: 1e12).permitted == false  // NaN wait: never half-open
      #expect(ok)
    }
  }
}
