/// A FIFO of request slot indices: a growable ring buffer (power-of-two capacity) with no
/// per-operation allocation once grown. `capacity` 0 allocates nothing until the first
/// append (a server's queue: 100 000 idle servers must not cost 4 KB each).
struct SlotQueue: Sendable {
  var buffer: [Int32]
  var head = 0
  var mask: Int
  private(set) var count = 0

  init(capacity: Int = 16) {
    guard capacity > 0 else {
      buffer = []
      mask = 0
      return
    }
    var size = 16
    while size < capacity && size < (1 << 30) { size <<= 1 }
    buffer = [Int32](repeating: -1, count: size)
    mask = size - 1
  }

  var isEmpty: Bool { count == 0 }

  mutating func append(_ slot: Int32) {
    if count == buffer.count { grow() }
    buffer[(head &+ count) & mask] = slot
    count += 1
  }

  mutating func popFirst() -> Int32? {
    guard count > 0 else { return nil }
    let slot = buffer[head]
    head = (head &+ 1) & mask
    count -= 1
    return slot
  }

  mutating func grow() {
    var next = [Int32](repeating: -1, count: Swift.max(16, buffer.count * 2))
    for i in 0..<count { next[i] = buffer[(head + i) & mask] }
    buffer = next
    head = 0
    mask = next.count - 1
  }

  /// Every slot, oldest first, and empties the queue.
  mutating func drain() -> [Int32] {
    var out: [Int32] = []
    out.reserveCapacity(count)
    while let s = popFirst() { out.append(s) }
    return out
  }
}
