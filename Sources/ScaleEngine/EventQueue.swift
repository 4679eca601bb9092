/// The pending-event set: an array-backed 4-ary min-heap of `SimEvent` ordered by
/// (time, sequence). A 4-ary heap halves the depth of a binary one and keeps a node's children
/// in one cache line; `scale-bench --heap` compares it with swift-collections' `Heap`
/// (see docs/engine.md for the figures and the choice).
public struct EventQueue: Sendable {
  @usableFromInline var items: [SimEvent] = []
  @usableFromInline var nextSequence: UInt64 = 0

  /// An empty queue.
  public init() {
    items.reserveCapacity(1024)
  }

  /// Events pending.
  public var count: Int { items.count }
  /// Whether nothing is pending.
  public var isEmpty: Bool { items.isEmpty }
  /// The earliest event's time, or +∞.
  @inlinable
  public var nextTime: Double { items.first?.time ?? .infinity }

  /// Schedules an event; ties at the same time run in scheduling order.
  @inlinable
  public mutating func schedule(
    at time: Double, kind: SimEventKind, a: Int32 = 0, b: UInt32 = 0, c: Int32 = 0
  ) {
    let event = SimEvent(time: time, sequence: nextSequence, kind: kind, a: a, b: b, c: c)
    nextSequence &+= 1
    push(event)
  }

  /// Inserts an event as is (its sequence number must already be set).
  @inlinable
  public mutating func push(_ event: SimEvent) {
    items.append(event)
    siftUp(items.count - 1)
  }

  /// Removes and returns the earliest event.
  @inlinable
  public mutating func pop() -> SimEvent? {
    guard let last = items.popLast() else { return nil }
    if items.isEmpty { return last }
    let top = items[0]
    items[0] = last
    siftDown(0)
    return top
  }

  @inlinable
  mutating func siftUp(_ start: Int) {
    items.withUnsafeMutableBufferPointer { buf in
      var i = start
      let x = buf[i]
      while i > 0 {
        let parent = (i - 1) >> 2
        let p = buf[parent]
        if !x.precedes(p) { break }
        buf[i] = p
        i = parent
      }
      buf[i] = x
    }
  }

  @inlinable
  mutating func siftDown(_ start: Int) {
    items.withUnsafeMutableBufferPointer { buf in
      let n = buf.count
      var i = start
      let x = buf[i]
      while true {
        let first = (i << 2) + 1
        if first >= n { break }
        var best = first
        var bestItem = buf[first]
        let end = Swift.min(first + 4, n)
        var j = first + 1
        while j < end {
          let candidate = buf[j]
          if candidate.precedes(bestItem) {
            best = j
            bestItem = candidate
          }
          j += 1
        }
        if !bestItem.precedes(x) { break }
        buf[i] = bestItem
        i = best
      }
      buf[i] = x
    }
  }

  /// Drops every event (for tests).
  public mutating func removeAll() { items.removeAll(keepingCapacity: true) }
}
