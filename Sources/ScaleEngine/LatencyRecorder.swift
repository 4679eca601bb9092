import Histogram
import ScaleModel

/// Latencies of one population (end to end, one component, one interval) in nanoseconds at 3
/// significant digits, for quantiles, plus an exact count, sum and maximum for the mean and
/// `max`. Values above ~2.8 h are clamped into the top bucket (the exact maximum is kept).
///
/// The counts use HdrHistogram's own layout (lowest discernible value 1 ns, 3 significant
/// digits: 2048 sub-buckets, half-count magnitude 10) in a plain array, because the package's
/// `record` and `valueAtPercentile` run unspecialised generic code across the module boundary
/// (~30 ns a value, a third of the engine's time in the benchmark). Quantiles follow
/// `valueAtPercentile` exactly; `histogram()` hands the counts to a real `Histogram` (tests
/// check both agree, bucket for bucket and quantile for quantile).
struct LatencyRecorder {
  /// 10¹³ ns ≈ 2.8 hours.
  static let highestTrackable: UInt64 = 10_000_000_000_000
  static let subBucketHalfCountMagnitude = 10
  static let subBucketHalfCount = 1 << 10
  static let subBucketMask: UInt64 = 2047
  static let leadingZeroCountBase = 53
  static let length: Int = {
    var smallestUntrackable: UInt64 = 2048
    var buckets = 1
    while smallestUntrackable <= highestTrackable {
      smallestUntrackable <<= 1
      buckets += 1
    }
    return (buckets + 1) << subBucketHalfCountMagnitude
  }()

  /// The counts up to the highest bucket recorded so far (at most `length`): grown on demand,
  /// so a station that sees no requests costs nothing and one that sees only short latencies
  /// a fraction of the full 290 KB layout (a pool of 100 000 servers fits in memory).
  private var counts: [UInt64] = []
  private(set) var count = 0
  private(set) var sum: Double = 0
  private(set) var maximum: Double = 0

  init() {}

  /// Makes `counts` long enough to hold index `i` (whole sub-bucket halves at a time).
  private mutating func grow(toInclude i: Int) {
    let half = LatencyRecorder.subBucketHalfCount
    let wanted = Swift.min(LatencyRecorder.length, (i / half + 1) * half)
    if wanted > counts.count {
      counts.append(contentsOf: [UInt64](repeating: 0, count: wanted - counts.count))
    }
  }

  static func index(of value: UInt64) -> Int {
    let bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    let subBucket = Int(truncatingIfNeeded: value >> UInt64(bucket))
    return ((bucket + 1) << subBucketHalfCountMagnitude) + subBucket - subBucketHalfCount
  }

  static func value(at index: Int) -> UInt64 {
    var bucket = (index >> subBucketHalfCountMagnitude) - 1
    var subBucket = (index & (subBucketHalfCount - 1)) + subBucketHalfCount
    if bucket < 0 {
      subBucket -= subBucketHalfCount
      bucket = 0
    }
    return UInt64(subBucket) << UInt64(bucket)
  }

  /// Records a latency in seconds (negative or non-finite values count as 0).
  mutating func record(_ seconds: Double) {
    let s = seconds.isFinite && seconds > 0 ? seconds : 0
    count += 1
    sum += s
    if s > maximum { maximum = s }
    let ns = s * 1e9
    let value: UInt64 =
      ns < Double(LatencyRecorder.highestTrackable)
      ? UInt64(ns.rounded(.toNearestOrEven)) : LatencyRecorder.highestTrackable
    let i = LatencyRecorder.index(of: value)
    if i >= counts.count { grow(toInclude: i) }
    counts.withUnsafeMutableBufferPointer { buffer in
      if i >= 0 && i < buffer.count { buffer[i] &+= 1 }
    }
  }

  /// Adds another recorder's values.
  mutating func add(_ other: LatencyRecorder) {
    guard other.count > 0 else { return }
    count += other.count
    sum += other.sum
    maximum = Swift.max(maximum, other.maximum)
    if other.counts.count > counts.count { grow(toInclude: other.counts.count - 1) }
    for i in other.counts.indices where other.counts[i] != 0 { counts[i] &+= other.counts[i] }
  }

  mutating func reset() {
    if count == 0 { return }
    for i in counts.indices { counts[i] = 0 }
    count = 0
    sum = 0
    maximum = 0
  }

  var mean: Double { count == 0 ? 0 : sum / Double(count) }

  /// An HdrHistogram holding these counts.
  func histogram() -> Histogram<UInt64> {
    var h = Histogram<UInt64>(
      lowestDiscernibleValue: 1, highestTrackableValue: LatencyRecorder.highestTrackable,
      numberOfSignificantValueDigits: .three)
    for i in counts.indices where counts[i] != 0 {
      h.record(LatencyRecorder.value(at: i), count: counts[i])
    }
    return h
  }

  /// Quantile q in (0, 1], in seconds; the exact maximum for q ≥ 1.
  func quantile(_ q: Double) -> Double {
    guard count > 0 else { return 0 }
    if q >= 1 { return maximum }
    return quantiles([q])[0]
  }

  /// The highest value equivalent to `value` (HdrHistogram's `highestEquivalentForValue`).
  static func highestEquivalent(_ value: UInt64) -> UInt64 {
    var bucket = leadingZeroCountBase - (value | subBucketMask).leadingZeroBitCount
    let subBucket = value >> UInt64(bucket)
    let lowest = subBucket << UInt64(bucket)
    if subBucket >= 2048 { bucket += 1 }
    return lowest &+ (1 << UInt64(bucket)) &- 1
  }

  /// Quantiles for ascending qs in [0, 1), in one pass, exactly as HdrHistogram's
  /// `valueAtPercentile` computes them (count at percentile rounded up, highest equivalent
  /// value of the bucket reached, clamped to the maximum); tested against `Histogram`.
  func quantiles(_ qs: [Double]) -> [Double] {
    guard count > 0 else { return qs.map { _ in 0 } }
    let total = Double(count)
    var out: [Double] = []
    out.reserveCapacity(qs.count)
    var cumulative: UInt64 = 0
    var i = 0
    for q in qs {
      let percentile = Swift.min(Swift.max((q * 100).nextDown, 0), 100)
      let target = Swift.max(1, UInt64((percentile * total / 100).rounded(.up)))
      while i < counts.count && cumulative + counts[i] < target {
        cumulative += counts[i]
        i += 1
      }
      let value =
        i < counts.count ? LatencyRecorder.highestEquivalent(LatencyRecorder.value(at: i)) : 0
      out.append(Swift.min(Double(value) / 1e9, maximum))
    }
    return out
  }

  var summary: LatencySummary { summary(extra: []) }

  /// The summary, plus the quantiles `extra` (ascending, in (0, 1)) read from these counts.
  func summary(extra: [Double]) -> LatencySummary {
    guard count > 0 else { return LatencySummary() }
    let q = quantiles(LatencySummary.standardQuantiles)
    let more = extra.isEmpty ? [] : quantiles(extra)
    return LatencySummary(
      count: count, mean: mean, p50: q[0], p90: q[1], p95: q[2], p99: q[3], p999: q[4],
      max: maximum,
      quantiles: zip(extra, more).map { LatencyQuantile(quantile: $0, value: $1) })
  }
}
