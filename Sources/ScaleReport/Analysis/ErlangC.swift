/// The M/M/c queue (Erlang C): `c` servers of rate μ share one FCFS queue fed by Poisson
/// arrivals of rate λ; offered load a = λ/μ. Computed through the Erlang B recursion
/// B(0) = 1, B(k) = a·B(k−1) / (k + a·B(k−1)), then C = c·B / (c − a(1 − B)), which stays
/// accurate for large c (semantics-notes §10; Kleinrock 1975).
public enum ErlangC {
  /// Largest server count evaluated (the recursion is O(c)); beyond it functions give nil.
  public static let maximumServers = 10_000_000

  /// Erlang B: the share of arrivals blocked in M/M/c/c with offered load `a`.
  /// nil for c < 1, a < 0, non-finite input or c beyond `maximumServers`.
  public static func blocking(servers c: Int, load a: Double) -> Double? {
    guard c >= 0, c <= maximumServers, a >= 0, a.isFinite else { return nil }
    var b = 1.0
    var k = 1
    while k <= c {
      b = a * b / (Double(k) + a * b)
      if b == 0 { break }
      k += 1
    }
    return b
  }

  /// C(c, a): the probability that an arrival waits. 1 when a ≥ c (saturated); nil for
  /// invalid input.
  public static func waitProbability(servers c: Int, load a: Double) -> Double? {
    guard c >= 1, let b = blocking(servers: c, load: a) else { return nil }
    let n = Double(c)
    guard a < n else { return 1 }
    return n * b / (n - a * (1 - b))
  }

  /// Mean wait in queue Wq = C / (cμ − λ); nil when unstable (λ ≥ cμ) or invalid.
  public static func meanWait(servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double)
    -> Double?
  {
    guard mu > 0, lambda >= 0, lambda < Double(c) * mu,
      let p = waitProbability(servers: c, load: lambda / mu)
    else { return nil }
    return p / (Double(c) * mu - lambda)
  }

  /// Mean time in system W = Wq + 1/μ.
  public static func meanResponse(
    servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double
  ) -> Double? {
    meanWait(servers: c, arrivalRate: lambda, serviceRate: mu).map { $0 + 1 / mu }
  }

  /// The p-quantile of the wait in queue: max(0, ln(C / (1 − p)) / (cμ − λ)).
  public static func waitQuantile(
    _ p: Double, servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double
  ) -> Double? {
    guard p > 0, p < 1, mu > 0, lambda >= 0, lambda < Double(c) * mu,
      let wait = waitProbability(servers: c, load: lambda / mu)
    else { return nil }
    guard wait > 1 - p else { return 0 }
    return naturalLog(wait / (1 - p)) / (Double(c) * mu - lambda)
  }

  /// P(T > t) for the time in system T = Wq + S: with probability 1 − C no wait, otherwise
  /// an Exponential(θ = cμ − λ) wait, plus an Exponential(μ) service.
  public static func responseTail(
    _ t: Double, servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double
  ) -> Double? {
    guard mu > 0, lambda >= 0, lambda < Double(c) * mu, t >= 0,
      let wait = waitProbability(servers: c, load: lambda / mu)
    else { return nil }
    return tail(t, wait: wait, theta: Double(c) * mu - lambda, mu: mu)
  }

  static func tail(_ t: Double, wait: Double, theta: Double, mu: Double) -> Double {
    let serviceTail = naturalExp(-mu * t)
    let both: Double
    if Swift.abs(theta - mu) <= 1e-9 * mu {
      both = (1 + mu * t) * serviceTail
    } else {
      both = (theta * serviceTail - mu * naturalExp(-theta * t)) / (theta - mu)
    }
    return (1 - wait) * serviceTail + wait * both
  }

  /// The p-quantile of the time in system, solved from `responseTail` by bisection
  /// (exact for M/M/c; for c = 1 it equals −ln(1 − p)/(μ − λ)).
  public static func responseQuantile(
    _ p: Double, servers c: Int, arrivalRate lambda: Double, serviceRate mu: Double
  ) -> Double? {
    guard p > 0, p < 1, mu > 0, lambda >= 0, lambda < Double(c) * mu,
      let wait = waitProbability(servers: c, load: lambda / mu)
    else { return nil }
    let theta = Double(c) * mu - lambda
    let target = 1 - p
    var high = 1 / mu
    var doublings = 0
    while tail(high, wait: wait, theta: theta, mu: mu) > target && doublings < 200 {
      high *= 2
      doublings += 1
    }
    var low = 0.0
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if tail(mid, wait: wait, theta: theta, mu: mu) > target { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }
}
