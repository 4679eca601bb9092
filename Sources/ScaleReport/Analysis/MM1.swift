/// The M/M/1 queue: Poisson arrivals of rate λ, one server with exponential service of rate
/// μ, FCFS. The time in system is Exponential(μ − λ) (semantics-notes §10).
public enum MM1 {
  /// ρ = λ/μ.
  public static func utilisation(arrivalRate lambda: Double, serviceRate mu: Double) -> Double {
    mu > 0 ? lambda / mu : .infinity
  }

  static func stable(_ lambda: Double, _ mu: Double) -> Bool {
    mu > 0 && lambda >= 0 && lambda < mu && lambda.isFinite && mu.isFinite
  }

  /// W = 1/(μ − λ); nil when unstable.
  public static func meanResponse(arrivalRate lambda: Double, serviceRate mu: Double) -> Double? {
    stable(lambda, mu) ? 1 / (mu - lambda) : nil
  }

  /// Wq = ρ/(μ − λ); nil when unstable.
  public static func meanWait(arrivalRate lambda: Double, serviceRate mu: Double) -> Double? {
    stable(lambda, mu) ? (lambda / mu) / (mu - lambda) : nil
  }

  /// L = ρ/(1 − ρ), the mean number in system.
  public static func meanInSystem(arrivalRate lambda: Double, serviceRate mu: Double) -> Double? {
    guard stable(lambda, mu) else { return nil }
    let rho = lambda / mu
    return rho / (1 - rho)
  }

  /// The p-quantile of the time in system: −ln(1 − p)/(μ − λ).
  public static func responseQuantile(
    _ p: Double, arrivalRate lambda: Double, serviceRate mu: Double
  ) -> Double? {
    guard p > 0, p < 1, stable(lambda, mu) else { return nil }
    return -naturalLog(1 - p) / (mu - lambda)
  }
}
