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
  /// Buckets in the layout: (bucket count + 1) << half-count magnitude, where the bucket count
  /// is the number of doublings from 2048 ns past `highestTrackable` (34). A literal, not a
  /// lazily computed static, because `record` reads it for every request (a lazy static costs
  /// a `swift_once` check per read); `layoutLengthFollowsHighestTrackable` recomputes it.
  static let length = 35 << 10

  /// Counts are kept in pages of `pageSize` buckets, allocated when a bucket in them is first
  /// recorded: a station that sees no requests costs nothing, one that sees n requests at
  /// most n pages (128 B each) plus the directory (4 B per page up to the highest one
  /// touched), and a busy one at most the full layout. A dense array up to the highest
  /// bucket cost 90–145 KB for every server that saw a request (docs/engine.md, "Memory").
  ///
  /// A bucket's count is 16 bits in `pages` plus, once any bucket has passed 2¹⁶ − 1, the
  /// number of times it wrapped in `high` (allocated then, same layout, 64 bits): the hot
  /// path touches a quarter of the memory of 64-bit counts, and the per-request increment's
  /// cache miss is most of what recording costs (docs/engine.md, "Performance").
  ///
  /// A busy recorder's span, from its lowest page to its highest with an eighth of it as a
  /// margin each side, is laid out as one run at the start of `pages`, in page order, every
  /// page of it allocated (`denseStart`, `denseLength`): its increment then reads no
  /// directory, only the run. Busy means at least `denseMinimumPages` pages and
  /// `denseValuesPerPage` values recorded per page of the run, so the run costs at most
  /// 8 bytes a value (a page may cost 128 B a value). Values outside the run go through the
  /// directory as before; the span is looked at again each time the count doubles (and after
  /// a reset), from the per-value path only, so merges never lay out runs. A sparse
  /// recorder (a few values far apart) stays paged.
  static let pageShift = 6
  static let pageSize = 1 << pageShift
  static let denseMinimumPages = 8
  static let denseValuesPerPage = 16
  /// Page number → 1 + the page's offset in `pages` (0: not allocated).
  private var directory: [Int32] = []
  /// The lowest page allocated (`Int.max`: none); the directory ends at the highest. Walks
  /// over the counts (merges, quantiles, differences) start here, so a recorder of a few
  /// values costs a few pages to walk, not the directory's hundreds of empty entries below
  /// them (100 000 pool members are merged every interval).
  private var firstPage = Int.max
  /// The pages that may hold counts.
  private var touchedPages: Range<Int> {
    firstPage < directory.count ? firstPage..<directory.count : 0..<0
  }
  private var pages: [UInt16] = []
  /// How many times each count wrapped past 2¹⁶ − 1 (its bits from 16 up), parallel to
  /// `pages`; empty until a count wraps.
  private var high: [UInt64] = []
  /// Pages allocated.
  private var allocatedPages = 0
  /// The dense run: buckets `denseStart ..< denseStart + denseLength` are at offsets
  /// `0 ..< denseLength` of `pages` (`denseLength` 0: no run).
  private var denseStart = 0
  private var denseLength = 0
  /// The count at which the per-value path next considers laying out the run.
  private var runCheckAt = denseMinimumPages * denseValuesPerPage
  private(set) var count = 0
  private(set) var sum: Double = 0
  private(set) var maximum: Double = 0

  init() {}

  /// Buckets in the dense run (for tests).
  var denseRunBuckets: Int { denseLength }

  /// Bytes held by the counts (for tests and docs/engine.md).
  var storageBytes: Int {
    directory.capacity * MemoryLayout<Int32>.stride
      + pages.capacity * MemoryLayout<UInt16>.stride + high.capacity * MemoryLayout<UInt64>.stride
  }

  /// Adds 1 to bucket `i`. The hot path (every recorded request): the page exists and the
  /// count does not wrap; allocation and carries are out of line.
  @inline(__always)
  private mutating func increment(at i: Int) {
    let j = i &- denseStart
    if UInt(bitPattern: j) < UInt(bitPattern: denseLength) {
      pages[j] &+= 1
      if pages[j] == 0 { carry(1, at: j) }
      return
    }
    let page = i >> LatencyRecorder.pageShift
    if page < directory.count {
      let start = Int(directory[page])
      if start != 0 {
        let k = start - 1 + (i & (LatencyRecorder.pageSize - 1))
        // Adding 1 wraps exactly when the result is 0: one increment and one test.
        pages[k] &+= 1
        if pages[k] == 0 { carry(1, at: k) }
        if count >= runCheckAt { considerDenseRun() }
        return
      }
    }
    add(1, at: i)
    if count >= runCheckAt { considerDenseRun() }
  }

  /// Adds `n` to bucket `i`, allocating its page on first use.
  @inline(never)
  private mutating func add(_ n: UInt64, at i: Int) {
    let k = pageStart(i >> LatencyRecorder.pageShift) + (i & (LatencyRecorder.pageSize - 1))
    let (sum, wrapped) = pages[k].addingReportingOverflow(UInt16(truncatingIfNeeded: n))
    pages[k] = sum
    let upper = (n >> 16) &+ (wrapped ? 1 : 0)
    if upper != 0 { carry(upper, at: k) }
  }

  /// Where page `page` starts in `pages`, allocating it on first use.
  private mutating func pageStart(_ page: Int) -> Int {
    if page >= directory.count {
      directory.append(contentsOf: repeatElement(0, count: page + 1 - directory.count))
    }
    var start = Int(directory[page])
    if start == 0 {
      start = pages.count + 1
      pages.append(contentsOf: repeatElement(0, count: LatencyRecorder.pageSize))
      if !high.isEmpty {
        high.append(contentsOf: repeatElement(0, count: LatencyRecorder.pageSize))
      }
      directory[page] = Int32(truncatingIfNeeded: start)
      if page < firstPage { firstPage = page }
      allocatedPages += 1
    }
    return start - 1
  }

  /// Lays out the run over the span with its margins when the recorder is busy enough (see
  /// `pageShift`), and sets when to look again: when the count has doubled.
  @inline(never)
  private mutating func considerDenseRun() {
    runCheckAt = count < Int.max / 2 ? count * 2 : Int.max
    let span = touchedPages
    guard allocatedPages >= LatencyRecorder.denseMinimumPages, !span.isEmpty else { return }
    let margin = Swift.max(1, span.count / 8)
    let run =
      Swift.max(
        0, span.lowerBound - margin)..<Swift.min(
        LatencyRecorder.length >> LatencyRecorder.pageShift, span.upperBound + margin)
    guard count / LatencyRecorder.denseValuesPerPage >= run.count else { return }
    let start = run.lowerBound << LatencyRecorder.pageShift
    let length = run.count << LatencyRecorder.pageShift
    if start == denseStart && length == denseLength { return }
    layOutDenseRun(run)
  }

  /// Lays the pages of `run` (which holds every allocated page) out as the dense run: every
  /// page of it allocated, in page order, at the start of `pages`, counts kept.
  private mutating func layOutDenseRun(_ run: Range<Int>) {
    let size = LatencyRecorder.pageSize
    var low = [UInt16](repeating: 0, count: run.count * size)
    var wide = high.isEmpty ? [] : [UInt64](repeating: 0, count: low.count)
    for page in touchedPages where directory[page] != 0 {
      let from = Int(directory[page]) - 1
      let to = (page - run.lowerBound) * size
      guard from >= 0, from + size <= pages.count, to >= 0, to + size <= low.count else {
        continue
      }
      low[to..<(to + size)] = pages[from..<(from + size)]
      if !wide.isEmpty && from + size <= high.count {
        wide[to..<(to + size)] = high[from..<(from + size)]
      }
    }
    if run.upperBound > directory.count {
      directory.append(contentsOf: repeatElement(0, count: run.upperBound - directory.count))
    }
    for page in run {
      directory[page] = Int32(truncatingIfNeeded: (page - run.lowerBound) * size + 1)
    }
    firstPage = run.lowerBound
    pages = low
    high = wide
    allocatedPages = run.count
    denseStart = run.lowerBound << LatencyRecorder.pageShift
    denseLength = low.count
  }

  /// Adds `n` wraps to the count at offset `k` of `pages`.
  @inline(never)
  private mutating func carry(_ n: UInt64, at k: Int) {
    if high.isEmpty { high = Array(repeating: 0, count: pages.count) }
    high[k] &+= n
  }

  /// Every non-zero bucket in ascending order.
  private func forEachBucket(_ body: (_ index: Int, _ count: UInt64) -> Void) {
    let size = LatencyRecorder.pageSize
    pages.withUnsafeBufferPointer { low in
      high.withUnsafeBufferPointer { high in
        for page in touchedPages where directory[page] != 0 {
          let start = Int(directory[page]) - 1
          guard start >= 0, start + size <= low.count else { continue }
          let first = page << LatencyRecorder.pageShift
          if high.isEmpty {
            for offset in 0..<size where low[start + offset] != 0 {
              body(first + offset, UInt64(low[start + offset]))
            }
          } else if start + size <= high.count {
            for offset in 0..<size {
              let n = high[start + offset] << 16 | UInt64(low[start + offset])
              if n != 0 { body(first + offset, n) }
            }
          }
        }
      }
    }
  }

  /// The bucket of `value` (nanoseconds). Wrapping arithmetic: `bucket` is in 0...53 and
  /// `subBucket` below 2048, so the index is below 56 << 10 and nothing can overflow.
  @inline(__always)
  static func index(of value: UInt64) -> Int {
    let bucket = leadingZeroCountBase &- (value | subBucketMask).leadingZeroBitCount
    let subBucket = Int(truncatingIfNeeded: value &>> UInt64(bucket))
    return ((bucket &+ 1) &<< subBucketHalfCountMagnitude) &+ subBucket &- subBucketHalfCount
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
    // Two comparisons: NaN and −∞ fail the first, +∞ the second.
    let s = seconds > 0 && seconds <= .greatestFiniteMagnitude ? seconds : 0
    count += 1
    sum += s
    if s > maximum { maximum = s }
    let i = LatencyRecorder.bucket(ofSeconds: s)
    if i >= 0 && i < LatencyRecorder.length { increment(at: i) }
  }

  /// Records the same latency `n` times (HdrHistogram's `recordValue(_:count:)`).
  mutating func record(_ seconds: Double, count n: Int) {
    guard n > 0 else { return }
    let s = seconds.isFinite && seconds > 0 ? seconds : 0
    count += n
    sum += s * Double(n)
    if s > maximum { maximum = s }
    let i = LatencyRecorder.bucket(ofSeconds: s)
    if i >= 0 && i < LatencyRecorder.length { add(UInt64(n), at: i) }
  }

  /// The bucket of a latency in seconds (finite, not negative), at 1 ns resolution: the
  /// nanoseconds rounded to nearest, ties to even.
  ///
  /// Adding 2⁵² to a double in [0, 2⁵²) leaves no bits below the units, so the addition
  /// itself rounds to the nearest integer, ties to even (IEEE 754's default mode), and the
  /// integer is the sum's significand: the same value as `rounded(.toNearestOrEven)`, which
  /// on the baseline x86-64 target is a call to libm's `rint` on every recorded request.
  @inline(__always)
  static func bucket(ofSeconds s: Double) -> Int {
    let ns = s * 1e9
    guard ns < Double(highestTrackable) else { return index(of: highestTrackable) }
    let shifted = ns + 0x1p52
    return index(of: shifted.bitPattern &- (0x1p52 as Double).bitPattern)
  }

  /// Adds another recorder's values.
  mutating func add(_ other: LatencyRecorder) {
    guard other.count > 0 else { return }
    if count == 0 && sum == 0 && maximum == 0 {
      // Into an empty recorder (a merge's first): take the other's pages as they are (shared
      // until either records again), not page by page.
      self = other
      return
    }
    count += other.count
    sum += other.sum
    maximum = Swift.max(maximum, other.maximum)
    guard other.high.isEmpty else {
      other.forEachBucket { i, n in add(n, at: i) }
      return
    }
    // Page by page (every interval folds its recorder into the run's, and a pool's series
    // merges its members', this way): 64 wrapping additions with no branch, which the
    // compiler vectorises, and a count that wrapped (its sum is below what was added) is
    // found and carried in a second pass over that page only.
    let size = LatencyRecorder.pageSize
    for page in other.touchedPages where other.directory[page] != 0 {
      let from = Int(other.directory[page]) - 1
      guard from >= 0, from + size <= other.pages.count else { continue }
      let to = pageStart(page)
      let anyWrapped = other.pages.withUnsafeBufferPointer { source in
        pages.withUnsafeMutableBufferPointer { target in
          LatencyRecorder.addPage(from: source, at: from, into: target, at: to)
        }
      }
      guard anyWrapped else { continue }
      for k in 0..<size where pages[to + k] < other.pages[from + k] { carry(1, at: to + k) }
    }
  }

  /// Adds the page at `from` in `source` into the page at `to` in `target`, wrapping; true
  /// when a count wrapped. Sixteen counts an operation: the compiler does not vectorise the
  /// scalar loop (the two pages might overlap, as far as it knows).
  @inline(__always)
  private static func addPage(
    from source: UnsafeBufferPointer<UInt16>, at from: Int,
    into target: UnsafeMutableBufferPointer<UInt16>, at to: Int
  ) -> Bool {
    let a = UnsafeBufferPointer(rebasing: source[from..<(from + pageSize)])
    let b = UnsafeMutableBufferPointer(rebasing: target[to..<(to + pageSize)])
    guard let x = a.baseAddress, let y = b.baseAddress else { return false }
    var wrapped = SIMDMask<SIMD16<Int16>>()
    for k in stride(from: 0, to: pageSize, by: 16) {
      let added = UnsafeRawPointer(x + k).loadUnaligned(as: SIMD16<UInt16>.self)
      let total = UnsafeRawPointer(y + k).loadUnaligned(as: SIMD16<UInt16>.self) &+ added
      UnsafeMutableRawPointer(y + k).storeBytes(of: total, as: SIMD16<UInt16>.self)
      wrapped = wrapped .| (total .< added)
    }
    return any(wrapped)
  }

  /// The page at `from` of `now` minus the page at `before` of `then` (nil: zeros), each
  /// difference floored at 0 (no count of `then` is larger, as it is an earlier copy; the
  /// caller makes sure no count wrapped), sixteen counts an operation; written to `target`
  /// (a page) when given. The sum of the differences.
  private static func subtractPage(
    _ now: [UInt16], at from: Int, _ then: [UInt16]?, at before: Int,
    into target: UnsafeMutableBufferPointer<UInt16>?
  ) -> UInt64 {
    now.withUnsafeBufferPointer { nowPages in
      let current = UnsafeBufferPointer(rebasing: nowPages[from..<(from + pageSize)])
      guard let x = current.baseAddress else { return 0 }
      func run(_ y: UnsafePointer<UInt16>?) -> UInt64 {
        var sum = SIMD16<UInt32>()
        for k in stride(from: 0, to: pageSize, by: 16) {
          var d = UnsafeRawPointer(x + k).loadUnaligned(as: SIMD16<UInt16>.self)
          if let y {
            let e = UnsafeRawPointer(y + k).loadUnaligned(as: SIMD16<UInt16>.self)
            d = (d &- e).replacing(with: 0, where: d .<= e)
          }
          if let z = target?.baseAddress {
            UnsafeMutableRawPointer(z + k).storeBytes(of: d, as: SIMD16<UInt16>.self)
          }
          sum &+= SIMD16<UInt32>(truncatingIfNeeded: d)
        }
        return UInt64(sum.wrappedSum())
      }
      guard let then, before >= 0 else { return run(nil) }
      return then.withUnsafeBufferPointer { thenPages in
        run(UnsafeBufferPointer(rebasing: thenPages[before..<(before + pageSize)]).baseAddress)
      }
    }
  }

  /// The count of bucket `i` (0 when its page was never touched).
  func bucketCount(at i: Int) -> UInt64 {
    let page = i >> LatencyRecorder.pageShift
    guard i >= 0, page < directory.count, directory[page] != 0 else { return 0 }
    let k = Int(directory[page]) - 1 + (i & (LatencyRecorder.pageSize - 1))
    guard k >= 0, k < pages.count else { return 0 }
    let upper = k < high.count ? high[k] << 16 : 0
    return upper | UInt64(pages[k])
  }

  /// Bucket by bucket, this recorder's counts minus those of `earlier`, a copy of it taken
  /// before (no count of it is larger): the values recorded since. `count` is their number;
  /// the sum is 0 and `maximum` is `maximum` (what quantiles are clamped to).
  func counts(since earlier: LatencyRecorder?, maximum: Double) -> LatencyRecorder {
    var out = LatencyRecorder()
    out.maximum = maximum
    guard high.isEmpty, earlier?.high.isEmpty ?? true else {
      // A count past 16 bits (65 536 values in a bucket): bucket by bucket.
      forEachBucket { i, n in
        let before = earlier?.bucketCount(at: i) ?? 0
        guard n > before else { return }
        out.add(n - before, at: i)
        out.count += Int(truncatingIfNeeded: n - before)
      }
      return out
    }
    // Page by page, eight counts an operation (the time series takes one per pool and
    // interval, over recorders of thousands of buckets): the page's sum of differences first,
    // then, where it is not 0, the differences into a page of `out`.
    let size = LatencyRecorder.pageSize
    var total = 0
    for page in touchedPages where directory[page] != 0 {
      let from = Int(directory[page]) - 1
      guard from >= 0, from + size <= pages.count else { continue }
      var before = -1
      if let earlier, page < earlier.directory.count, earlier.directory[page] != 0 {
        before = Int(earlier.directory[page]) - 1
        if before + size > earlier.pages.count { before = -1 }
      }
      let then = before >= 0 ? earlier?.pages : nil
      let changed = LatencyRecorder.subtractPage(pages, at: from, then, at: before, into: nil)
      guard changed > 0 else { continue }
      total &+= Int(truncatingIfNeeded: changed)
      let to = out.pageStart(page)
      out.pages.withUnsafeMutableBufferPointer { target in
        _ = LatencyRecorder.subtractPage(
          pages, at: from, then, at: before,
          into: UnsafeMutableBufferPointer(rebasing: target[to..<(to + size)]))
      }
    }
    out.count = total
    return out
  }

  /// The highest value of the highest bucket holding a value, in nanoseconds (HdrHistogram's
  /// `max`); 0 when empty. Pages are searched from the top.
  var highestBucketTop: UInt64 {
    let size = LatencyRecorder.pageSize
    for page in touchedPages.reversed() where directory[page] != 0 {
      let start = Int(directory[page]) - 1
      guard start >= 0, start + size <= pages.count else { continue }
      for k in (0..<size).reversed()
      where pages[start + k] != 0 || (start + k < high.count && high[start + k] != 0) {
        let top = (page << LatencyRecorder.pageShift) + k
        return LatencyRecorder.highestEquivalent(LatencyRecorder.value(at: top))
      }
    }
    return 0
  }

  /// Forgets every value; the pages stay allocated (an interval's recorder is reset every
  /// interval and records into the same buckets again).
  mutating func reset() {
    if count == 0 { return }
    pages.withUnsafeMutableBufferPointer { $0.update(repeating: 0) }
    high = []
    count = 0
    sum = 0
    maximum = 0
    runCheckAt = LatencyRecorder.denseMinimumPages * LatencyRecorder.denseValuesPerPage
  }

  var mean: Double { count == 0 ? 0 : sum / Double(count) }

  /// An HdrHistogram holding these counts.
  func histogram() -> Histogram<UInt64> {
    var h = Histogram<UInt64>(
      lowestDiscernibleValue: 1, highestTrackableValue: LatencyRecorder.highestTrackable,
      numberOfSignificantValueDigits: .three)
    forEachBucket { i, n in h.record(LatencyRecorder.value(at: i), count: n) }
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
    func target(_ q: Double) -> UInt64 {
      let percentile = Swift.min(Swift.max((q * 100).nextDown, 0), 100)
      return Swift.max(1, UInt64((percentile * total / 100).rounded(.up)))
    }
    let maximum = self.maximum
    func value(_ i: Int) -> Double {
      Swift.min(
        Double(LatencyRecorder.highestEquivalent(LatencyRecorder.value(at: i))) / 1e9, maximum)
    }
    let targets = qs.map(target)
    var next = 0
    var cumulative: UInt64 = 0
    // Page by page: a page whose whole count leaves the next target unreached is passed with
    // one vectorisable sum; only the pages where a target is reached are walked bucket by
    // bucket (a run's recorders span thousands of buckets, its quantiles five pages).
    let size = LatencyRecorder.pageSize
    pages.withUnsafeBufferPointer { low in
      high.withUnsafeBufferPointer { high in
        let wide = !high.isEmpty
        for page in touchedPages where directory[page] != 0 && next < targets.count {
          let start = Int(directory[page]) - 1
          guard start >= 0, start + size <= low.count, !wide || start + size <= high.count
          else { continue }
          func count(_ k: Int) -> UInt64 {
            wide ? high[start + k] << 16 | UInt64(low[start + k]) : UInt64(low[start + k])
          }
          var total: UInt64 = 0
          if wide {
            for k in 0..<size { total &+= count(k) }
          } else {
            for k in 0..<size { total &+= UInt64(low[start + k]) }
          }
          if cumulative &+ total < targets[next] {
            cumulative &+= total
            continue
          }
          let first = page << LatencyRecorder.pageShift
          for k in 0..<size {
            let n = count(k)
            if n == 0 { continue }
            cumulative &+= n
            while next < targets.count, cumulative >= targets[next] {
              out.append(value(first + k))
              next += 1
            }
          }
        }
      }
    }
    // Targets past the last bucket (none, as the last bucket holds the count): 0 as before.
    while out.count < qs.count { out.append(0) }
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
