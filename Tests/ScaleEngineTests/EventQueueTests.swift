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

  /// After a pop the root stays empty until the next push or read: counts, the next time
  /// and the order seen from outside are those of a queue without the popped event, whether
  /// a push or a read comes first.
  @Test func aPoppedRootIsTakenByThePushOrTheLastEvent() {
    let q = EventQueue()
    for t in [5.0, 1, 3, 4, 2] { q.schedule(at: t, kind: .scripted) }
    #expect(q.pop()?.time == 1)
    #expect(q.count == 4)
    #expect(!q.isEmpty)
    q.schedule(at: 2.5, kind: .scripted)  // takes the empty root and sinks
    #expect(q.count == 5)
    #expect(q.pop()?.time == 2)
    #expect(q.nextTime == 2.5)  // a read: the last event fills the root
    #expect(q.count == 4)
    #expect(q.pop()?.time == 2.5)
    #expect(q.pop()?.time == 3)
    #expect(q.pop()?.time == 4)
    #expect(q.pop()?.time == 5)
    #expect(q.count == 0)
    #expect(q.isEmpty)
    #expect(q.pop() == nil)
    #expect(q.nextTime == .infinity)
    q.schedule(at: 7, kind: .scripted)
    #expect(q.count == 1)
    #expect(q.nextTime == 7)
  }

  @Test func emptyQueue() {
    let q = EventQueue()
    #expect(q.pop() == nil)
    #expect(q.nextTime == .infinity)
  }
}
