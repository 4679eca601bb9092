/// Deterministic 64-bit mixing of key ids and ring points.
///
/// The finaliser of SplitMix64 (Steele, Lea, Flood, "Fast splittable pseudorandom number
/// generators", OOPSLA 2014): a bijection on 64-bit words with full avalanche, so consecutive
/// key ids 0, 1, 2, … land on unrelated hash values. Every key → node decision of the data
/// tier hashes through it, so the mapping is the same on every platform and every run.
public enum KeyMix {
  /// The golden-ratio increment SplitMix64 adds before mixing (so 0 does not map to 0).
  public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// Mixes a 64-bit word (SplitMix64's `next` applied to `x`).
  @inlinable
  public static func mix(_ x: UInt64) -> UInt64 {
    var z = x &+ increment
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// The hash of a key id.
  @inlinable
  public static func hash(key: Int) -> UInt64 {
    mix(UInt64(bitPattern: Int64(key)))
  }

  /// The ring point of virtual node `vnode` of node `node` (independent of how many nodes
  /// there are, so adding a node adds points and moves no existing one).
  @inlinable
  public static func point(node: Int, vnode: Int) -> UInt64 {
    mix(
      mix(UInt64(bitPattern: Int64(node)) ^ 0x5851_F42D_4C95_7F2D)
        &+ UInt64(bitPattern: Int64(vnode)))
  }
}
