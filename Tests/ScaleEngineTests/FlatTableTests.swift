import Testing

@testable import ScaleEngine

@Suite struct FlatTableTests {
  @Test func growingKeepsEveryElementInOrder() {
    let t = FlatTable<Int>(capacity: 1)
    for i in 0..<1000 { t.append(i * 3) }
    #expect(t.count == 1000)
    #expect(t.capacity >= 1000)
    #expect(Array(t) == (0..<1000).map { $0 * 3 })
  }

  @Test func elementsAreWrittenInPlace() {
    let t = FlatTable<RequestSlot>()
    t.append(RequestSlot())
    t.append(RequestSlot())
    t[1].generation &+= 7
    t[1].stage = .server
    #expect(t[0].generation == 0 && t[0].stage == .done)
    #expect(t[1].generation == 7 && t[1].stage == .server)
  }

  @Test func popLastIsAStackAndUpdateWritesInPlace() {
    let t = FlatTable<Int32>()
    #expect(t.popLast() == nil)
    for i in 0..<3 { t.append(Int32(i)) }
    #expect(t.popLast() == 2)
    t.append(7)
    #expect(t.popLast() == 7)
    #expect(t.popLast() == 1)
    let doubled = t.update(0) { x -> Int32 in
      x += 10
      return x * 2
    }
    #expect(doubled == 20 && t[0] == 10 && t.count == 1)
  }

  @Test func releasesWhatItHolds() {
    final class Probe {}
    weak var watched: Probe?
    do {
      let t = FlatTable<[Probe]>(capacity: 2)
      let p = Probe()
      watched = p
      for _ in 0..<5 { t.append([p]) }  // grows twice: moved, not copied
      t[4].append(p)
      #expect(watched != nil)
    }
    #expect(watched == nil)
  }

  @Test func anIndexOutOfRangeStopsTheProgram() async {
    await #expect(processExitsWith: .failure) {
      let t = FlatTable<Int>()
      t.append(1)
      _ = t[1]
    }
    await #expect(processExitsWith: .failure) {
      let t = FlatTable<Int>()
      t[-1] = 0
    }
  }
}
