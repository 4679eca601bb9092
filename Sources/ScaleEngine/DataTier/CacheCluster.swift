import ScaleModel

/// What changed when a distributed cache's node count changed at run time.
public struct CacheResize: Sendable, Equatable {
  public var from: Int
  public var to: Int
  /// Share of the key space whose node changed.
  public var remapped: Double
  /// Resident entries dropped because their key now belongs to another node (or their node
  /// left); the next read of such a key misses.
  public var droppedEntries: Int

  /// The run event's fact (kind `nodes`).
  public var fact: RunEvent.Fact { .cacheResized(from: from, to: to, remapped: remapped) }

  /// The run event for the timeline.
  public func runEvent(cache name: String, time: Double) -> RunEvent {
    RunEvent(time: time, component: name, fact: fact)
  }
}

/// A distributed cache (`CacheSpec`): `nodes` `CacheNode`s and a `KeyRouter` with the
/// cache's hashing. Nodes can join or leave at run time; entries whose key moved are
/// dropped from their old node (they can no longer be found there), so the remapped share
/// shows up as misses.
public struct CacheCluster: Sendable {
  public let spec: CacheSpec
  public private(set) var router: KeyRouter
  /// Every node ever created; the first `activeNodes` serve.
  public private(set) var nodes: [CacheNode]
  public private(set) var activeNodes: Int
  /// Its zone is dark: every node is unreachable (nodes added meanwhile too). Lookups miss,
  /// nothing is filled, and the nodes come back empty.
  public private(set) var down = false

  public init(spec: CacheSpec) {
    self.spec = spec
    router = KeyRouter(hashing: spec.hashing, nodes: spec.nodes, virtualNodes: spec.virtualNodes)
    activeNodes = router.nodeCount
    nodes = (0..<activeNodes).map { _ in
      CacheNode(ttl: spec.ttl, capacity: spec.capacity, eviction: spec.eviction)
    }
  }

  /// The node (0-based) holding `key`.
  public func node(for key: Int) -> Int { router.node(for: key) }

  /// A read of `key` at `now`: returns the node asked and whether it hit.
  public mutating func lookup(_ key: Int, now: Double) -> (node: Int, hit: Bool) {
    let n = router.node(for: key)
    return (n, nodes[n].lookup(key, now: now))
  }

  /// Stores `key` after the database answered a miss (`draw`: random eviction's draw).
  public mutating func fill(_ key: Int, now: Double, draw: UInt64 = 0) {
    guard !down else { return }
    nodes[router.node(for: key)].fill(key, now: now, draw: draw)
  }

  /// A write to `key` invalidates its entry.
  public mutating func invalidate(_ key: Int, now: Double) {
    nodes[router.node(for: key)].invalidate(key, now: now)
  }

  /// The nodes become unreachable (what they held is lost) or reachable again (empty).
  public mutating func setDown(_ value: Bool) {
    if value { for i in nodes.indices { nodes[i].removeAll() } }
    down = value
  }

  /// Changes the node count to `count` (clamped like `KeyRouter`). The remapped share is
  /// measured over key ids `0..<keySpace` (at most the first 10⁶).
  public mutating func setNodes(_ count: Int, keySpace: Int) -> CacheResize {
    let before = router
    let from = activeNodes
    router.resize(to: count)
    let to = router.nodeCount
    while nodes.count < to {
      nodes.append(CacheNode(ttl: spec.ttl, capacity: spec.capacity, eviction: spec.eviction))
    }
    var dropped = 0
    for i in 0..<nodes.count {
      if i >= to {
        if i < from { dropped += nodes[i].count }
        nodes[i].removeAll()
      } else if i < from {
        let r = router
        dropped += nodes[i].drop { r.node(for: $0) != i }
      }
    }
    activeNodes = to
    let remapped = before.remapFraction(to: router, keys: min(max(0, keySpace), 1_000_000))
    return CacheResize(from: from, to: to, remapped: remapped, droppedEntries: dropped)
  }

  /// Counters summed over every node (including nodes that left).
  public var counters: CacheNodeCounters {
    var total = CacheNodeCounters()
    for n in nodes {
      let c = n.counters
      total.hits += c.hits
      total.misses += c.misses
      total.evictions += c.evictions
      total.expirations += c.expirations
      total.invalidations += c.invalidations
      total.fills += c.fills
    }
    return total
  }

  /// Zeroes every node's counters (end of warm-up).
  public mutating func resetCounters() {
    for i in nodes.indices { nodes[i].resetCounters() }
  }

  /// The cache's statistics followed by one per node (`<name>/node-1`, …), in node order.
  public func componentStats() -> [ComponentStats] {
    func stats(_ name: String, _ kind: ComponentKind, _ c: CacheNodeCounters) -> ComponentStats {
      var s = ComponentStats(name: name, kind: kind)
      s.arrivals = c.lookups
      s.completed = c.lookups
      s.reads = c.lookups
      s.hits = c.hits
      s.misses = c.misses
      s.evictions = c.evictions
      return s
    }
    var result = [stats(spec.name, .cache, counters)]
    for (i, n) in nodes.enumerated() {
      var s = stats(StationNames.cacheNode(i, of: spec.name), .cacheNode, n.counters)
      s.healthy = i < activeNodes && !down
      result.append(s)
    }
    result[0].healthy = !down
    return result
  }
}
