import Testing

@Test func placeholderScaleModel() {
  #expect(Bool(true))
}
