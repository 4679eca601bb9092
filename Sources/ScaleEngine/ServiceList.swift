/// A database station's services in progress, in the order they started: per service, the
/// request slot and a tag (the service's token in the low 32 bits, the request's generation
/// when it began in the high 32). A scatter read is in service at several stations at once,
/// so its slot cannot say where; a completion finds its own service here by token.
///
/// A class over its own buffer, like `SlotQueue`: every database call appends and removes
/// one entry, and two arrays in the station struct paid four uniqueness checks (runtime
/// calls) and two generic `remove(at:)` calls a call (docs/engine.md, "Performance"). A
/// list has one owner, the station holding it in place. Nothing is allocated until the first
/// service (servers never use theirs).
final class ServiceList {
  private struct Entry {
    var slot: Int32
    var tag: UInt64
  }
  private var buffer: UnsafeMutablePointer<Entry>?
  private var capacity = 0
  private(set) var count = 0

  init() {}

  deinit { buffer?.deallocate() }

  var isEmpty: Bool { count == 0 }

  /// A service of `slot` began with `token` for the request's `generation`.
  @inline(__always)
  func append(slot: Int32, token: UInt64, generation: UInt32) {
    if count == capacity { grow() }
    guard let buffer else { return }
    (buffer + count).initialize(
      to: Entry(slot: slot, tag: UInt64(generation) << 32 | (token & 0xFFFF_FFFF)))
    count += 1
  }

  /// Removes the service whose token's low 32 bits are `token` (the oldest such, as services
  /// end in any order) and returns the generation it began for; nil when none is here.
  @inline(__always)
  func remove(token: UInt32) -> UInt32? {
    guard let buffer else { return nil }
    var i = 0
    while i < count && UInt32(truncatingIfNeeded: buffer[i].tag) != token { i &+= 1 }
    guard i < count else { return nil }
    let generation = UInt32(truncatingIfNeeded: buffer[i].tag >> 32)
    // Keep the start order: the entries after it move down one.
    (buffer + i).update(from: buffer + i + 1, count: count - i - 1)
    count -= 1
    return generation
  }

  /// The slots in the order their services started; the list is emptied.
  func drain() -> [Int32] {
    guard let buffer else { return [] }
    let slots = (0..<count).map { buffer[$0].slot }
    count = 0
    return slots
  }

  private func grow() {
    let bigger = Swift.max(8, capacity * 2)
    let next = UnsafeMutablePointer<Entry>.allocate(capacity: bigger)
    if let buffer {
      next.moveInitialize(from: buffer, count: count)
      buffer.deallocate()
    }
    buffer = next
    capacity = bigger
  }
}
