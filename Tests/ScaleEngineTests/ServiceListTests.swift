import Testing

@testable import ScaleEngine

/// A database station's services in progress: a completion finds its own service by token
/// (whatever order services end in), gets the generation it began for, and what is left
/// drains in start order.
@Test func servicesEndInAnyOrderAndDrainInStartOrder() {
  let list = ServiceList()
  #expect(list.isEmpty && list.drain().isEmpty && list.remove(token: 0) == nil)
  for i in 0..<20 {
    list.append(slot: Int32(100 + i), token: UInt64(1 << 32) + UInt64(i), generation: UInt32(i * 3))
  }
  #expect(list.count == 20)
  #expect(list.remove(token: 7) == 21)
  #expect(list.remove(token: 7) == nil)  // gone
  #expect(list.remove(token: 0) == 0)
  #expect(list.remove(token: 19) == 57)
  #expect(list.remove(token: 99) == nil)
  let left = list.drain()
  var expected: [Int32] = []
  for i in 1..<19 where i != 7 { expected.append(Int32(100 + i)) }
  #expect(left == expected)
  #expect(list.isEmpty)
  list.append(slot: 5, token: 3, generation: 9)
  #expect(list.remove(token: 3) == 9 && list.isEmpty)
}

/// Two services with the same low 32 bits of token (2³² services apart): the older ends
/// first.
@Test func aReusedTokenEndsTheOlderService() {
  let list = ServiceList()
  list.append(slot: 1, token: 5, generation: 1)
  list.append(slot: 2, token: (1 << 32) + 5, generation: 2)
  #expect(list.remove(token: 5) == 1)
  #expect(list.drain() == [2])
}
