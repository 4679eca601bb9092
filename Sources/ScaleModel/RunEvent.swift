/// A thing that happened, for the timeline and `--explain`: to which component, and what,
/// as a typed fact (numbers, names and causes, no words). The engine produces events
/// (Sources/ScaleEngine); the report layer narrates them (ScaleReport's
/// `RunEventNarration`), so every report reads the same words from one place.
public struct RunEvent: Sendable, Equatable, Hashable, Codable {
  public var time: Double
  public var component: String
  public var fact: Fact
  /// The kind of event, as the reports print it; each fact has exactly one.
  public var kind: Kind { fact.kind }
  /// The component of the offered traffic's events (kind `rate`).
  public static let trafficComponent = "traffic"

  public init(time: Double, component: String, fact: Fact) {
    self.time = time
    self.component = component
    self.fact = fact
  }

  /// An event told in words by whoever made it (a test's fixture), never by the engine.
  public init(time: Double, kind: Kind, component: String, detail: String) {
    self.init(time: time, component: component, fact: .told(kind, detail))
  }
}
