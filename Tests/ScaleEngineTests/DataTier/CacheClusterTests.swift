import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct CacheClusterTests {
  /// 3 → 4 nodes with every key cached: exactly the remapped keys miss afterwards.
  @Test(arguments: [(KeyHashing.modulo, 0.75), (.consistent, 0.25), (.jump, 0.25)])
  func resizeDropsMovedKeys(hashing: KeyHashing, expected: Double) {
    var c = CacheCluster(spec: CacheSpec(name: "sessions", ttl: 1000, nodes: 3, hashing: hashing))
    let keys = 10_000
    for k in 0..<keys { c.fill(k, now: 0) }
    let before = c.router
    let resize = c.setNodes(4, keySpace: keys)
    var moved = 0
    for k in 0..<keys where before.node(for: k) != c.router.node(for: k) { moved += 1 }
    #expect(resize.droppedEntries == moved)
    #expect(resize.remapped == Double(moved) / Double(keys))
    #expect(abs(resize.remapped - expected) < 0.03)
    var hits = 0
    for k in 0..<keys where c.lookup(k, now: 1).hit { hits += 1 }
    #expect(hits == keys - moved)
    #expect(c.counters.hits == hits)
    #expect(c.nodes.count == 4)
  }

  @Test func shrinkDropsLeavingNodesEntries() {
    var c = CacheCluster(spec: CacheSpec(name: "s", ttl: 1000, nodes: 4, hashing: .jump))
    for k in 0..<1000 { c.fill(k, now: 0) }
    let onLeaving = c.nodes[2].count + c.nodes[3].count
    let r = c.setNodes(2, keySpace: 1000)
    #expect(r.droppedEntries == onLeaving)  // jump: keys on nodes 0 and 1 stay put
    #expect(c.nodes[2].count == 0 && c.nodes[3].count == 0)
    #expect(c.activeNodes == 2)
    let stats = c.componentStats()
    #expect(stats.map(\.name) == ["s", "s/node-1", "s/node-2", "s/node-3", "s/node-4"])
    #expect(stats.map(\.healthy) == [true, true, true, false, false])
  }

  @Test func resizeEvent() {
    let r = CacheResize(from: 3, to: 4, remapped: 0.7494, droppedEntries: 0)
    let e = r.runEvent(cache: "sessions", time: 180)
    #expect(e.kind == .nodes && e.component == "sessions" && e.time == 180)
    #expect(e.fact == .cacheResized(from: 3, to: 4, remapped: 0.7494))
  }

  @Test func statsSumNodes() {
    var c = CacheCluster(spec: CacheSpec(name: "c", ttl: 10, nodes: 2))
    _ = c.lookup(1, now: 0)
    c.fill(1, now: 0)
    _ = c.lookup(1, now: 1)
    c.invalidate(1, now: 2)
    _ = c.lookup(1, now: 3)
    let s = c.componentStats()[0]
    #expect(s.hits == 1 && s.misses == 2 && s.kind == .cache)
    #expect(c.counters.invalidations == 1)
    c.resetCounters()
    #expect(c.counters == CacheNodeCounters())
  }
}
