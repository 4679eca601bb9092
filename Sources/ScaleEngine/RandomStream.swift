/// A deterministic pseudo-random stream: xoshiro256** (Blackman & Vigna, 2018) seeded through
/// SplitMix64 (Steele, Lea & Flood, 2014). Pure integer arithmetic, so every platform draws the
/// same numbers from the same seed.
///
/// Each purpose (arrivals, one server's service times, one balancer's routing, keys, …) gets its
/// own stream derived from the run's seed and a purpose label (see `RandomStream(seed:purpose:)`),
/// so adding a component does not shift the draws of the others.
public struct RandomStream: Sendable, Equatable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// A stream whose state is four successive outputs of SplitMix64 started at `seed`.
  public init(seed: UInt64) {
    var sm = seed
    s0 = RandomStream.splitMix64(&sm)
    s1 = RandomStream.splitMix64(&sm)
    s2 = RandomStream.splitMix64(&sm)
    s3 = RandomStream.splitMix64(&sm)
    if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }  // the all-zero state is a fixed point
  }

  /// A stream with exactly this state (for reference-vector tests); all-zero is replaced.
  init(state s0: UInt64, _ s1: UInt64, _ s2: UInt64, _ s3: UInt64) {
    self.s0 = s0 | s1 | s2 | s3 == 0 ? 0x9E37_79B9_7F4A_7C15 : s0
    self.s1 = s1
    self.s2 = s2
    self.s3 = s3
  }

  /// The stream for one purpose: the run seed mixed with the FNV-1a hash of the label's UTF-8
  /// bytes (e.g. `"service:web-1"`). Labels, not declaration order, pick the stream.
  public init(seed: UInt64, purpose: String) {
    var mixed = seed ^ RandomStream.fnv1a(purpose)
    self.init(seed: RandomStream.splitMix64(&mixed))
  }

  /// One step of SplitMix64: advances `state` by the golden-ratio increment and returns the
  /// mixed value.
  @inlinable
  public static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// 64-bit FNV-1a of a string's UTF-8 bytes.
  public static func fnv1a(_ text: String) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in text.utf8 {
      hash ^= UInt64(byte)
      hash = hash &* 0x0000_0100_0000_01B3
    }
    return hash
  }

  /// The next 64 random bits (xoshiro256**).
  @inlinable @inline(__always)
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 &<< 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  /// Rotates left by `k` in 1...63. Always inline, with masking shifts (one rotate
  /// instruction): outlined, a specialisation of it was called three times per draw.
  @inlinable @inline(__always)
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x &<< k) | (x &>> (64 &- k))
  }

  /// Uniform in [0, 1): the top 53 bits scaled by 2⁻⁵³.
  @inlinable
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// Uniform in (0, 1]: never zero, so `log` of it is finite.
  @inlinable @inline(__always)
  public mutating func nextOpenDouble() -> Double {
    Double((next() >> 11) &+ 1) * 0x1.0p-53
  }

  /// Uniform integer in `0..<bound` (Lemire's multiply-shift with rejection, unbiased);
  /// 0 when `bound` ≤ 1.
  @inlinable
  public mutating func nextInt(below bound: Int) -> Int {
    guard bound > 1 else { return 0 }
    let b = UInt64(bound)
    var product = next().multipliedFullWidth(by: b)
    if product.low < b {
      let threshold = (0 &- b) % b
      while product.low < threshold {
        product = next().multipliedFullWidth(by: b)
      }
    }
    return Int(product.high)
  }
}
