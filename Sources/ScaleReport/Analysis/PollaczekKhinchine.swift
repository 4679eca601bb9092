/// The M/G/1 queue (Pollaczek–Khinchine): Poisson arrivals, one server, any service
/// distribution with mean E[S] and squared coefficient of variation C_s²:
/// Wq = ρ(1 + C_s²) / (2(1 − ρ)) · E[S] (semantics-notes §10).
public enum PollaczekKhinchine {
  /// Mean wait in queue; nil when unstable (ρ ≥ 1) or invalid.
  public static func meanWait(
    arrivalRate lambda: Double, meanService: Double, squaredCV: Double
  ) -> Double? {
    let rho = lambda * meanService
    guard meanService > 0, lambda >= 0, squaredCV >= 0, rho < 1, rho.isFinite,
      squaredCV.isFinite
    else { return nil }
    return rho * (1 + squaredCV) / (2 * (1 - rho)) * meanService
  }

  /// Mean time in system W = Wq + E[S].
  public static func meanResponse(
    arrivalRate lambda: Double, meanService: Double, squaredCV: Double
  ) -> Double? {
    meanWait(arrivalRate: lambda, meanService: meanService, squaredCV: squaredCV).map {
      $0 + meanService
    }
  }
}
