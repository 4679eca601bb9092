import Testing

@testable import ScaleEngine

@Suite struct ScatterGatherTests {
  @Test func completesWithTheSlowestShard() {
    var g = ScatterGather(shards: 3)
    #expect(g.complete(at: 1.0) == nil)
    #expect(g.complete(at: 3.0) == nil)
    #expect(g.complete(at: 2.0) == 3.0)
    #expect(g.complete(at: 9.0) == nil)
    #expect(!g.failed)
  }

  @Test func failureIsRemembered() {
    var g = ScatterGather(shards: 2)
    _ = g.complete(at: 1, ok: false)
    #expect(g.complete(at: 2) == 2)
    #expect(g.failed)
  }

  @Test func gatherTimeIsTheMaximum() {
    #expect(ScatterGather.gatherTime([0.002, 0.010, 0.004]) == 0.010)
    #expect(ScatterGather.gatherTime([]) == nil)
    #expect(ScatterGather(shards: 0).remaining == 1)
  }
}
