import Testing

@Test func placeholderScaleKit() {
  #expect(Bool(true))
}
