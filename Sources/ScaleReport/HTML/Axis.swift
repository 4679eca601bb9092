import ScaleModel

/// A chart axis: what it measures, how its ticks are written, and round tick values.
public struct Axis: Sendable {
  public enum Unit: Sendable, Equatable {
    /// Simulated time, ticks as clocks (`0:30`, `1:00`).
    case time
    /// A metric's unit (seconds, shares, rates, requests, counts).
    case metric(MetricUnit)
    /// A plain number (a swept parameter).
    case number
  }

  public var label: String
  public var unit: Unit
  public init(_ label: String, _ unit: Unit) {
    self.label = label
    self.unit = unit
  }

  /// A tick's text.
  func text(_ value: Double) -> String {
    switch unit {
    case .time: return Format.clock(value)
    case .metric(let metric):
      switch metric {
      case .seconds: return Format.duration(value)
      case .ratio: return Format.percent(value)
      case .requestsPerSecond: return Format.scaled(value)
      case .requests, .count: return Format.scaled(value)
      }
    case .number: return Format.significant(value, digits: 4)
    }
  }

  /// The unit written after the axis label (`requests per second`, `%`), "" when the ticks
  /// carry it.
  var unitSuffix: String {
    switch unit {
    case .metric(.requestsPerSecond): return " (rps)"
    default: return ""
    }
  }

  /// Round tick values covering `low…high`: steps of 1, 2 or 5 × 10ⁿ (for time from a
  /// second up, clock steps: 1, 2, 5, 10, 15, 30 s, then minutes and hours), about `count`
  /// of them. The range returned is widened to whole steps.
  static func ticks(low: Double, high: Double, count: Int, time: Bool)
    -> (values: [Double], low: Double, high: Double)
  {
    var lo = low.isFinite ? low : 0
    var hi = high.isFinite ? high : 1
    if hi < lo { swap(&lo, &hi) }
    if hi - lo < 1e-12 { hi = lo + (lo == 0 ? 1 : Swift.abs(lo) * 0.1) }
    let raw = (hi - lo) / Double(Swift.max(1, count))
    guard raw.isFinite, raw > 0 else { return ([lo, hi], lo, hi) }
    var step: Double
    if time && raw >= 1 {
      // Clock steps: 1, 2, 5, 10, 15, 30 s; 1, 2, 5, 10, 15, 30 min; 1, 2, 4, 8, 24 h.
      let seconds: [Double] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400,
      ]
      step = seconds.first { $0 >= raw } ?? (raw / 86_400).rounded(.up) * 86_400
    } else {
      var magnitude = 1.0
      while magnitude * 10 <= raw { magnitude *= 10 }
      while magnitude > raw && magnitude > 1e-12 { magnitude /= 10 }
      let multiples = [1.0, 2, 5, 10]
      step = magnitude * (multiples.first { magnitude * $0 >= raw } ?? 10)
    }
    guard step > 0, step.isFinite else { return ([lo, hi], lo, hi) }
    let first = (lo / step).rounded(.down)
    let last = (hi / step).rounded(.up)
    guard last - first < 1000 else { return ([lo, hi], lo, hi) }
    var values: [Double] = []
    var k = first
    while k <= last {
      values.append(k * step)
      k += 1
    }
    return (values, first * step, last * step)
  }
}
