import Testing

@Test func placeholderScaleEngine() {
  #expect(Bool(true))
}
