/// A thing that happened, for the timeline and `--explain`: what kind of thing, to which
/// component, and the engine's account of it in parts (`account`), which the reports show
/// whole (`detail`) or retell (`Explain`).
public struct RunEvent: Sendable, Equatable, Hashable, Codable {
  public var time: Double
  public var kind: Kind
  public var component: String
  public var account: Account
  /// The account as one phrase: `web-2 fails: it refuses every request`.
  public var detail: String { account.text }

  public init(time: Double, kind: Kind, component: String, account: Account) {
    self.time = time
    self.kind = kind
    self.component = component
    self.account = account
  }

  /// An event whose account is one plain phrase that does not restate it.
  public init(time: Double, kind: Kind, component: String, detail: String) {
    self.init(time: time, kind: kind, component: component, account: Account(detail))
  }
}
