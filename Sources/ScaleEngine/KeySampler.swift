import ScaleModel

/// Draws request keys (0-based ranks) from the traffic's key popularity: uniform over
/// `count` keys, or Zipf(s, count) where key 0 is the most popular.
public struct KeySampler: Sendable, Equatable {
  /// Keys of a uniform popularity (unused under Zipf).
  let uniformCount: Int
  /// The Zipf sampler, nil for uniform popularity. A stored optional rather than an enum's
  /// payload: taking a payload out copies it, and the sampler holds its rank table by
  /// reference (a retain and a release on every draw).
  let zipf: ZipfSampler?

  /// Set up once per run (Zipf: its rank table, about 40 000 evaluations of H).
  public init(_ popularity: KeyPopularity) {
    switch popularity {
    case .uniform(let count):
      uniformCount = Swift.max(1, count)
      zipf = nil
    case .zipf(let s, let count):
      uniformCount = 1
      zipf = ZipfSampler(exponent: s, count: count)
    }
  }

  /// A key in 0..<count.
  public func sample(_ rng: inout RandomStream) -> Int {
    if let rank = zipf?.sample(&rng) { return rank - 1 }
    return rng.nextInt(below: uniformCount)
  }
}
