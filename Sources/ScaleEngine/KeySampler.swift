import ScaleModel

/// Draws request keys (0-based ranks) from the traffic's key popularity: uniform over
/// `count` keys, or Zipf(s, count) where key 0 is the most popular.
public struct KeySampler: Sendable, Equatable {
  enum Mode: Sendable, Equatable {
    case uniform(Int)
    case zipf(ZipfSampler)
  }
  let mode: Mode

  /// Set up once per run (O(1) for Zipf).
  public init(_ popularity: KeyPopularity) {
    switch popularity {
    case .uniform(let count):
      mode = .uniform(Swift.max(1, count))
    case .zipf(let s, let count):
      mode = .zipf(ZipfSampler(exponent: s, count: count))
    }
  }

  /// A key in 0..<count.
  public func sample(_ rng: inout RandomStream) -> Int {
    switch mode {
    case .uniform(let n): return rng.nextInt(below: n)
    case .zipf(let z): return z.sample(&rng) - 1
    }
  }
}
