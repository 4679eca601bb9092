import Testing

@Test func placeholderScaleCLI() {
  #expect(Bool(true))
}
