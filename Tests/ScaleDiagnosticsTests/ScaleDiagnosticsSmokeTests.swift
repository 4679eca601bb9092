import Testing

@Test func placeholderScaleDiagnostics() {
  #expect(Bool(true))
}
