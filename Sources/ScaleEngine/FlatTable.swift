/// A growable table, held by reference, that the hot path reads and writes in place: the
/// request slots and the stations, touched several times on every event.
///
/// An array in a struct pays a uniqueness check (a call into the runtime) on every write
/// through it, because the struct could have been copied; ten of them a request were 6% of
/// the engine's instructions (docs/engine.md, "Performance"). This table is a class: one
/// owner (the `SimulationCore` inside one `Simulation`, never copied), no copy-on-write, and
/// an element is written through its address after a bounds check, which stays: an index out
/// of range stops the program as an array's would.
final class FlatTable<Element> {
  private var base: UnsafeMutablePointer<Element>
  private(set) var count = 0
  private(set) var capacity: Int

  init(capacity: Int = 16) {
    self.capacity = Swift.max(1, capacity)
    base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
  }

  deinit {
    base.deinitialize(count: count)
    base.deallocate()
  }

  var isEmpty: Bool { count == 0 }
  var indices: Range<Int> { 0..<count }

  // One unsigned comparison checks both bounds: a negative index is a huge unsigned one.
  subscript(i: Int) -> Element {
    @inline(__always)
    unsafeAddress {
      precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "FlatTable index out of range")
      return UnsafePointer(base + i)
    }
    @inline(__always)
    unsafeMutableAddress {
      precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "FlatTable index out of range")
      return base + i
    }
  }

  /// Runs `body` on element `i` in place: one bounds check and one address for several
  /// writes (writes through the subscript reload the table's buffer after each one, as a
  /// store to an element might have changed it).
  @inline(__always)
  func update<Result>(_ i: Int, _ body: (inout Element) throws -> Result) rethrows -> Result {
    precondition(UInt(bitPattern: i) < UInt(bitPattern: count), "FlatTable index out of range")
    return try body(&base[i])
  }

  /// Removes and returns the last element (a free list's pop), nil when empty.
  @inline(__always)
  func popLast() -> Element? {
    guard count > 0 else { return nil }
    count -= 1
    return (base + count).move()
  }

  func append(_ element: Element) {
    if count == capacity { grow(to: capacity * 2) }
    (base + count).initialize(to: element)
    count += 1
  }

  func reserveCapacity(_ n: Int) {
    if n > capacity { grow(to: n) }
  }

  private func grow(to newCapacity: Int) {
    let bigger = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
    bigger.moveInitialize(from: base, count: count)
    base.deallocate()
    base = bigger
    capacity = newCapacity
  }
}

extension FlatTable: RandomAccessCollection {
  var startIndex: Int { 0 }
  var endIndex: Int { count }
}
