/// The time integral of a piecewise-constant quantity (number busy, waiting, present, cores):
/// `area += value × (t − last)` at every change, so time averages cost O(1) per change.
struct TimeAverage: Sendable, Equatable {
  private(set) var area: Double = 0
  private(set) var last: Double
  private(set) var value: Double = 0

  init(start: Double = 0, value: Double = 0) {
    last = start
    self.value = value
  }

  /// Accumulates up to `now` and sets the new value.
  mutating func set(_ newValue: Double, at now: Double) {
    advance(to: now)
    value = newValue
  }

  /// Accumulates up to `now` with the current value.
  mutating func advance(to now: Double) {
    if now > last {
      area += value * (now - last)
      last = now
    }
  }

  /// Restarts the integral at `now` (end of warm-up), keeping the value.
  mutating func restart(at now: Double) {
    area = 0
    last = now
  }
}
