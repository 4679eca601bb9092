/// A hash map from key ids to slot numbers (non-negative), for the cache nodes' and replica
/// sets' key indices, which every cached or replicated request reads and writes.
///
/// Swift's `Dictionary` hashes an `Int` with SipHash-1-3 through `Hasher` (~90 instructions a
/// hash, two or three hashes a request: a fifth of the full data-tier model's instructions),
/// and no well-kept package offers a dictionary with a cheaper hash. Key ids are the
/// engine's own (drawn by `KeySampler`), not adversarial input, so a multiplicative hash
/// (Knuth's Fibonacci hashing: the top bits of key × 2⁶⁴/φ) spreads them well enough, and
/// open addressing with linear probing keeps an entry and its probe in one or two cache
/// lines: key and slot side by side (16 bytes, four to a line), so a probe that finds its key
/// reads one line, not one in a key array and another in a slot array. Removal shifts the following entries back (no tombstones), so lookups never
/// slow down as keys come and go. The table doubles past 70% full; iteration order (used
/// only through `sortedEntries`) never leaks into results.
struct KeySlotMap: Sendable {
  /// One position of the table: a key and its slot; a slot of −1 marks an empty position.
  struct Entry: Sendable {
    var key: Int
    var slot: Int
  }
  static let empty = Entry(key: 0, slot: -1)

  private var table: [Entry]
  /// Table size − 1 (the size is a power of two).
  private var mask: Int
  /// 64 − log2(table size): the hash keeps the top bits of the product.
  private var shift: UInt64
  private(set) var count = 0

  static let minimumSize = 16

  init(capacity: Int = 0) {
    var size = KeySlotMap.minimumSize
    while size * 7 < Swift.max(0, capacity) * 10 { size *= 2 }
    table = Array(repeating: KeySlotMap.empty, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
  }

  var isEmpty: Bool { count == 0 }

  /// The home position of `key` in a table whose hash keeps the top 64 − `shift` bits.
  @inline(__always)
  private static func home(_ key: Int, shift: UInt64) -> Int {
    Int(truncatingIfNeeded: (UInt64(bitPattern: Int64(key)) &* 0x9E37_79B9_7F4A_7C15) &>> shift)
  }

  /// The position holding `key`, or the empty one where it would go.
  @inline(__always)
  private func position(of key: Int) -> Int {
    var i = KeySlotMap.home(key, shift: shift)
    while table[i].slot >= 0 && table[i].key != key { i = (i &+ 1) & mask }
    return i
  }

  /// The slot stored for `key`; setting nil removes it. A slot must be non-negative.
  subscript(key: Int) -> Int? {
    @inline(__always)
    get {
      let v = table[position(of: key)].slot
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
    if table[i].slot < 0 {
      if (count + 1) * 10 > table.count * 7 {
        grow()
        i = position(of: key)
      }
      count += 1
    }
    table[i] = Entry(key: key, slot: value)
  }

  private mutating func remove(_ key: Int) {
    let first = position(of: key)
    guard table[first].slot >= 0 else { return }
    count -= 1
    let shift = self.shift
    // One uniqueness check for the whole shift; every index is masked to the table's size.
    table.withUnsafeMutableBufferPointer { t in
      let mask = t.count - 1
      var hole = first
      // Backward shift: move up each following entry whose home is not in (hole, its place].
      var i = hole
      while true {
        i = (i &+ 1) & mask
        let entry = t[i]
        guard entry.slot >= 0 else { break }
        let h = KeySlotMap.home(entry.key, shift: shift)
        let stays = hole <= i ? (hole < h && h <= i) : (hole < h || h <= i)
        if stays { continue }
        t[hole] = entry
        hole = i
      }
      t[hole] = KeySlotMap.empty
    }
  }

  private mutating func grow() {
    let old = table
    let size = table.count * 2
    table = Array(repeating: KeySlotMap.empty, count: size)
    mask = size - 1
    shift = UInt64(64 - size.trailingZeroBitCount)
    for entry in old where entry.slot >= 0 {
      table[position(of: entry.key)] = entry
    }
  }

  /// Room for `n` entries without growing.
  mutating func reserveCapacity(_ n: Int) {
    while table.count * 7 < n * 10 { grow() }
  }

  /// Every (key, slot), in ascending key order.
  func sortedEntries() -> [(key: Int, slot: Int)] {
    table.filter { $0.slot >= 0 }.map { ($0.key, $0.slot) }.sorted { $0.key < $1.key }
  }
}
