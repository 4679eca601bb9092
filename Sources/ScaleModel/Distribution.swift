/// A probability distribution of a non-negative duration or quantity, in base units
/// (seconds for times). The engine samples it; the language writes it as
/// `exp 2ms`, `const 2ms`, `uniform 1ms..3ms`, `normal 2ms sd 0.5ms`, `lognormal 2ms sd 1ms`.
public enum Distribution: Sendable, Equatable, Hashable {
  /// Exponential with the given mean (memoryless; M in Kendall's notation).
  case exponential(mean: Double)
  /// Always the same value (D in Kendall's notation).
  case constant(Double)
  /// Uniform on `[low, high]`.
  case uniform(low: Double, high: Double)
  /// Normal with `mean` and `stddev`, truncated at zero by resampling.
  case normal(mean: Double, stddev: Double)
  /// Log-normal whose own mean and standard deviation are `mean` and `stddev`.
  case lognormal(mean: Double, stddev: Double)

  /// The distribution's mean.
  public var mean: Double {
    switch self {
    case .exponential(let mean): return mean
    case .constant(let value): return value
    case .uniform(let low, let high): return (low + high) / 2
    case .normal(let mean, _): return mean
    case .lognormal(let mean, _): return mean
    }
  }

  /// The squared coefficient of variation, Var/E², used by Kingman's and P-K formulas.
  public var squaredCoefficientOfVariation: Double {
    let m = mean
    guard m > 0 else { return 0 }
    switch self {
    case .exponential: return 1
    case .constant: return 0
    case .uniform(let low, let high):
      let variance = (high - low) * (high - low) / 12
      return variance / (m * m)
    case .normal(_, let sd): return (sd * sd) / (m * m)
    case .lognormal(_, let sd): return (sd * sd) / (m * m)
    }
  }

  /// The same distribution with every value multiplied by `factor` (e.g. a slower core).
  public func scaled(by factor: Double) -> Distribution {
    switch self {
    case .exponential(let mean): return .exponential(mean: mean * factor)
    case .constant(let value): return .constant(value * factor)
    case .uniform(let low, let high): return .uniform(low: low * factor, high: high * factor)
    case .normal(let mean, let sd): return .normal(mean: mean * factor, stddev: sd * factor)
    case .lognormal(let mean, let sd): return .lognormal(mean: mean * factor, stddev: sd * factor)
    }
  }
}
