import ScaleModel

extension RunEvent {
  /// An event told in words, in parts (`RunEventNarration` makes it from the event's fact),
  /// so `--explain` can retell it without reading the sentence back: what restates the
  /// event, why it happened, what happened, and a remark. `text` joins them: `web-2 fails:
  /// it refuses every request; it recovers after 30 s`, `web-2 marked down after 3 failed
  /// checks`, `traffic set to 2000 rps`.
  public struct Account: Sendable, Equatable, Hashable {
    /// The words that restate the event, led by its component (`web-2 fails`,
    /// `web-2 marked down`); nil when the account does not restate it.
    public var restatement: String?
    /// Why it happened, told right after the restatement (`after 3 failed checks`).
    public var cause: String?
    /// What happened: after `: ` when there is a restatement (`it refuses every request`),
    /// else the whole account (`traffic ramps from 400 rps to 2400 rps over 20 s`).
    public var phrase: String?
    /// A further remark, after `; ` (`it recovers after 30 s`).
    public var remark: String?
    /// The name of a component or group the account begins with (`lb` in `lb: 3 → 4
    /// servers`, `web-4` in `web-4 added`), so a narrator keeps it as written.
    public var leadingName: String?

    /// An account that restates the event.
    public init(
      restating restatement: String, cause: String? = nil, phrase: String? = nil,
      remark: String? = nil
    ) {
      self.restatement = restatement
      self.cause = cause
      self.phrase = phrase
      self.remark = remark
    }

    /// An account in one phrase that does not restate the event; `leadingName` when it
    /// begins with a name.
    public init(_ phrase: String, leadingName: String? = nil) {
      self.phrase = phrase
      self.leadingName = leadingName
    }

    /// The account as one phrase.
    public var text: String {
      var text = restatement ?? ""
      if let cause { text += text.isEmpty ? cause : " " + cause }
      if let phrase { text += text.isEmpty ? phrase : ": " + phrase }
      if let remark { text += text.isEmpty ? remark : "; " + remark }
      return text
    }
  }
}
