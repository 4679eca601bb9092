/// A hash map from key ids to slot numbers (non-negative), for the cache nodes' and replica
/// sets' key indices, which every cached or replicated request reads and writes.
///
/// Swift's `Dictionary` hashes an `Int` with SipHash-1-3 through `Hasher` (~90 instructions a
/// hash, two or three hashes a request: a fifth of the full data-tier model's instructions),
/// and no well-kept package offers a dictionary with a cheaper hash. Key ids are the
/// engine's own (drawn by `KeySampler`), not adversarial input, so a multiplicative hash
/// (Knuth's Fibonacci hashing: the top bits of key × 2⁶⁴/φ) spreads them well enough, and
/// open addressing with linear probing keeps an entry and its probe in one or two cache
/// lines. Removal shifts the following entries back (no tombstones), so lookups never slow
/// down as keys come and go. The table doubles past 70% full; iteration order (used only
/// through `sortedEntries`) never leaks into results.
///
/// Entries are packed: while every key fits in 32 bits and every slot below 2³² − 1 (always,
/// for the key ids a script can declare: at most 10⁷), a position is one 64-bit word — the
/// key's 32-bit pattern and slot + 1 above it, 0 for an empty position — eight to a cache
/// line. The index of a busy cache node or replica set outgrows the second-level cache, and
/// each look-up of a key not recently used misses it: half the bytes, half the lines. The
/// first key or slot that does not fit makes the map wide (two words a position: the key,
/// then slot + 1) for good.
struct KeySlotMap: Sendable {
  /// Narrow: a word per position; wide: two (see the type's note).
  private var words: [UInt64]
  private var wide = false
  /// Positions − 1 (the number of positions is a power of two).
  private var mask: Int
  /// 64 − log2(positions): the hash keeps the top bits of the product.
  private var shift: UInt64
  private(set) var count = 0

  static let minimumSize = 16
  /// The low 32 bits of a narrow word (the key's pattern).
  private static let low32: UInt64 = 0xFFFF_FFFF

  init(capacity: Int = 0) {
    var size = KeySlotMap.minimumSize
    while size * 7 < Swift.max(0, capacity) * 10 { size *= 2 }
    words = Array(repeating: 0, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  var isEmpty: Bool { count == 0 }
  private var positions: Int { mask + 1 }

  /// The home position of `key` in a table whose hash keeps the top 64 − `shift` bits.
  @inline(__always)
  private static func home(_ key: Int, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
  }

  /// Whether `key` fits a narrow word.
  @inline(__always)
  private static func isNarrow(_ key: Int) -> Bool { Int(Int32(truncatingIfNeeded: key)) == key }

  /// A narrow word's key.
  @inline(__always)
  private static func narrowKey(_ w: UInt64) -> Int {
    Int(Int32(truncatingIfNeeded: UInt32(truncatingIfNeeded: w & low32)))
  }

  /// The narrow word of (key, slot).
  @inline(__always)
  private static func narrowWord(_ key: Int, _ slot: Int) -> UInt64 {
    UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: key)))
      | UInt64(truncatingIfNeeded: slot &+ 1) &<< 32
  }

  /// The position holding `key`, or the empty one where it would go (`key` must fit a
  /// narrow word when the map is narrow).
  @inline(__always)
  private func position(of key: Int) -> Int {
    var i = KeySlotMap.home(key, shift: shift)
    if wide {
      let k = UInt64(bitPattern: Int64(key))
      while words[2 &* i &+ 1] != 0 && words[2 &* i] != k { i = (i &+ 1) & mask }
    } else {
      let k = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: key)))
      while true {
        let w = words[i]
        if w == 0 || w & KeySlotMap.low32 == k { break }
        i = (i &+ 1) & mask
      }
    }
    return i
  }

  /// slot + 1 at position `i` (0: empty).
  @inline(__always)
  private func slotPlusOne(at i: Int) -> UInt64 { wide ? words[2 &* i &+ 1] : words[i] &>> 32 }

  /// The slot stored for `key`; setting nil removes it. A slot must be non-negative.
  subscript(key: Int) -> Int? {
    @inline(__always)
    get {
      if !wide && !KeySlotMap.isNarrow(key) { return nil }
      let v = slotPlusOne(at: position(of: key))
      return v == 0 ? nil : Int(truncatingIfNeeded: v) &- 1
    }
    set {
      if let newValue {
        precondition(newValue >= 0, "KeySlotMap stores non-negative slots")
        insert(key, newValue)
      } else {
        remove(key)
      }
    }
  }

  private mutating func insert(_ key: Int, _ value: Int) {
    if !wide && (!KeySlotMap.isNarrow(key) || value >= Int(UInt32.max) - 1) { widen() }
    var i = position(of: key)
    if slotPlusOne(at: i) == 0 {
      if (count + 1) * 10 > positions * 7 {
        grow()
        i = position(of: key)
      }
      count += 1
    }
    if wide {
      words[2 * i] = UInt64(bitPattern: Int64(key))
      words[2 * i + 1] = UInt64(value) + 1
    } else {
      words[i] = KeySlotMap.narrowWord(key, value)
    }
  }

  private mutating func remove(_ key: Int) {
    if !wide && !KeySlotMap.isNarrow(key) { return }
    let first = position(of: key)
    guard slotPlusOne(at: first) != 0 else { return }
    count -= 1
    let shift = self.shift
    let wide = self.wide
    // One uniqueness check for the whole shift; every position is masked to the table.
    words.withUnsafeMutableBufferPointer { t in
      let mask = (wide ? t.count / 2 : t.count) - 1
      var hole = first
      // Backward shift: move up each following entry whose home is not in (hole, its place].
      var i = hole
      while true {
        i = (i &+ 1) & mask
        let key: Int
        if wide {
          guard t[2 &* i &+ 1] != 0 else { break }
          key = Int(Int64(bitPattern: t[2 &* i]))
        } else {
          guard t[i] != 0 else { break }
          key = KeySlotMap.narrowKey(t[i])
        }
        let h = KeySlotMap.home(key, shift: shift)
        let stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i)
        if stays { continue }
        if wide {
          t[2 &* hole] = t[2 &* i]
          t[2 &* hole &+ 1] = t[2 &* i &+ 1]
        } else {
          t[hole] = t[i]
        }
        hole = i
      }
      if wide {
        t[2 &* hole &+ 1] = 0
      } else {
        t[hole] = 0
      }
    }
  }

  /// Every (key, slot), in table order.
  private var entries: [(key: Int, slot: Int)] {
    var out: [(key: Int, slot: Int)] = []
    out.reserveCapacity(count)
    for i in 0..<positions {
      if wide {
        let v = words[2 * i + 1]
        if v != 0 {
          out.append((Int(Int64(bitPattern: words[2 * i])), Int(truncatingIfNeeded: v) &- 1))
        }
      } else {
        let w = words[i]
        if w != 0 { out.append((KeySlotMap.narrowKey(w), Int(w >> 32) &- 1)) }
      }
    }
    return out
  }

  /// Refills the table with `entries` at `size` positions, narrow or wide.
  private mutating func rebuild(_ entries: [(key: Int, slot: Int)], size: Int, wide: Bool) {
    self.wide = wide
    words = Array(repeating: 0, count: wide ? 2 * size : size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    for (key, slot) in entries {
      let i = position(of: key)
      if wide {
        words[2 * i] = UInt64(bitPattern: Int64(key))
        words[2 * i + 1] = UInt64(slot) + 1
      } else {
        words[i] = KeySlotMap.narrowWord(key, slot)
      }
    }
  }

  private mutating func grow() { rebuild(entries, size: positions * 2, wide: wide) }

  /// From now on two words a position (a key or a slot does not fit a narrow word).
  private mutating func widen() { rebuild(entries, size: positions, wide: true) }

  /// Whether positions take two words (a key or slot did not fit in 32 bits).
  var isWide: Bool { wide }

  /// Room for `n` entries without growing.
  mutating func reserveCapacity(_ n: Int) {
    var size = positions
    while size * 7 < n * 10 { size *= 2 }
    if size != positions { rebuild(entries, size: size, wide: wide) }
  }

  /// Every (key, slot), in ascending key order.
  func sortedEntries() -> [(key: Int, slot: Int)] {
    entries.sorted { $0.key < $1.key }
  }
}
