/// Small terminal charts: sparklines (`▁▂▃▄▅▆▇█`) for series with their own scale, and heat
/// rows (` ░▒▓█`) for shares on a fixed 0…1 scale
/// (blank idle, ░ < 25 %, ▒ < 50 %, ▓ < 75 %, █ ≥ 75 %).
enum Chart {
  static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
  static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

  /// How to merge neighbouring points when a series is longer than the chart is wide.
  enum Merge {
    case mean, maximum
  }

  /// `values` reduced to at most `width` points: consecutive buckets of (nearly) equal size,
  /// merged by `merge`. Deterministic: bucket bounds come from integer arithmetic.
  static func resample(_ values: [Double], width: Int, merge: Merge) -> [Double] {
    guard width > 0, values.count > width else { return values }
    var result: [Double] = []
    result.reserveCapacity(width)
    for bucket in 0..<width {
      let lower = bucket * values.count / width
      let upper = Swift.max(lower + 1, (bucket + 1) * values.count / width)
      let slice = values[lower..<Swift.min(upper, values.count)]
      switch merge {
      case .mean: result.append(slice.reduce(0, +) / Double(slice.count))
      case .maximum: result.append(slice.max() ?? 0)
      }
    }
    return result
  }

  /// A sparkline scaled from 0 to the series' maximum (an all-zero series is all `▁`).
  static func sparkline(_ values: [Double], width: Int, merge: Merge) -> String {
    let points = resample(values, width: width, merge: merge)
    let top = points.filter(\.isFinite).max() ?? 0
    return String(
      points.map { value -> Character in
        guard top > 0, value.isFinite, value > 0 else { return bars[0] }
        let index = Int((value / top * Double(bars.count - 1)).rounded())
        return bars[Swift.min(Swift.max(index, 0), bars.count - 1)]
      })
  }

  /// A heat row of shares in 0…1 (clamped): blank for idle, `█` for (nearly) saturated.
  static func heat(_ shares: [Double], width: Int) -> String {
    let points = resample(shares, width: width, merge: .mean)
    return String(
      points.map { share -> Character in
        guard share.isFinite, share > 0 else { return shades[0] }
        // ░ below 25 %, ▒ below 50 %, ▓ below 75 %, █ from 75 %.
        let index = 1 + Int(Swift.min(share, 1) * 4)
        return shades[Swift.min(index, shades.count - 1)]
      })
  }
}
