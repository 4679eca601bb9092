import ScaleModel

/// What a cache node counted since it was created or last reset.
public struct CacheNodeCounters: Sendable, Equatable {
  public var hits = 0
  public var misses = 0
  /// Entries removed to make room (capacity reached).
  public var evictions = 0
  /// Entries removed because their TTL ran out.
  public var expirations = 0
  /// Entries removed by a write to their key.
  public var invalidations = 0
  /// Entries written after a miss (or rewritten while present).
  public var fills = 0
  public init() {}
  public var lookups: Int { hits + misses }
  public var hitRate: Double { lookups == 0 ? 0 : Double(hits) / Double(lookups) }
}

/// One cache node: key ids with a TTL, an optional capacity and an eviction policy.
///
/// - Expiry: an entry filled at time f is valid on [f, f + ttl) and gone from f + ttl on.
///   Redis deletes an expired key lazily when it is touched and statistically in its active
///   cycle; lookups see exactly the same hits and misses either way, so this node expires
///   entries exactly at f + ttl (an idealised active expiry: expired entries never hold
///   capacity). The TTL is one per cache, so expiry order is fill order and the sweep is an
///   O(1)-amortised walk of a fill-ordered list.
/// - LRU: exact, an intrusive doubly linked list over slot arrays (most recent at the head).
/// - LFU: exact least-frequently-used with O(1) frequency lists (Shah, Mitra, Matani 2010);
///   among equally frequent keys the least recently used goes first; a key's count restarts
///   when it leaves the cache. Redis approximates this with a logarithmic 8-bit counter,
///   decay and sampling; expiry removes old keys here, so no decay is needed.
/// - Random: a uniformly drawn resident key (the caller passes the draw).
/// - Unbounded (no capacity): nothing is ever evicted, so none of these orders is kept and a
///   hit touches nothing but the key index.
///
/// Storage is slot arrays plus one map from key to slot (`KeySlotMap`), reserved up front (up to 4096
/// entries) when the capacity is known and grown on demand, so steady-state operations
/// allocate nothing.
public struct CacheNode: Sendable {
  public let ttl: Double
  /// Entries before eviction; nil = unbounded.
  public let capacity: Int?
  public let eviction: Eviction
  public private(set) var counters = CacheNodeCounters()
  /// Whether the eviction policy's order (recency list, frequency lists, dense array) is
  /// kept: only a bounded node ever evicts, so an unbounded one keeps none and a hit costs
  /// no list update.
  private let keepsEvictionOrder: Bool

  private var index = KeySlotMap()
  // Per slot.
  /// Per slot, together: a lookup's expiry sweep and a fill read and write a slot's key,
  /// expiry and fill-order links at once, and a busy node's slots outgrow the second-level
  /// cache (four parallel arrays were four cache misses where this is one or two).
  private var slots: [Slot] = []
  private var prev: [Int] = []  // recency list (LRU) or frequency-node item list (LFU)
  private var next: [Int] = []
  private var slotFreqNode: [Int] = []  // LFU
  private var densePos: [Int] = []  // random
  private var dense: [Int] = []
  private var freeSlots: [Int] = []
  private var head = -1
  private var tail = -1
  private var expHead = -1
  private var expTail = -1
  // LFU frequency nodes, ascending by frequency from `freqFirst`.
  private var freqValue: [Int] = []
  private var freqItemHead: [Int] = []
  private var freqItemTail: [Int] = []
  private var freqPrev: [Int] = []
  private var freqNext: [Int] = []
  private var freeFreqNodes: [Int] = []
  private var freqFirst = -1

  /// Largest capacity reserved up front; larger capacities grow on demand (a cache of many
  /// nodes must not reserve memory for keys it may never see; storage grows to its
  /// steady-state size and then stops allocating).
  static let maxReserve = 1 << 12

  /// A node whose entries live `ttl` seconds, holding at most `capacity` keys (nil =
  /// unbounded; negative counts as 0).
  public init(ttl: Double, capacity: Int? = nil, eviction: Eviction = .lru) {
    self.ttl = ttl
    self.capacity = capacity.map { max(0, $0) }
    self.eviction = eviction
    keepsEvictionOrder = capacity != nil
    if let c = self.capacity {
      let r = min(c, CacheNode.maxReserve)
      index.reserveCapacity(r)
      for array in [\CacheNode.prev, \.next] {
        self[keyPath: array].reserveCapacity(r)
      }
      slots.reserveCapacity(r)
      freeSlots.reserveCapacity(r)
      switch eviction {
      case .lfu:
        slotFreqNode.reserveCapacity(r)
        for array in [
          \CacheNode.freqValue, \.freqItemHead, \.freqItemTail, \.freqPrev, \.freqNext,
          \.freeFreqNodes,
        ] {
          self[keyPath: array].reserveCapacity(r + 1)
        }
      case .random:
        densePos.reserveCapacity(r)
        dense.reserveCapacity(r)
      case .lru:
        break
      }
    }
  }

  /// Resident (unexpired as of the last operation) entries.
  public var count: Int { index.count }

  /// Whether `key` is resident and unexpired at `now`, without counting or touching it.
  public func contains(_ key: Int, now: Double) -> Bool {
    guard let s = index[key] else { return false }
    return now < slots[s].expiry
  }

  /// A read: a hit refreshes the key's recency or frequency. Counts a hit or a miss.
  public mutating func lookup(_ key: Int, now: Double) -> Bool {
    expire(now: now)
    if let s = index[key] {
      counters.hits += 1
      touch(s)
      return true
    }
    counters.misses += 1
    return false
  }

  /// Stores `key` (after a miss was answered by the database): a resident key gets a fresh
  /// TTL; a new key may evict one first. `draw` is a uniform 64-bit random word, used only
  /// by random eviction. Nothing is stored when the TTL or capacity is not positive.
  public mutating func fill(_ key: Int, now: Double, draw: UInt64 = 0) {
    expire(now: now)
    guard ttl > 0, capacity != 0 else { return }
    counters.fills += 1
    let expiry = now + ttl
    if let s = index[key] {
      slots[s].expiry = expiry
      unlinkExpiry(s)
      appendExpiry(s)
      touch(s)
      return
    }
    if let c = capacity, index.count >= c {
      evictOne(draw: draw)
    }
    let s = allocate(key: key, expiry: expiry)
    index[key] = s
    appendExpiry(s)
    guard keepsEvictionOrder else { return }
    switch eviction {
    case .lru: pushFront(s)
    case .lfu: lfuInsert(s)
    case .random:
      densePos[s] = dense.count
      dense.append(s)
    }
  }

  /// A write to `key`: its entry (if any) is removed.
  public mutating func invalidate(_ key: Int, now: Double) {
    expire(now: now)
    guard let s = index[key] else { return }
    counters.invalidations += 1
    remove(s)
  }

  /// Removes every entry whose TTL has run out by `now`.
  public mutating func expire(now: Double) {
    while expHead >= 0, slots[expHead].expiry <= now {
      counters.expirations += 1
      remove(expHead)
    }
  }

  /// Removes the entries whose key satisfies `predicate` (keys that moved to another node
  /// when nodes joined or left); not counted as evictions. Returns how many were removed.
  @discardableResult
  public mutating func drop(where predicate: (Int) -> Bool) -> Int {
    let doomed = index.sortedEntries().filter { predicate($0.key) }.map(\.slot).sorted()
    for s in doomed { remove(s) }
    return doomed.count
  }

  /// Resident keys, sorted.
  public var residentKeys: [Int] { index.sortedEntries().map(\.key) }

  /// Empties the node (it left the cluster or restarted); counters are kept.
  public mutating func removeAll() {
    drop { _ in true }
  }

  /// Zeroes the counters (end of warm-up); entries stay.
  public mutating func resetCounters() {
    counters = CacheNodeCounters()
  }

  // MARK: - Slots

  private mutating func allocate(key: Int, expiry: Double) -> Int {
    if let s = freeSlots.popLast() {
      slots[s].key = key
      slots[s].expiry = expiry
      return s
    }
    let s = slots.count
    slots.append(Slot(key: key, expiry: expiry))
    guard keepsEvictionOrder else { return s }
    prev.append(-1)
    next.append(-1)
    switch eviction {
    case .lfu: slotFreqNode.append(-1)
    case .random: densePos.append(-1)
    case .lru: break
    }
    return s
  }

  private mutating func remove(_ s: Int) {
    index[slots[s].key] = nil
    unlinkExpiry(s)
    freeSlots.append(s)
    guard keepsEvictionOrder else { return }
    switch eviction {
    case .lru: unlink(s)
    case .lfu: lfuRemove(s)
    case .random:
      let p = densePos[s]
      if let last = dense.popLast(), last != s, p >= 0, p < dense.count {
        dense[p] = last
        densePos[last] = p
      }
      densePos[s] = -1
    }
  }

  private mutating func touch(_ s: Int) {
    guard keepsEvictionOrder else { return }
    switch eviction {
    case .lru:
      unlink(s)
      pushFront(s)
    case .lfu: lfuTouch(s)
    case .random: break
    }
  }

  private mutating func evictOne(draw: UInt64) {
    var victim = -1
    switch eviction {
    case .lru: victim = tail
    case .lfu: victim = freqFirst >= 0 ? freqItemTail[freqFirst] : -1
    case .random:
      if !dense.isEmpty { victim = dense[Int(draw % UInt64(dense.count))] }
    }
    guard victim >= 0 else { return }
    counters.evictions += 1
    remove(victim)
  }

  // MARK: - Recency list (LRU)

  private mutating func pushFront(_ s: Int) {
    prev[s] = -1
    next[s] = head
    if head >= 0 { prev[head] = s } else { tail = s }
    head = s
  }

  private mutating func unlink(_ s: Int) {
    let p = prev[s]
    let n = next[s]
    if p >= 0 { next[p] = n } else if head == s { head = n }
    if n >= 0 { prev[n] = p } else if tail == s { tail = p }
    prev[s] = -1
    next[s] = -1
  }

  // MARK: - Fill-order list (expiry)

  private mutating func appendExpiry(_ s: Int) {
    slots[s].expNext = -1
    slots[s].expPrev = expTail
    if expTail >= 0 { slots[expTail].expNext = s } else { expHead = s }
    expTail = s
  }

  private mutating func unlinkExpiry(_ s: Int) {
    let p = slots[s].expPrev
    let n = slots[s].expNext
    if p >= 0 { slots[p].expNext = n } else if expHead == s { expHead = n }
    if n >= 0 { slots[n].expPrev = p } else if expTail == s { expTail = p }
    slots[s].expPrev = -1
    slots[s].expNext = -1
  }

  // MARK: - Frequency lists (LFU)

  private mutating func newFreqNode(value: Int, after: Int) -> Int {
    let f: Int
    if let reused = freeFreqNodes.popLast() {
      f = reused
      freqValue[f] = value
      freqItemHead[f] = -1
      freqItemTail[f] = -1
    } else {
      f = freqValue.count
      freqValue.append(value)
      freqItemHead.append(-1)
      freqItemTail.append(-1)
      freqPrev.append(-1)
      freqNext.append(-1)
    }
    // Link after `after` (-1: at the front).
    let n = after >= 0 ? freqNext[after] : freqFirst
    freqPrev[f] = after
    freqNext[f] = n
    if after >= 0 { freqNext[after] = f } else { freqFirst = f }
    if n >= 0 { freqPrev[n] = f }
    return f
  }

  private mutating func freeFreqNode(_ f: Int) {
    let p = freqPrev[f]
    let n = freqNext[f]
    if p >= 0 { freqNext[p] = n } else { freqFirst = n }
    if n >= 0 { freqPrev[n] = p }
    freeFreqNodes.append(f)
  }

  private mutating func freqPushFront(_ s: Int, node f: Int) {
    slotFreqNode[s] = f
    prev[s] = -1
    next[s] = freqItemHead[f]
    if freqItemHead[f] >= 0 { prev[freqItemHead[f]] = s } else { freqItemTail[f] = s }
    freqItemHead[f] = s
  }

  /// Takes `s` out of its frequency node's item list; returns whether the node is now empty.
  private mutating func freqUnlink(_ s: Int, node f: Int) -> Bool {
    let p = prev[s]
    let n = next[s]
    if p >= 0 { next[p] = n } else { freqItemHead[f] = n }
    if n >= 0 { prev[n] = p } else { freqItemTail[f] = p }
    prev[s] = -1
    next[s] = -1
    return freqItemHead[f] < 0
  }

  private mutating func lfuInsert(_ s: Int) {
    let f =
      (freqFirst >= 0 && freqValue[freqFirst] == 1) ? freqFirst : newFreqNode(value: 1, after: -1)
    freqPushFront(s, node: f)
  }

  private mutating func lfuTouch(_ s: Int) {
    let f = slotFreqNode[s]
    guard f >= 0 else { return }
    let value = freqValue[f]
    guard value < Int.max else {
      _ = freqUnlink(s, node: f)
      freqPushFront(s, node: f)
      return
    }
    let n = freqNext[f]
    let target = (n >= 0 && freqValue[n] == value + 1) ? n : newFreqNode(value: value + 1, after: f)
    if freqUnlink(s, node: f) { freeFreqNode(f) }
    freqPushFront(s, node: target)
  }

  private mutating func lfuRemove(_ s: Int) {
    let f = slotFreqNode[s]
    guard f >= 0 else { return }
    if freqUnlink(s, node: f) { freeFreqNode(f) }
    slotFreqNode[s] = -1
  }

  /// A slot: its key, when it expires, and its neighbours in fill order (-1: none).
  private struct Slot {
    var key: Int
    var expiry: Double
    var expPrev = -1
    var expNext = -1
  }
}
