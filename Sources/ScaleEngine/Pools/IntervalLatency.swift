import Histogram
import ScaleModel

/// One population's latencies per interval of the time series, read from a recorder that only
/// grows (but is reset when the warm-up ends): the counts at the interval's close minus those
/// at its start. Everything happens at interval close, so the request path records nothing
/// more than it did (a pool's members' recorders, or the pool's own).
struct IntervalLatency {
  /// The recorder's counts, count and sum at the interval's start (nil: empty).
  private var base: Histogram<UInt64>?
  private var baseCount = 0
  private var baseSum = 0.0
  /// What the interval held before the recorder was reset in it (the warm-up's end).
  private var carried: Histogram<UInt64>?
  private var carriedCount = 0
  private var carriedSum = 0.0
  private var carriedMaximum = 0.0
  /// The last reading, the next interval's start if the interval closes now.
  private var last: (counts: Histogram<UInt64>, count: Int, sum: Double)?

  /// The interval so far, given the recorder now.
  mutating func summary(of recorder: LatencyRecorder) -> LatencySummary {
    let now = recorder.histogram()
    last = (now, recorder.count, recorder.sum)
    let count = recorder.count - baseCount + carriedCount
    guard count > 0 else { return LatencySummary() }
    let counts = difference(now)
    let maximum = Swift.max(recorder.maximum, carriedMaximum)
    func seconds(_ ns: UInt64) -> Double { Swift.min(Double(ns) / 1e9, maximum) }
    let q = LatencySummary.standardQuantiles.map { seconds(counts.valueAtPercentile($0 * 100)) }
    return LatencySummary(
      count: count, mean: (recorder.sum - baseSum + carriedSum) / Double(count), p50: q[0],
      p90: q[1], p95: q[2], p99: q[3], p999: q[4], max: seconds(counts.max))
  }

  /// The interval closed at the last reading: the next starts from it.
  mutating func closed() {
    if let last {
      base = last.counts
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
      carried = difference(recorder.histogram())
      carriedCount += held
      carriedSum += recorder.sum - baseSum
      carriedMaximum = Swift.max(carriedMaximum, recorder.maximum)
    }
    base = nil
    baseCount = 0
    baseSum = 0
    last = nil
  }

  /// `now` − `base` + `carried`, bucket by bucket.
  private func difference(_ now: Histogram<UInt64>) -> Histogram<UInt64> {
    var out =
      carried
      ?? Histogram<UInt64>(
        lowestDiscernibleValue: 1, highestTrackableValue: LatencyRecorder.highestTrackable,
        numberOfSignificantValueDigits: .three)
    for v in now.recordedValues() {
      let before = base?.countForValue(v.value) ?? 0
      if v.count > before { out.record(v.value, count: v.count - before) }
    }
    return out
  }
}
