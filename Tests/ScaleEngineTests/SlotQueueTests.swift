import Testing

@testable import ScaleEngine

@Suite struct SlotQueueTests {
  @Test func fifoAcrossGrowthAndWrap() {
    let q = SlotQueue(capacity: 2)
    var expected: [Int32] = []
    var next: Int32 = 0
    var out: [Int32] = []
    for round in 0..<50 {
      for _ in 0..<(round % 7 + 1) {
        q.append(next)
        expected.append(next)
        next += 1
      }
      for _ in 0..<(round % 5) { if let x = q.popFirst() { out.append(x) } }
    }
    out += q.drain()
    #expect(out == expected)
    #expect(q.isEmpty)
    #expect(q.popFirst() == nil)
  }
}
