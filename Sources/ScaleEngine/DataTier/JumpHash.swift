/// Jump consistent hash (Lamping & Veach, "A Fast, Minimal Memory, Consistent Hash
/// Algorithm", arXiv:1406.2294, 2014).
///
/// Maps a 64-bit key to a bucket in `0..<buckets` with no memory; growing from N to N + 1
/// buckets moves exactly the keys that land in the new bucket (expected 1/(N + 1)).
public enum JumpHash {
  /// The bucket of `key` among `buckets` (clamped to `1...Int32.max`, as in the paper).
  public static func bucket(_ key: UInt64, buckets: Int) -> Int {
    let n = Int64(min(max(buckets, 1), Int(Int32.max)))
    var k = key
    var b: Int64 = -1
    var j: Int64 = 0
    while j < n {
      b = j
      k = k &* 2_862_933_555_777_941_757 &+ 1
      // (b + 1) · 2^31 / ((k >> 33) + 1) ≤ 2^62 since b < 2^31: fits in Int64.
      j = Int64(Double(b + 1) * (Double(Int64(1) << 31) / Double((k >> 33) + 1)))
    }
    return Int(b)
  }
}
