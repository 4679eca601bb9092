import ScaleModel

/// One population's latencies per interval of the time series, read from a recorder that only
/// grows (but is reset when the warm-up ends): the counts at the interval's close minus those
/// at its start. Everything happens at interval close, so the request path records nothing
/// more than it did (a pool's members' recorders, or the pool's own).
///
/// The counts are differences of `LatencyRecorder`s, bucket by bucket, in the recorder's own
/// layout (HdrHistogram's, 3 significant digits): the quantiles are exactly those a
/// `Histogram` of the same counts gives (`LatencyRecorder.quantiles` is tested against it),
/// without building one (a dense 570 KB array) per pool and interval.
struct IntervalLatency {
  /// The recorder at the interval's start (nil: empty), its count and sum.
  private var base: LatencyRecorder?
  private var baseCount = 0
  private var baseSum = 0.0
  /// What the interval held before the recorder was reset in it (the warm-up's end).
  private var carried: LatencyRecorder?
  private var carriedCount = 0
  private var carriedSum = 0.0
  private var carriedMaximum = 0.0
  /// The last reading, the next interval's start if the interval closes now.
  private var last: LatencyRecorder?

  /// The interval so far, given the recorder now.
  mutating func summary(of recorder: LatencyRecorder) -> LatencySummary {
    last = recorder
    let count = recorder.count - baseCount + carriedCount
    guard count > 0 else { return LatencySummary() }
    let maximum = Swift.max(recorder.maximum, carriedMaximum)
    let counts = difference(recorder, maximum: maximum)
    let q = counts.quantiles(LatencySummary.standardQuantiles)
    return LatencySummary(
      count: count, mean: (recorder.sum - baseSum + carriedSum) / Double(count), p50: q[0],
      p90: q[1], p95: q[2], p99: q[3], p999: q[4],
      max: Swift.min(Double(counts.highestBucketTop) / 1e9, maximum))
  }

  /// The interval closed at the last reading: the next starts from it.
  mutating func closed() {
    if let last {
      base = last
      baseCount = last.count
      baseSum = last.sum
    }
    last = nil
    carried = nil
    carriedCount = 0
    carriedSum = 0
    carriedMaximum = 0
  }

  /// The recorder is about to be reset (the warm-up ends): what it holds of this interval is
  /// kept, and the interval goes on from an empty recorder.
  mutating func recorderWillReset(_ recorder: LatencyRecorder) {
    let held = recorder.count - baseCount
    if held > 0 {
      carried = difference(recorder, maximum: 0)
      carriedCount += held
      carriedSum += recorder.sum - baseSum
      carriedMaximum = Swift.max(carriedMaximum, recorder.maximum)
    }
    base = nil
    baseCount = 0
    baseSum = 0
    last = nil
  }

  /// `now` − `base` + `carried`, bucket by bucket; quantiles clamped to `maximum`.
  private func difference(_ now: LatencyRecorder, maximum: Double) -> LatencyRecorder {
    var out = now.counts(since: base, maximum: maximum)
    // `carried` has maximum 0 and sum 0: adding it leaves `maximum` as it is.
    if let carried { out.add(carried) }
    return out
  }
}
