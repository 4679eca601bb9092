import Foundation
import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct LatencyRecorderTests {
  @Test func quantilesWithinThreeSignificantDigits() {
    var r = LatencyRecorder()
    for i in 1...10_000 { r.record(Double(i) * 1e-6) }  // 1 µs … 10 ms
    #expect(r.count == 10_000)
    #expect(abs(r.mean - 5000.5e-6) < 1e-12)
    #expect(abs(r.quantile(0.5) - 5e-3) <= 5e-3 * 0.001 + 1e-9)
    #expect(abs(r.quantile(0.99) - 9.9e-3) <= 9.9e-3 * 0.001 + 1e-9)
    #expect(r.quantile(1) == 0.01)
    #expect(r.summary.max == 0.01)
  }

  @Test func hugeAndBadValuesAreClampedNotLost() {
    var r = LatencyRecorder()
    r.record(1e9)
    r.record(-1)
    r.record(.nan)
    r.record(.infinity)
    r.record(-.infinity)
    #expect(r.count == 5)
    #expect(r.maximum == 1e9)
    #expect(r.sum == 1e9)
    #expect(r.quantile(0.5) == 0)
    r.reset()
    #expect(r.count == 0 && r.summary == .init())
  }
}

@Suite struct LatencyRecorderLayoutTests {
  @Test func bucketLayoutMatchesHdrHistogram() {
    // Every value recorded through our index lands where HdrHistogram puts it.
    var rng = RandomStream(seed: 1)
    let h = LatencyRecorder().histogram()
    for k in 0..<20_000 {
      let v = k < 5000 ? UInt64(k) : rng.next() % 9_000_000_000_000
      let i = LatencyRecorder.index(of: v)
      #expect(
        LatencyRecorder.value(at: i) == h.lowestEquivalentForValue(v), "value \(v) index \(i)")
    }
  }

  @Test func secondsRoundToTheNearestNanosecondTiesToEven() {
    // `bucket(ofSeconds:)` rounds by adding 2⁵²; it must agree with `rounded` everywhere,
    // ties included (2.5 ns → 2, 3.5 ns → 4), up to the clamp at `highestTrackable`.
    func expected(_ s: Double) -> Int {
      let ns = s * 1e9
      return LatencyRecorder.index(
        of: ns < Double(LatencyRecorder.highestTrackable)
          ? UInt64(ns.rounded(.toNearestOrEven)) : LatencyRecorder.highestTrackable)
    }
    var seconds: [Double] = [
      0, 1e-9, 9.999e3, 1e4, 1e5, Double(LatencyRecorder.highestTrackable) / 1e9,
    ]
    var ties = 0
    for k in 0..<4000 {
      let s = (Double(k) + 0.5) / 1e9
      if (s * 1e9).rounded(.towardZero) != s * 1e9 { ties += 1 }
      seconds.append(s)
    }
    #expect(ties > 1000)  // most of them are exact ties after the multiplication
    var rng = RandomStream(seed: 9)
    for _ in 0..<20_000 { seconds.append(rng.nextDouble() * pow(10, Double(rng.next() % 8) - 6)) }
    for s in seconds {
      #expect(LatencyRecorder.bucket(ofSeconds: s) == expected(s), "\(s) s")
    }
    #expect(LatencyRecorder.bucket(ofSeconds: 2.5e-9) == LatencyRecorder.index(of: 2))
    #expect(LatencyRecorder.bucket(ofSeconds: 3.5e-9) == LatencyRecorder.index(of: 4))
  }

  @Test(arguments: [1, 2, 3])
  func quantilesMatchHdrHistogram(seed: UInt64) {
    var rng = RandomStream(seed: seed)
    var r = LatencyRecorder()
    var h = LatencyRecorder().histogram()
    var sampler = DistributionSampler(.lognormal(mean: 0.01, stddev: 0.02))
    for _ in 0..<(seed == 1 ? 7 : 50_000) {
      let x = sampler.sample(&rng)
      r.record(x)
      h.record(UInt64((x * 1e9).rounded(.toNearestOrEven)))
    }
    let qs = [0.1, 0.5, 0.9, 0.95, 0.99, 0.999]
    let ours = r.quantiles(qs)
    for (k, q) in qs.enumerated() {
      let theirs = min(Double(h.valueAtPercentile(q * 100)) / 1e9, r.maximum)
      #expect(ours[k] == theirs, "q \(q): \(ours[k]) vs \(theirs)")
    }
  }

  @Test func addMergesCounts() {
    var a = LatencyRecorder()
    var b = LatencyRecorder()
    for i in 1...100 { a.record(Double(i) * 1e-3) }
    for i in 101...200 { b.record(Double(i) * 1e-3) }
    a.add(b)
    #expect(a.count == 200)
    #expect(abs(a.quantile(0.5) - 0.1) < 0.1 * 0.001 + 1e-9)
    #expect(a.maximum == 0.2)
  }
}

/// Issue 10 item 19: a station that saw a few requests costs a few pages, not the dense
/// layout up to its highest bucket (≈ 90 KB for millisecond latencies before).
@Test func aFewValuesCostAFewPages() {
  var r = LatencyRecorder()
  for value in [0.0009, 0.0012, 0.0031, 0.2] { r.record(value) }
  #expect(r.denseRunBuckets == 0)
  #expect(r.storageBytes <= 4 * LatencyRecorder.pageSize * 4 + 2048)  // dense: ~150 KB
  var merged = LatencyRecorder()
  merged.add(r)
  #expect(merged.quantiles([0.25, 0.5, 0.75, 0.99]) == r.quantiles([0.25, 0.5, 0.75, 0.99]))
  #expect(abs(merged.quantile(0.5) - 0.0012) <= 0.0012 * 0.001)
}

/// The layout's length is the literal `LatencyRecorder.length`; recomputed here from the
/// range, as HdrHistogram sizes its counts array.
@Test func layoutLengthFollowsHighestTrackable() {
  var smallestUntrackable: UInt64 = 2048
  var buckets = 1
  while smallestUntrackable <= LatencyRecorder.highestTrackable {
    smallestUntrackable <<= 1
    buckets += 1
  }
  #expect(LatencyRecorder.length == (buckets + 1) << LatencyRecorder.subBucketHalfCountMagnitude)
  #expect(LatencyRecorder.index(of: LatencyRecorder.highestTrackable) < LatencyRecorder.length)
}

/// Counts are 16 bits in the hot pages with the wraps counted beside them: a bucket past
/// 2³² − 1 keeps its exact count, through `record`, `add` and the quantiles.
@Test func countsPastThirtyTwoBitsCarry() {
  var r = LatencyRecorder()
  let big = Int(UInt32.max)
  r.record(0.001, count: big)
  r.record(0.001)
  r.record(0.001)
  r.record(0.002)
  #expect(r.count == big + 3)
  let h = r.histogram()
  #expect(h.totalCount == UInt64(big) + 3)
  #expect(h.count(within: 999_000...1_001_000) == UInt64(big) + 2)
  #expect(abs(r.quantile(0.5) - 0.001) <= 0.001 * 0.001)
  #expect(r.quantile(0.9999999999) == 0.002)
  var merged = LatencyRecorder()
  merged.record(0.001, count: 5)
  merged.add(r)
  merged.add(r)
  #expect(merged.count == 2 * (big + 3) + 5)
  #expect(merged.histogram().totalCount == 2 * (UInt64(big) + 3) + 5)
  merged.reset()
  merged.record(0.003)
  #expect(merged.histogram().totalCount == 1 && merged.quantile(0.5) > 0.0029)
}

/// Merging page by page carries a wrap into the upper part, and allocates pages the
/// target lacks.
@Test func mergingPagesCarriesAWrap() {
  var a = LatencyRecorder()
  a.record(0.001, count: Int(UInt32.max) - 1)
  var b = LatencyRecorder()
  b.record(0.001, count: 5)
  b.record(0.5)
  a.add(b)
  #expect(a.count == Int(UInt32.max) + 5)
  let h = a.histogram()
  #expect(h.totalCount == UInt64(UInt32.max) + 5)
  #expect(h.count(within: 999_000...1_001_000) == UInt64(UInt32.max) + 4)
  #expect(a.quantile(0.9999999999) == 0.5)
}

/// An idle server's queue allocates nothing until something waits.
@Test func anEmptyQueueAllocatesNothing() {
  let q = SlotQueue(capacity: 0)
  #expect(q.allocated == 0)
  for i in 0..<40 { q.append(Int32(i)) }
  #expect(q.drain() == (0..<40).map { Int32($0) })
}

/// The interval series' difference of a growing recorder: bucket for bucket what was recorded
/// since the copy, its count, its quantiles and top bucket as a `Histogram` of those values
/// gives them.
@Test func countsSinceAnEarlierCopyAreTheValuesRecordedSince() {
  var rng = RandomStream(seed: 4)
  var sampler = DistributionSampler(.lognormal(mean: 0.01, stddev: 0.02))
  var r = LatencyRecorder()
  for _ in 0..<20_000 { r.record(sampler.sample(&rng)) }
  let earlier = r
  var since = LatencyRecorder()
  for _ in 0..<30_000 {
    let x = sampler.sample(&rng) * 3
    r.record(x)
    since.record(x)
  }
  let d = r.counts(since: earlier, maximum: r.maximum)
  #expect(d.count == 30_000)
  for i in stride(from: 0, to: LatencyRecorder.length, by: 7) {
    #expect(d.bucketCount(at: i) == since.bucketCount(at: i), "bucket \(i)")
  }
  let h = since.histogram()
  let qs = LatencySummary.standardQuantiles
  let expected = qs.map { min(Double(h.valueAtPercentile($0 * 100)) / 1e9, r.maximum) }
  #expect(d.quantiles(qs) == expected)
  #expect(d.highestBucketTop == h.max)
  #expect(LatencyRecorder().highestBucketTop == 0)
  #expect(r.counts(since: r, maximum: 1).count == 0)
  #expect(r.counts(since: nil, maximum: 1).count == r.count)
}

/// A merge into an empty recorder takes the other's pages as they are; the two stay
/// independent values afterwards.
@Test func mergingIntoAnEmptyRecorderKeepsBothIndependent() {
  var source = LatencyRecorder()
  for i in 1...100 { source.record(Double(i) * 1e-3) }
  var merged = LatencyRecorder()
  merged.add(source)
  #expect(merged.count == 100 && merged.quantiles([0.5]) == source.quantiles([0.5]))
  for _ in 0..<100 { merged.record(0.5) }
  source.record(1e-6)
  #expect(merged.count == 200 && source.count == 101)
  #expect(source.bucketCount(at: LatencyRecorder.bucket(ofSeconds: 0.5)) == 0)
  #expect(merged.bucketCount(at: LatencyRecorder.bucket(ofSeconds: 1e-6)) == 0)
  #expect(merged.highestBucketTop >= 500_000_000 && source.highestBucketTop < 200_000_000)
}

/// Each bucket's count, as a dictionary: what the recorder must hold.
private func referenceCounts(_ values: [Double]) -> [Int: UInt64] {
  var counts: [Int: UInt64] = [:]
  for v in values { counts[LatencyRecorder.bucket(ofSeconds: v), default: 0] += 1 }
  return counts
}

/// A busy recorder lays its span out as one run, counts kept, and goes on recording the
/// same way when values land outside the run (a lone outlier far above it, one far below):
/// every bucket holds what was recorded into it, quantiles follow a `Histogram` of the same
/// values, and storage stays within 8 bytes a value for the run and 128 a page outside it
/// (twice that with an array's growth), plus the directory.
@Test func aBusyRecorderKeepsExactCountsThroughItsDenseRun() {
  var rng = RandomStream(seed: 9)
  var sampler = DistributionSampler(.exponential(mean: 0.002))
  var values: [Double] = []
  var r = LatencyRecorder()
  for n in 0..<60_000 {
    var v = sampler.sample(&rng)
    if n == 30_000 { v = 3_000 }  // far above the run: a page of its own
    if n == 40_000 { v = 2e-7 }  // far below it
    values.append(v)
    r.record(v)
  }
  #expect(r.denseRunBuckets > 0)
  let expected = referenceCounts(values)
  for i in 0..<LatencyRecorder.length {
    #expect(r.bucketCount(at: i) == expected[i] ?? 0, "bucket \(i)")
  }
  var h = LatencyRecorder().histogram()  // empty, HdrHistogram's own
  for v in values { h.record(UInt64(min(v * 1e9, 1e13).rounded(.toNearestOrEven))) }
  let qs = LatencySummary.standardQuantiles
  #expect(r.quantiles(qs) == qs.map { min(Double(h.valueAtPercentile($0 * 100)) / 1e9, r.maximum) })
  #expect(r.highestBucketTop == h.max)
  let pagesNeeded = Set(expected.keys.map { $0 >> LatencyRecorder.pageShift }).count
  #expect(r.storageBytes <= 2 * (8 * values.count + 128 * pagesNeeded) + 4 * 600)
  var merged = LatencyRecorder()
  merged.record(0.001)
  merged.add(r)
  #expect(
    merged.bucketCount(at: LatencyRecorder.bucket(ofSeconds: 0.001))
      == (expected[LatencyRecorder.bucket(ofSeconds: 0.001)] ?? 0) + 1)
  #expect(merged.count == r.count + 1)
}

/// A bucket passes 2¹⁶ − 1 through the per-value path: its count stays exact in the count,
/// a merge, a difference since an earlier copy, and the quantiles.
@Test func countsPastSixteenBitsCarryOnTheHotPath() {
  var r = LatencyRecorder()
  for _ in 0..<30_000 { r.record(0.001) }
  let earlier = r
  for _ in 0..<45_000 { r.record(0.001) }
  r.record(0.004)
  let i = LatencyRecorder.bucket(ofSeconds: 0.001)
  #expect(r.bucketCount(at: i) == 75_000)
  #expect(earlier.bucketCount(at: i) == 30_000)
  let since = r.counts(since: earlier, maximum: r.maximum)
  #expect(since.count == 45_001 && since.bucketCount(at: i) == 45_000)
  var merged = LatencyRecorder()
  merged.record(0.002)
  merged.add(r)
  merged.add(r)
  #expect(merged.bucketCount(at: i) == 150_000 && merged.count == 150_003)
  #expect(abs(merged.quantile(0.5) - 0.001) <= 0.001 * 0.001)
  #expect(merged.quantile(0.99999) > 0.0039)
}
