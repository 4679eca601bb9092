import Foundation

/// A small deterministic random source for the data-tier and resilience tests (SplitMix64),
/// kept separate from the engine's RNG so these tests do not depend on it.
struct TierTestRNG {
  var state: UInt64
  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state = state &+ 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform on [0, 1).
  mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

  /// Exponential with the given rate.
  mutating func exponential(rate: Double) -> Double { -log(1 - uniform()) / rate }
}

/// Zipf(s) over ranks 0..<n (rank 0 most popular), sampled by inverse CDF.
struct TierTestZipf {
  let cumulative: [Double]
  init(exponent s: Double, count n: Int) {
    var acc = 0.0
    var c: [Double] = []
    c.reserveCapacity(n)
    for k in 1...n {
      acc += 1 / pow(Double(k), s)
      c.append(acc)
    }
    cumulative = c.map { $0 / acc }
  }
  func probability(rank: Int) -> Double {
    rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1]
  }
  func sample(_ u: Double) -> Int {
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let mid = (low + high) / 2
      if cumulative[mid] > u { high = mid } else { low = mid + 1 }
    }
    return low
  }
}
