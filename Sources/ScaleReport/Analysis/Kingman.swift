/// Approximations for general arrivals and service (semantics-notes §10):
/// Kingman's G/G/1 formula E[Wq] ≈ ρ/(1 − ρ) · (c_a² + c_s²)/2 · E[S] (exact for M/M/1
/// and M/G/1), and its multi-server extension by Allen and Cunneen (Sakasegawa):
/// E[Wq] ≈ Wq(M/M/c) · (c_a² + c_s²)/2.
public enum Kingman {
  /// G/G/1 mean wait; nil when unstable or invalid.
  public static func meanWait(
    utilisation rho: Double, arrivalSCV ca2: Double, serviceSCV cs2: Double,
    meanService: Double
  ) -> Double? {
    guard rho >= 0, rho < 1, ca2 >= 0, cs2 >= 0, meanService > 0, ca2.isFinite, cs2.isFinite,
      meanService.isFinite
    else { return nil }
    return rho / (1 - rho) * (ca2 + cs2) / 2 * meanService
  }

  /// G/G/c mean wait by Allen–Cunneen; nil when unstable or invalid.
  public static func meanWait(
    servers c: Int, arrivalRate lambda: Double, meanService: Double, arrivalSCV ca2: Double,
    serviceSCV cs2: Double
  ) -> Double? {
    guard meanService > 0, ca2 >= 0, cs2 >= 0, ca2.isFinite, cs2.isFinite,
      let wq = ErlangC.meanWait(servers: c, arrivalRate: lambda, serviceRate: 1 / meanService)
    else { return nil }
    return wq * (ca2 + cs2) / 2
  }
}
