import Testing

extension Tag {
  /// Long validation runs (~10⁶ simulated requests); they still run in CI.
  @Tag static var slow: Self
}
