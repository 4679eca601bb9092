/// A retry budget (Finagle's `RetryBudget`, §8.3): every request deposits a token, a retry
/// withdraws 1/percent tokens, and a reserve of `minRetriesPerSecond × ttl` retries is always
/// there; deposits and withdrawals expire after `ttl` (10 s), so at most `percent` of the
/// recent requests plus `minRetriesPerSecond` per second are retried.
///
/// As in Finagle, amounts are scaled integers (a deposit is 1000, a withdrawal 1000/percent)
/// and the window is `ttl` cut into 10 slices (Finagle's `WindowedAdder`): an entry counts
/// while its slice is one of the latest 10.
public struct RetryBudget: Sendable, Equatable {
  public let percent: Double
  public let minRetriesPerSecond: Double
  public let ttl: Double
  let depositAmount: Int64
  let withdrawalAmount: Int64
  let reserve: Int64
  static let sliceCount = 10
  private var sliceIndex: [Int64]
  private var sliceSum: [Int64]
  public private(set) var retriesAllowed = 0
  public private(set) var retriesRefused = 0

  /// Finagle's defaults: 20 %, 10 retries per second, ttl 10 s (clamped to 1…60 s); a
  /// positive percent below 10⁻⁶ counts as 10⁻⁶.
  public init(percent: Double = 0.2, minRetriesPerSecond: Double = 10, ttl: Double = 10) {
    let p = percent.isFinite && percent > 0 ? min(max(percent, 1e-6), 1) : 0
    self.percent = p
    self.minRetriesPerSecond = minRetriesPerSecond.isFinite ? max(0, minRetriesPerSecond) : 0
    self.ttl = ttl.isFinite ? min(max(ttl, 1), 60) : 10
    depositAmount = p == 0 ? 0 : 1000
    withdrawalAmount = p == 0 ? 1 : Int64((1000 / p).rounded())
    let reserveRetries = (self.minRetriesPerSecond * self.ttl).rounded(.down)
    // Bounded so the scaled reserve fits in Int64 (withdrawal ≤ 10⁹, retries ≤ 10⁹).
    reserve = Int64(min(reserveRetries, 1e9)) * withdrawalAmount
    sliceIndex = [Int64](repeating: Int64.min, count: RetryBudget.sliceCount)
    sliceSum = [Int64](repeating: 0, count: RetryBudget.sliceCount)
  }

  /// A request was sent at `now` (first attempts only).
  public mutating func deposit(now: Double) {
    add(depositAmount, now: now)
  }

  /// A retry wants to go at `now`: takes from the budget if it can. Returns whether allowed.
  public mutating func tryWithdraw(now: Double) -> Bool {
    if balance(now: now) >= withdrawalAmount {
      add(-withdrawalAmount, now: now)
      retriesAllowed += 1
      return true
    }
    retriesRefused += 1
    return false
  }

  /// Scaled tokens available at `now` (reserve plus live deposits minus live withdrawals).
  public func balance(now: Double) -> Int64 {
    let current = slice(now)
    var sum = reserve
    for i in 0..<RetryBudget.sliceCount
    where sliceIndex[i] > current - Int64(RetryBudget.sliceCount) {
      sum += sliceSum[i]
    }
    return sum
  }

  /// Retries that could go now.
  public func retriesAvailable(now: Double) -> Int {
    Int(max(0, balance(now: now)) / withdrawalAmount)
  }

  private func slice(_ now: Double) -> Int64 {
    let w = ttl / Double(RetryBudget.sliceCount)
    let s = (max(0, now) / w).rounded(.down)
    return s < 9e18 ? Int64(s) : Int64.max / 2
  }

  private mutating func add(_ amount: Int64, now: Double) {
    let s = slice(now)
    let i = Int(s % Int64(RetryBudget.sliceCount))
    if sliceIndex[i] != s {
      sliceIndex[i] = s
      sliceSum[i] = 0
    }
    sliceSum[i] += amount
  }
}
