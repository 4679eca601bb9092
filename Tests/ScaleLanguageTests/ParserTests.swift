import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

@Test func parsesTheCardExample() {
  let tree = Parser.parse("server web-1 cpu 4\n")
  #expect(tree.diagnostics.isEmpty)
  #expect(
    tree.dump()
      == "statement server @1:1-1:19 words [ident web-1 @1:8-1:13, ident cpu @1:14-1:17, number 4 =4 @1:18-1:19]\n"
  )
}

@Test func debugDump() {
  let source = """
    # shop
    seed 42

    balancer lb weighted {  # backends
      web-1 weight 3
      # second
      web-2
    }  # end
    traffic 2000rps for 10min read 90% keys zipf 1.1 over 1M
    expect p99.9<200ms
    autoscale 30..70 5m 1e400 a..b
    { x }
    4 y
    """
  print(Parser.parse(source).dump())
}
