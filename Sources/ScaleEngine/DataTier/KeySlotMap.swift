/// A hash map from key ids to slot numbers (non-negative), for the cache nodes' and replica
/// sets' key indices, which every cached or replicated request reads and writes.
///
/// Swift's `Dictionary` hashes an `Int` with SipHash-1-3 through `Hasher` (~90 instructions a
/// hash, two or three hashes a request: a fifth of the full data-tier model's instructions),
/// and no well-kept package offers a dictionary with a cheaper hash. Key ids are the
/// engine's own (drawn by `KeySampler`), not adversarial input, so a multiplicative hash
/// (Knuth's Fibonacci hashing: the top bits of key × 2⁶⁴/φ) spreads them well enough, and
/// open addressing with linear probing keeps an entry and its probe in one or two cache
/// lines. Removal shifts the following entries back (no tombstones), so lookups never
/// slow down as keys come and go. The table doubles past 70% full; iteration order (used
/// only through `sortedEntries`) never leaks into results.
struct KeySlotMap: Sendable {
  /// Slot keys and values; a value of −1 marks an empty slot.
  private var keys: [Int]
  private var values: [Int]
  /// Table size − 1 (the size is a power of two).
  private var mask: Int
  /// 64 − log2(table size): the hash keeps the top bits of the product.
  private var shift: UInt64
  private(set) var count = 0

  static let minimumSize = 16

  init(capacity: Int = 0) {
    var size = KeySlotMap.minimumSize
    while size * 7 < Swift.max(0, capacity) * 10 { size *= 2 }
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: -1, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  var isEmpty: Bool { count == 0 }

  /// The home position of `key`.
  @inline(__always)
  private func home(_ key: Int) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
  }

  /// The position holding `key`, or the empty one where it would go.
  @inline(__always)
  private func position(of key: Int) -> Int {
    var i = home(key)
    while values[i] >= 0 && keys[i] != key { i = (i &+ 1) & mask }
    return i
  }

  /// The slot stored for `key`; setting nil removes it. A slot must be non-negative.
  subscript(key: Int) -> Int? {
    get {
      let i = position(of: key)
      let v = values[i]
      return v >= 0 ? v : nil
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
    var i = position(of: key)
    if values[i] < 0 {
      if (count + 1) * 10 > values.count * 7 {
        grow()
        i = position(of: key)
      }
      count += 1
      keys[i] = key
    }
    values[i] = value
  }

  private mutating func remove(_ key: Int) {
    var hole = position(of: key)
    guard values[hole] >= 0 else { return }
    count -= 1
    // Backward shift: move up each following entry whose home is not in (hole, its place].
    var i = hole
    while true {
      i = (i &+ 1) & mask
      guard values[i] >= 0 else { break }
      let h = home(keys[i])
      let stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i)
      if stays { continue }
      keys[hole] = keys[i]
      values[hole] = values[i]
      hole = i
    }
    values[hole] = -1
  }

  private mutating func grow() {
    let oldKeys = keys
    let oldValues = values
    let size = values.count * 2
    keys = Array(repeating: 0, count: size)
    values = Array(repeating: -1, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    for j in oldValues.indices where oldValues[j] >= 0 {
      let i = position(of: oldKeys[j])
      keys[i] = oldKeys[j]
      values[i] = oldValues[j]
    }
  }

  /// Room for `n` entries without growing.
  mutating func reserveCapacity(_ n: Int) {
    while values.count * 7 < n * 10 { grow() }
  }

  /// Every (key, slot), in ascending key order.
  func sortedEntries() -> [(key: Int, slot: Int)] {
    values.indices.filter { values[$0] >= 0 }.map { (keys[$0], values[$0]) }.sorted {
      $0.key < $1.key
    }
  }
}
