import Testing

@testable import ScaleEngine

@Suite struct JumpHashTests {
  @Test func oneBucketIsAlwaysZero() {
    for k in [UInt64(0), 1, 12345, .max] { #expect(JumpHash.bucket(k, buckets: 1) == 0) }
  }

  /// Growing by one bucket either keeps a key's bucket or moves it to the new one.
  @Test func monotone() {
    for key in 0..<2000 {
      let h = KeyMix.hash(key: key)
      for n in 1..<40 {
        let a = JumpHash.bucket(h, buckets: n)
        let b = JumpHash.bucket(h, buckets: n + 1)
        #expect(a >= 0 && a < n)
        #expect(b == a || b == n)
      }
    }
  }

  @Test func nonPositiveBucketsClampToOne() {
    #expect(JumpHash.bucket(99, buckets: 0) == 0)
    #expect(JumpHash.bucket(99, buckets: -7) == 0)
  }
}
