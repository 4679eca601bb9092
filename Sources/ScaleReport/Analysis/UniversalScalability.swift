import ScaleModel

/// The Universal Scalability Law (Gunther 2007): relative capacity of N workers
/// C(N) = N / (1 + σ(N − 1) + κN(N − 1)), peaking at N* = √((1 − σ)/κ).
public enum UniversalScalability {
  /// C(N) for contention σ and coherency κ.
  public static func capacity(_ n: Int, sigma: Double, kappa: Double) -> Double {
    Contention(sigma: sigma, kappa: kappa).capacity(cores: n)
  }

  /// N*, the worker count of greatest capacity; nil when κ ≤ 0 (capacity keeps growing)
  /// or σ ≥ 1.
  public static func peak(sigma: Double, kappa: Double) -> Double? {
    guard kappa > 0, sigma < 1, kappa.isFinite, sigma.isFinite else { return nil }
    return ((1 - sigma) / kappa).squareRoot()
  }

  /// The mean service time per request per core that makes `cores` cores with this
  /// contention serve exactly C(cores) cores' worth: `mean × cores / C(cores)`.
  public static func effectiveMeanService(
    _ mean: Double, cores: Int, contention: Contention?
  ) -> Double {
    guard let contention, cores > 0 else { return mean }
    let capacity = contention.capacity(cores: cores)
    guard capacity > 0, capacity.isFinite else { return .infinity }
    return mean * Double(cores) / capacity
  }
}
