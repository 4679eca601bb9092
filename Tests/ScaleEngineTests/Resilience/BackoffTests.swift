import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct BackoffTests {
  @Test func ceilingDoublesUpToTheCap() {
    let c = (1...6).map { Backoff.ceiling(retry: $0, base: 0.025, cap: 0.25) }
    #expect(c == [0.025, 0.05, 0.1, 0.2, 0.25, 0.25])
    #expect(Backoff.ceiling(retry: Int.max, base: 0.025, cap: 0.25) == 0.25)
    #expect(Backoff.ceiling(retry: -3, base: 0.025, cap: 0.25) == 0.025)
  }

  /// Each mode at the ends of its range (u = 0 and u → 1) and in the middle.
  @Test func jitterModesAtKnownDraws() {
    var none = Backoff(base: 0.1, cap: 10, jitter: .none)
    do {
      let ok = none.delay(retry: 3, uniform: 0.7) == 0.4
      #expect(ok)
    }
    var full = Backoff(base: 0.1, cap: 10, jitter: .full)
    do {
      let ok = full.delay(retry: 3, uniform: 0) == 0
      #expect(ok)
    }
    do {
      let ok = full.delay(retry: 3, uniform: 0.5) == 0.2
      #expect(ok)
    }
    var equal = Backoff(base: 0.1, cap: 10, jitter: .equal)
    do {
      let ok = equal.delay(retry: 3, uniform: 0) == 0.2
      #expect(ok)
    }
    do {
      let ok = abs(equal.delay(retry: 3, uniform: 0.5) - 0.3) < 1e-12
      #expect(ok)
    }
  }

  /// Decorrelated jitter: U(base, 3 × previous), previous starting at base, capped.
  @Test func decorrelatedIsStateful() {
    var d = Backoff(base: 1, cap: 20, jitter: .decorrelated)
    do {
      let ok = d.delay(retry: 1, uniform: 1) == 3  // U(1, 3) at the top
      #expect(ok)
    }
    do {
      let ok = d.delay(retry: 2, uniform: 1) == 9  // U(1, 9)
      #expect(ok)
    }
    do {
      let ok = d.delay(retry: 3, uniform: 0.5) == 14  // U(1, 27) in the middle
      #expect(ok)
    }
    do {
      let ok = d.delay(retry: 4, uniform: 1) == 20  // 42, capped
      #expect(ok)
    }
    do {
      let ok = d.delay(retry: 5, uniform: 0) == 1  // the bottom is always base
      #expect(ok)
    }
    #expect(d.previous == 1)
  }

  /// Random draws stay within each mode's bounds.
  @Test(arguments: Jitter.allCases)
  func boundsHold(jitter: Jitter) {
    var rng = TierTestRNG(seed: 9)
    var b = Backoff(base: 0.025, cap: 0.25, jitter: jitter)
    for n in 1...12 {
      let expo = Backoff.ceiling(retry: n, base: 0.025, cap: 0.25)
      let previous = b.previous
      let d = b.delay(retry: n, uniform: rng.uniform())
      switch jitter {
      case .none: #expect(d == expo)
      case .full: #expect(d >= 0 && d <= expo)
      case .equal: #expect(d >= expo / 2 && d <= expo)
      case .decorrelated: #expect(d >= 0.025 && d <= min(0.25, 3 * previous))
      }
    }
  }

  @Test func decorrelatedResumes() {
    var d = Backoff(base: 1, cap: 100, jitter: .decorrelated, previous: 5)
    let delay = d.delay(retry: 3, uniform: 1)
    #expect(delay == 15)
    #expect(Backoff(base: 1, cap: 100, jitter: .decorrelated, previous: -2).previous == 1)
  }

  @Test func badInput() {
    var b = Backoff(base: .nan, cap: -1, jitter: .full)
    do {
      let ok = b.delay(retry: 2, uniform: .infinity) == 0
      #expect(ok)
    }
    var spec = Backoff(spec: RetrySpec())
    #expect(spec.base == 0.025 && spec.cap == 0.25 && spec.jitter == .full)
    do {
      let ok = spec.delay(retry: 1, uniform: 2) == 0.025
      #expect(ok)
    }
  }
}
