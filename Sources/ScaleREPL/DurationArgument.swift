/// The duration argument of `.step`: a number with the language's duration units
/// (`us ms s min h d`); a bare number means seconds, as in scripts. `k`/`M` multipliers and
/// `_` separators are not needed here and are refused.
public enum DurationArgument {
  static let secondsPerUnit: [(unit: String, seconds: Double)] = [
    ("us", 0.000_001), ("ms", 0.001), ("min", 60), ("s", 1), ("h", 3600), ("d", 86_400),
  ]

  /// Seconds, or nil if `text` is not a positive, finite duration of at most 100 years.
  public static func seconds(_ text: String) -> Double? {
    var number = Substring(text)
    var factor = 1.0
    for (unit, seconds) in secondsPerUnit where text.hasSuffix(unit) {
      number = text.dropLast(unit.count)
      factor = seconds
      break
    }
    guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
      number.first != ".", number.last != ".",
      let value = Double(number)
    else { return nil }
    let total = value * factor
    guard total.isFinite, total > 0, total <= 100 * 365 * 86_400 else { return nil }
    return total
  }
}
