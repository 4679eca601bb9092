import Testing

@Test func placeholderScaleLanguage() {
  #expect(Bool(true))
}
