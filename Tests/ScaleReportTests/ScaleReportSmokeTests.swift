import Testing

@Test func placeholderScaleReport() {
  #expect(Bool(true))
}
