/// Little's law, L = λW, for any stable system (Little 1961): the time-averaged number
/// present equals the arrival rate times the mean time spent.
public enum LittlesLaw {
  /// L = λW.
  public static func meanInSystem(arrivalRate lambda: Double, meanTime w: Double) -> Double {
    lambda * w
  }

  /// W = L/λ; nil when λ is not positive.
  public static func meanTime(meanInSystem l: Double, arrivalRate lambda: Double) -> Double? {
    lambda > 0 ? l / lambda : nil
  }

  /// How far a measured L is from λW, relative to λW (0 when both are 0). A check of a
  /// simulation run: a large value means the statistics do not hang together.
  public static func relativeError(
    meanInSystem l: Double, arrivalRate lambda: Double, meanTime w: Double
  ) -> Double {
    let expected = lambda * w
    if expected == 0 { return l == 0 ? 0 : .infinity }
    return Swift.abs(l - expected) / Swift.abs(expected)
  }
}
