import Foundation
import HeapModule
import ScaleEngine

/// The classic "hold" model: a heap of n pending events; pop the earliest and push one at
/// now + Exp(1), m times. Compares ScaleEngine's 4-ary EventQueue with swift-collections' Heap.
enum HeapBench {
  struct Entry: Comparable {
    var event: SimEvent
    static func < (l: Entry, r: Entry) -> Bool { l.event.precedes(r.event) }
    static func == (l: Entry, r: Entry) -> Bool {
      l.event.time == r.event.time && l.event.sequence == r.event.sequence
    }
  }

  static func run() {
    let operations = 10_000_000
    for n in [16, 1_000, 100_000] {
      var rng = RandomStream(seed: 7)
      let queue = EventQueue()
      for _ in 0..<n { queue.schedule(at: -log(rng.nextOpenDouble()), kind: .serviceDone) }
      var sink = 0.0
      let a = cpuTime {
        for _ in 0..<operations {
          guard let e = queue.pop() else { break }
          sink += e.time
          queue.schedule(at: e.time - log(rng.nextOpenDouble()), kind: .serviceDone)
        }
      }
      rng = RandomStream(seed: 7)
      var heap = Heap<Entry>()
      var sequence: UInt64 = 0
      for _ in 0..<n {
        heap.insert(
          Entry(
            event: SimEvent(
              time: -log(rng.nextOpenDouble()), sequence: sequence, kind: .serviceDone)))
        sequence += 1
      }
      let b = cpuTime {
        for _ in 0..<operations {
          guard let e = heap.popMin() else { break }
          sink += e.event.time
          heap.insert(
            Entry(
              event: SimEvent(
                time: e.event.time - log(rng.nextOpenDouble()), sequence: sequence,
                kind: .serviceDone)))
          sequence += 1
        }
      }
      print(
        String(
          format:
            "hold model (CPU time), %6d pending: EventQueue (4-ary) %5.1f ns/op   swift-collections Heap %5.1f ns/op   (%g)",
          n, a / Double(operations) * 1e9, b / Double(operations) * 1e9, sink > 0 ? 1.0 : 0.0))
    }
  }
}
