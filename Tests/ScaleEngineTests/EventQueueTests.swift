import Testing

@testable import ScaleEngine

@Suite struct EventQueueTests {
  @Test func popsInTimeOrder() {
    let q = EventQueue()
    var rng = RandomStream(seed: 8)
    var times: [Double] = []
    for _ in 0..<5_000 {
      let t = rng.nextDouble() * 100
      times.append(t)
      q.schedule(at: t, kind: .serviceDone)
    }
    var popped: [Double] = []
    while let e = q.pop() { popped.append(e.time) }
    #expect(popped == times.sorted())
  }

  @Test func equalTimesPopInSchedulingOrder() {
    let q = EventQueue()
    for i in 0..<100 { q.schedule(at: Double(i % 3), kind: .scripted, a: Int32(i)) }
    var order: [Int32] = []
    while let e = q.pop() { order.append(e.a) }
    let expected =
      (0..<100).filter { $0 % 3 == 0 } + (0..<100).filter { $0 % 3 == 1 }
      + (0..<100).filter { $0 % 3 == 2 }
    #expect(order == expected.map { Int32($0) })
  }

  @Test func interleavedPushAndPop() {
    let q = EventQueue()
    var rng = RandomStream(seed: 2)
    var now = 0.0
    for _ in 0..<100 { q.schedule(at: rng.nextDouble(), kind: .serviceDone) }
    for _ in 0..<10_000 {
      guard let e = q.pop() else { break }
      #expect(e.time >= now)
      now = e.time
      q.schedule(at: now + rng.nextDouble(), kind: .serviceDone)
    }
    #expect(q.count == 100)
    #expect(q.nextTime >= now)
  }

  @Test func emptyQueue() {
    let q = EventQueue()
    #expect(q.pop() == nil)
    #expect(q.nextTime == .infinity)
  }
}
