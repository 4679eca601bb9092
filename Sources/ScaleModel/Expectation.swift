public enum Comparison: String, Sendable, Equatable, Hashable, CaseIterable {
  case less = "<"
  case lessOrEqual = "<="
  case greater = ">"
  case greaterOrEqual = ">="

  public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
    switch self {
    case .less: return lhs < rhs
    case .lessOrEqual: return lhs <= rhs
    case .greater: return lhs > rhs
    case .greaterOrEqual: return lhs >= rhs
    }
  }
}

/// `expect [component] metric op value [with 95% confidence]`.
public struct Expectation: Sendable, Equatable, Hashable {
  /// nil: the whole system (as seen by the client).
  public var component: String?
  /// `expect route checkout p99 < 150ms`: the requests of one route (as the client saw them);
  /// nil: every request. Set only with `component` nil.
  public var route: String?
  public var metric: Metric
  public var comparison: Comparison
  /// In base units: seconds, fractions (0.1% = 0.001), requests per second.
  public var bound: Double
  /// With replications, the confidence level the bound must hold at (e.g. 0.95).
  public var confidence: Double?
  /// The statement as written, for verdicts (`p99 < 200ms`).
  public var text: String
  public var line: Int
  public init(
    component: String? = nil, metric: Metric, comparison: Comparison, bound: Double,
    confidence: Double? = nil, text: String = "", line: Int = 0
  ) {
    self.component = component
    self.metric = metric
    self.comparison = comparison
    self.bound = bound
    self.confidence = confidence
    self.text = text
    self.line = line
  }
}
