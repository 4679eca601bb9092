/// Number formatting shared by every renderer, and by the engine's and the checker's
/// sentences (so it lives in the lowest module they all see). Pure and platform-independent:
/// digits are produced from integer arithmetic, never from the C library's `printf`, so the
/// same value gives the same text on every machine. Durations: `Format+Duration.swift`.
public enum Format {
  /// Largest magnitude formatted digit by digit; beyond it the shortest round-trip
  /// `description` is used (such values are absurd for a report anyway).
  public static let exactLimit = 1e15

  /// `x` with exactly `decimals` digits after the point (`fixed(1.005, decimals: 2)` is
  /// `"1.01"` or `"1.00"` depending on binary rounding, but always the same on every
  /// platform). Non-finite values give `"inf"`, `"-inf"` or `"nan"`.
  public static func fixed(_ x: Double, decimals: Int) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
    let places = Swift.max(0, Swift.min(decimals, 9))
    var scale = 1.0
    var divisor: Int64 = 1
    for _ in 0..<places {
      scale *= 10
      divisor *= 10
    }
    let scaled = (Swift.abs(x) * scale).rounded()
    guard scaled < exactLimit else { return x.description }
    let n = Int64(scaled)
    let whole = n / divisor
    let fraction = n % divisor
    let sign = (x < 0 && n != 0) ? "-" : ""
    guard places > 0 else { return sign + String(whole) }
    var digits = String(fraction)
    while digits.count < places { digits = "0" + digits }
    return sign + String(whole) + "." + digits
  }

  /// Decimal places that show `x` with `digits` significant digits (never negative).
  public static func decimals(for x: Double, significant digits: Int) -> Int {
    let magnitude = Swift.abs(x)
    guard magnitude > 0, magnitude.isFinite else { return 0 }
    var places = digits - 1
    var bound = 1.0
    while magnitude >= bound * 10 && places > 0 {
      bound *= 10
      places -= 1
    }
    var small = 1.0
    while magnitude < small && places < 9 {
      small /= 10
      places += 1
    }
    // Rounding may carry into a new digit (9.996 → 10.00): drop one place then.
    if places > 0 {
      let rounded = fixed(magnitude, decimals: places)
      let intDigits = rounded.prefix { $0 != "." }.count
      let leadingZero = rounded.hasPrefix("0")
      if !leadingZero && intDigits + places > digits { places -= 1 }
    }
    return Swift.max(0, places)
  }

  /// `x` with `digits` significant digits; trailing zeros after the point are removed when
  /// `trim` is true (`1.50` → `1.5`, `200.0` → `200`).
  public static func significant(_ x: Double, digits: Int = 3, trim: Bool = true) -> String {
    let text = fixed(x, decimals: decimals(for: x, significant: digits))
    return trim ? trimZeros(text) : text
  }

  public static func trimZeros(_ text: String) -> String {
    guard text.contains(".") else { return text }
    var result = text
    while result.hasSuffix("0") { result.removeLast() }
    if result.hasSuffix(".") { result.removeLast() }
    return result
  }

  /// A point in simulated time as a clock: `0:05`, `5:00`, `1:02:05`; tenths of a second are
  /// shown only when present (`5:00.5`).
  public static func clock(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds < exactLimit else { return duration(seconds) }
    if seconds < 0 { return "-" + clock(-seconds) }
    let tenths = Int64((seconds * 10).rounded())
    let whole = tenths / 10
    let tenth = tenths % 10
    let h = whole / 3600
    let m = (whole % 3600) / 60
    let s = whole % 60
    var text = h > 0 ? "\(h):" + twoDigits(m) + ":" + twoDigits(s) : "\(m):" + twoDigits(s)
    if tenth != 0 { text += ".\(tenth)" }
    return text
  }

  /// A share (0…1) as a percentage with three significant digits: `85.3%`, `0.52%`,
  /// `0.001%`, `0%`, `100%`; below 0.001 % it is `<0.001%`.
  public static func percent(_ share: Double) -> String {
    guard share.isFinite else { return share.isNaN ? "nan" : (share < 0 ? "-inf" : "inf") }
    let p = share * 100
    if p == 0 { return "0%" }
    if Swift.abs(p) < 0.001 { return p < 0 ? "-<0.001%" : "<0.001%" }
    if Swift.abs(p) >= 99.95 && Swift.abs(p) < 100.05 && p != 100 {
      return fixed(p, decimals: 1) + "%"
    }
    let places = Swift.min(3, decimals(for: p, significant: 3))
    return trimZeros(fixed(p, decimals: places)) + "%"
  }

  /// A share as a percentage with one decimal, for aligned table columns: `85.3%`.
  public static func percent1(_ share: Double) -> String {
    guard share.isFinite else { return percent(share) }
    return fixed(share * 100, decimals: 1) + "%"
  }

  /// A rate in requests per second: `850 rps`, `12.5 rps`, `1.2k rps`, `3.45M rps`.
  public static func rate(_ perSecond: Double, digits: Int = 3) -> String {
    scaled(perSecond, digits: digits) + " rps"
  }

  /// A quantity with k / M / G suffixes and `digits` significant digits: `850`, `1.2k`.
  public static func scaled(_ x: Double, digits: Int = 3) -> String {
    guard x.isFinite else { return x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf") }
    let magnitude = Swift.abs(x)
    let sign = x < 0 ? "-" : ""
    if magnitude < 999.5 { return sign + significant(magnitude, digits: digits) }
    if magnitude < 999_500 { return sign + significant(magnitude / 1e3, digits: digits) + "k" }
    if magnitude < 999_500_000 {
      return sign + significant(magnitude / 1e6, digits: digits) + "M"
    }
    return sign + significant(magnitude / 1e9, digits: digits) + "G"
  }

  /// An integer with thousands separators: `1,234,567`.
  public static func count(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var groups: [Substring] = []
    var end = digits.endIndex
    while end > digits.startIndex {
      let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
      groups.insert(digits[start..<end], at: 0)
      end = start
    }
    return (n < 0 ? "-" : "") + groups.joined(separator: ",")
  }

  /// A plain decimal for machine formats: Swift's shortest round-trip text, which is the
  /// same on every platform (`0.1`, `600.0`, `1e-05`); non-finite values give `nil`.
  public static func machine(_ x: Double) -> String? {
    x.isFinite ? x.description : nil
  }

  static func twoDigits(_ n: Int64) -> String {
    n < 10 ? "0\(n)" : "\(n)"
  }
}
