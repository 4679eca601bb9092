/// A FIFO of request slot indices: a growable ring buffer (power-of-two capacity) with no
/// per-operation allocation once grown. `capacity` 0 allocates nothing until the first
/// append (a server's queue: 100 000 idle servers must not cost 4 KB each).
///
/// A class over its own buffer: a station appends and pops on every queued request, and an
/// array in a struct pays a uniqueness check (a runtime call) on each write
/// (docs/engine.md, "Performance"). A queue has one owner, the station holding it in place.
final class SlotQueue {
  private var buffer: UnsafeMutablePointer<Int32>?
  private var size = 0
  private var head = 0
  private(set) var count = 0

  init(capacity: Int = 16) {
    guard capacity > 0 else { return }
    var size = 16
    while size < capacity && size < (1 << 30) { size <<= 1 }
    resize(to: size)
  }

  deinit { buffer?.deallocate() }

  var isEmpty: Bool { count == 0 }
  /// Slots the buffer holds before it grows (0: nothing allocated yet).
  var allocated: Int { size }

  @inline(__always)
  func append(_ slot: Int32) {
    if count == size { resize(to: Swift.max(16, size * 2)) }
    guard let buffer else { return }
    buffer[(head &+ count) & (size &- 1)] = slot
    count += 1
  }

  @inline(__always)
  func popFirst() -> Int32? {
    guard count > 0, let buffer else { return nil }
    let slot = buffer[head]
    head = (head &+ 1) & (size &- 1)
    count -= 1
    return slot
  }

  /// A buffer of `newSize` (a power of two, at least `count`) holding the slots oldest first.
  private func resize(to newSize: Int) {
    let next = UnsafeMutablePointer<Int32>.allocate(capacity: newSize)
    if let buffer {
      for i in 0..<count { next[i] = buffer[(head &+ i) & (size &- 1)] }
      buffer.deallocate()
    }
    buffer = next
    size = newSize
    head = 0
  }

  /// Every slot, oldest first, and empties the queue.
  func drain() -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(count)
    while let s = popFirst() { out.append(s) }
    return out
  }
}
