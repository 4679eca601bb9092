/// Units to base units: seconds for times, GB for sizes, fractions for percentages.
enum Quantity {
  enum Dimension: Sendable, Equatable {
    case time, percentage, size
  }

  static func dimension(of unit: Unit) -> Dimension {
    switch unit {
    case .microseconds, .milliseconds, .seconds, .minutes, .hours, .days: return .time
    case .percent: return .percentage
    case .megabytes, .gigabytes, .terabytes: return .size
    }
  }

  /// Seconds per unit of time.
  static func seconds(per unit: Unit) -> Double? {
    switch unit {
    case .microseconds: return 1e-6
    case .milliseconds: return 1e-3
    case .seconds: return 1
    case .minutes: return 60
    case .hours: return 3600
    case .days: return 86_400
    default: return nil
    }
  }

  /// A time in seconds. Sub-second units divide (so `50ms` is exactly the double `0.05`).
  static func seconds(_ value: Double, _ unit: Unit) -> Double? {
    switch unit {
    case .microseconds: return value / 1_000_000
    case .milliseconds: return value / 1000
    default: return seconds(per: unit).map { value * $0 }
    }
  }

  /// GB per unit of size (binary: 1 TB = 1024 GB, 1 GB = 1024 MB).
  static func gigabytes(per unit: Unit) -> Double? {
    switch unit {
    case .megabytes: return 1.0 / 1024
    case .gigabytes: return 1
    case .terabytes: return 1024
    default: return nil
    }
  }

  /// What a value with this unit is, for messages (`a duration`, `a percentage`).
  static func describe(_ unit: Unit?) -> String {
    guard let unit else { return "a plain number" }
    switch dimension(of: unit) {
    case .time: return "a duration"
    case .percentage: return "a percentage"
    case .size: return "a size"
    }
  }

  /// Words a user may type apart from their number (`250 ms`), mapped to the unit.
  static let detachedUnits: [String: String] = [
    "us": "us", "ms": "ms", "s": "s", "sec": "s", "secs": "s", "seconds": "s", "min": "min",
    "mins": "min", "minutes": "min", "h": "h", "hours": "h", "d": "d", "days": "d",
    "MB": "MB", "GB": "GB", "TB": "TB",
  ]

  /// Largest size a script may give, in GB (1 PB).
  static let maxGigabytes = 1_048_576.0
}
