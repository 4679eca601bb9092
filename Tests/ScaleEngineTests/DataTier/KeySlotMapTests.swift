import Testing

@testable import ScaleEngine

@Suite struct KeySlotMapTests {
  /// Random inserts, overwrites and removals agree with a `Dictionary` at every step, through
  /// growth and through removals whose backward shift wraps around the table's end.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func agreesWithADictionary(seed: UInt64) {
    var rng = RandomStream(seed: seed)
    var map = KeySlotMap()
    var model: [Int: Int] = [:]
    // Few distinct keys (collisions and removals of present keys are frequent), some
    // negative and some huge.
    let keySpace = seed == 1 ? 40 : 5000
    for step in 0..<60_000 {
      let raw = Int(rng.next() % UInt64(keySpace))
      let key = raw % 3 == 0 ? -raw : (raw % 7 == 0 ? Int.max - raw : raw)
      switch rng.next() % 3 {
      case 0:
        map[key] = nil
        model[key] = nil
      default:
        map[key] = step
        model[key] = step
      }
      #expect(map[key] == model[key])
      if step % 997 == 0 {
        #expect(map.count == model.count)
        for (k, v) in model { #expect(map[k] == v) }
      }
    }
    #expect(map.count == model.count)
    #expect(map.sortedEntries().map(\.key) == model.keys.sorted())
    #expect(map.sortedEntries().map(\.slot) == model.keys.sorted().map { model[$0] ?? -1 })
  }

  @Test func removingEverythingLeavesItEmptyAndUsable() {
    var map = KeySlotMap(capacity: 3)
    for k in 0..<1000 { map[k * 16] = k }  // same low bits: the hash must still spread them
    #expect(map.count == 1000)
    for k in 0..<1000 { map[k * 16] = nil }
    #expect(map.isEmpty)
    #expect(map[0] == nil)
    map[5] = 0
    #expect(map[5] == 0 && map.count == 1)
  }

  @Test func reservingKeepsEntries() {
    var map = KeySlotMap()
    for k in 0..<20 { map[k] = k + 1 }
    map.reserveCapacity(100_000)
    #expect((0..<20).allSatisfy { map[$0] == $0 + 1 })
    #expect(map[20] == nil)
  }

  /// Keys and slots that fit 32 bits keep the map narrow; the first that does not widens it
  /// with every entry kept (a key past Int32, then a slot past UInt32).
  @Test(arguments: [Int(Int32.max) + 1, Int(Int32.min) - 1, Int.min])
  func aWideKeyOrSlotWidensTheMap(bigKey: Int) {
    var map = KeySlotMap()
    for k in -500..<500 { map[k * 7919] = k + 500 }
    map[Int(Int32.max)] = 1
    map[Int(Int32.min)] = 2
    #expect(!map.isWide)
    #expect(map[bigKey] == nil)  // looked up while narrow: cannot be there
    map[bigKey] = 3
    #expect(map.isWide)
    #expect(map[bigKey] == 3 && map[Int(Int32.max)] == 1 && map[Int(Int32.min)] == 2)
    #expect((-500..<500).allSatisfy { map[$0 * 7919] == $0 + 500 })
    #expect(map.count == 1003)

    var slots = KeySlotMap()
    slots[1] = 5
    slots[2] = Int(UInt32.max)
    #expect(slots.isWide && slots[1] == 5 && slots[2] == Int(UInt32.max))
    slots[2] = nil
    #expect(slots.count == 1 && slots[2] == nil)
  }

  @Test func aNegativeSlotStopsTheProgram() async {
    await #expect(processExitsWith: .failure) {
      var map = KeySlotMap()
      map[1] = -1
    }
  }
}
