import ScaleModel
import Testing

@testable import ScaleReport

/// Issue 10 item 13: intervals in the report's units, with enough digits to see the bound.
@Test func intervalBoundsUseUnitsAndEnoughDigits() {
  let p99 = Expectation(metric: .latency(quantile: 0.99), comparison: .less, bound: 0.0069)
  let (low, high) = VerdictText.bounds(0.006887...0.006912, of: p99)
  #expect(low == "6.887ms")
  #expect(high == "6.912ms")
  // Ends that agree to four digits get more until they differ.
  let close = VerdictText.bounds(0.0068991...0.0069004, of: p99)
  #expect(close.low != close.high)
  #expect(close.low.hasSuffix("ms") && close.high.hasSuffix("ms"))
  let errors = Expectation(metric: .errorRate, comparison: .less, bound: 0.01)
  #expect(VerdictText.bounds(0.00991...0.01012, of: errors) == ("0.991%", "1.012%"))
}

@Test func replicatedRunInEveryFormat() {
  let expectation = Expectation(
    metric: .latency(quantile: 0.99), comparison: .less, bound: 0.0069, text: "p99 < 6.9ms")
  let verdict = Verdict(
    expectation: expectation, outcome: .inconclusive, measured: 0.0069, interval: 0.0068...0.007)
  let run = ReplicatedRun(
    fileName: "a.scale", results: [], estimates: [], verdicts: [verdict], interrupted: false)
  #expect(ReplicationDocuments.json(run).contains("\"schema\": \"scale.replications/v1\""))
  #expect(ReplicationDocuments.csv(run).hasPrefix("replication,seed,"))
  let junit = JUnitReport.render(suites: [ReplicationDocuments.junitSuite(run)])
  #expect(junit.contains("<skipped message=\"inconclusive: measured 6.9ms (CI 6.8ms … 7ms)"))
}

/// Issue 10 item 14: an invalid script is a suite with an `<error>`, not nothing.
@Test func invalidSuiteCarriesTheDiagnostics() {
  let suite = JUnitReport.Suite.invalid(
    fileName: "bad.scale", message: "invalid script: 1 error",
    diagnostics: "bad.scale:1:1: error[E0200]: unknown statement `servr`\n")
  let xml = JUnitReport.render(suites: [suite])
  #expect(xml.contains("tests=\"1\" failures=\"0\" errors=\"1\""))
  #expect(
    xml.contains(
      "<error message=\"invalid script: 1 error\" type=\"invalid-script\">bad.scale:1:1: error[E0200]: unknown statement `servr`\n</error>"
    ))
}
