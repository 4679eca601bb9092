import Testing

@Test func placeholderScaleREPL() {
  #expect(Bool(true))
}
