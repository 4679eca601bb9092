/// The pending-event set: a 4-ary min-heap of `SimEvent` ordered by
/// (time, sequence). A 4-ary heap halves the depth of a binary one and keeps a node's children
/// in one cache line; `scale-bench --heap` compares it with swift-collections' `Heap`
/// (see docs/engine.md for the figures and the choice).
///
/// A class with its own buffer, not a struct over an array: every push and pop writes the
/// heap, and an array in a struct pays a uniqueness check (a call into the runtime) on each
/// write, two or three per event (docs/engine.md, "Performance"). A queue has one owner (the
/// simulation's core); two references to one queue see the same events.
///
/// A pop leaves the root empty until the next push or read: an event's handler nearly
/// always schedules one (a service's end, the next hop), and that event then takes the root
/// and sinks to its place, one sift instead of two (the last event sinking from the root,
/// the new one rising from the bottom). The order events come out in is that of their
/// (time, sequence), whatever the heap's arrangement, so this changes no run.
public final class EventQueue {
  private var base: UnsafeMutablePointer<SimEvent>
  private var capacity: Int
  /// Positions in use, the root included while it is empty.
  private var pending = 0
  /// The root was popped and nothing has taken its place yet.
  private var rootEmpty = false
  private var nextSequence: UInt64 = 0

  /// An empty queue.
  public init() {
    capacity = 1024
    base = UnsafeMutablePointer<SimEvent>.allocate(capacity: capacity)
  }

  deinit {
    base.deinitialize(count: pending)
    base.deallocate()
  }

  /// Events pending.
  public var count: Int { rootEmpty ? pending - 1 : pending }
  /// Whether nothing is pending.
  public var isEmpty: Bool { count == 0 }
  /// The earliest event's time, or +∞.
  public var nextTime: Double {
    @inline(__always) get {
      fillEmptyRoot()
      return pending > 0 ? base[0].time : .infinity
    }
  }

  /// The popped root's place taken by the last event (nothing was scheduled since the pop).
  @inline(__always)
  private func fillEmptyRoot() {
    guard rootEmpty else { return }
    rootEmpty = false
    pending -= 1
    if pending > 0 { fillRoot(with: base[pending]) }
  }

  /// Schedules an event; ties at the same time run in scheduling order.
  @inline(__always)
  public func schedule(
    at time: Double, kind: SimEventKind, a: Int32 = 0, b: UInt32 = 0, c: Int32 = 0
  ) {
    let event = SimEvent(time: time, sequence: nextSequence, kind: kind, a: a, b: b, c: c)
    nextSequence &+= 1
    push(event)
  }

  /// Inserts an event as is (its sequence number must already be set).
  @inline(__always)
  public func push(_ event: SimEvent) {
    if rootEmpty {
      rootEmpty = false
      fillRoot(with: event)
      return
    }
    if pending == capacity { grow() }
    (base + pending).initialize(to: event)
    pending += 1
    siftUp(pending - 1)
  }

  /// Removes and returns the earliest event.
  @inline(__always)
  public func pop() -> SimEvent? {
    fillEmptyRoot()
    guard pending > 0 else { return nil }
    rootEmpty = true
    return base[0]
  }

  private func grow() {
    let bigger = UnsafeMutablePointer<SimEvent>.allocate(capacity: capacity * 2)
    bigger.moveInitialize(from: base, count: pending)
    base.deallocate()
    base = bigger
    capacity *= 2
  }

  /// Moves the event at `start` up to its place (`start` < `pending`): parents later than it
  /// move down into the hole.
  @inline(__always)
  private func siftUp(_ start: Int) {
    var i = start
    let x = base[i]
    while i > 0 {
      let parent = (i &- 1) &>> 2
      if !x.precedes(base[parent]) { break }
      base[i] = base[parent]
      i = parent
    }
    base[i] = x
  }

  /// Puts `x` (the former last event) in place of the popped root: the hole descends along
  /// the earliest child while that child precedes `x`. Only times (and sequences on a tie)
  /// are read to compare; an event is copied once a level. Indices wrap rather than trap:
  /// they stay below `pending`, itself below the buffer's capacity.
  @inline(__always)
  private func fillRoot(with x: SimEvent) {
    let n = pending
    var i = 0
    while true {
      let first = (i &<< 2) &+ 1
      if first >= n { break }
      var best = first
      var bestTime = base[first].time
      @inline(__always)
      func consider(_ j: Int) {
        let t = base[j].time
        if t < bestTime || (t == bestTime && base[j].sequence < base[best].sequence) {
          best = j
          bestTime = t
        }
      }
      if first &+ 3 < n {
        // Four children (all but the last parent): a fixed, unrolled three comparisons.
        for k in 1..<4 { consider(first &+ k) }
      } else {
        var j = first &+ 1
        while j < n {
          consider(j)
          j &+= 1
        }
      }
      if !base[best].precedes(x) { break }
      base[i] = base[best]
      i = best
    }
    base[i] = x
  }

  /// Drops every event (for tests).
  public func removeAll() {
    base.deinitialize(count: pending)
    pending = 0
    rootEmpty = false
  }
}
