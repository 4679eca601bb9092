import Testing

@testable import ScaleEngine

@Suite struct RetryBudgetTests {
  /// 20 % with no reserve: 100 requests allow exactly 20 retries.
  @Test func percentOfRequests() {
    var b = RetryBudget(percent: 0.2, minRetriesPerSecond: 0, ttl: 10)
    for _ in 0..<100 { b.deposit(now: 1) }
    var allowed = 0
    for _ in 0..<30 where b.tryWithdraw(now: 1) { allowed += 1 }
    #expect(allowed == 20)
    #expect(b.retriesRefused == 10)
  }

  /// The reserve alone: 10 per second × 10 s = 100 retries, then none until they expire.
  @Test func reserveAndExpiry() {
    var b = RetryBudget(percent: 0.2, minRetriesPerSecond: 10, ttl: 10)
    var allowed = 0
    for _ in 0..<150 where b.tryWithdraw(now: 0.5) { allowed += 1 }
    #expect(allowed == 100)
    #expect(b.retriesAvailable(now: 9.9) == 0)
    // 10 s later the withdrawals have left the window: the reserve is whole again.
    #expect(b.retriesAvailable(now: 10.5) == 100)
  }

  /// Deposits expire after the ttl too.
  @Test func depositsExpire() {
    var b = RetryBudget(percent: 0.5, minRetriesPerSecond: 0, ttl: 10)
    for _ in 0..<10 { b.deposit(now: 0) }
    #expect(b.retriesAvailable(now: 9.99) == 5)
    #expect(b.retriesAvailable(now: 10.0) == 0)
  }

  @Test func badInput() {
    var none = RetryBudget(percent: .nan, minRetriesPerSecond: -5, ttl: .infinity)
    none.deposit(now: 0)
    do {
      let ok = none.tryWithdraw(now: 0) == false
      #expect(ok)
    }
    let tiny = RetryBudget(percent: 1e-300, minRetriesPerSecond: 1e300, ttl: 1e9)
    #expect(tiny.retriesAvailable(now: -4) > 0)
  }
}
