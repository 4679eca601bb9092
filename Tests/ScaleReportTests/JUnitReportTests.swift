import Foundation
import ScaleModel
import Testing

@testable import ScaleReport

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Counts elements and collects attributes while parsing.
private final class Collector: NSObject, XMLParserDelegate {
  var counts: [String: Int] = [:]
  var attributes: [(String, [String: String])] = []
  func parser(
    _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
    qualifiedName: String?, attributes: [String: String] = [:]
  ) {
    counts[name, default: 0] += 1
    self.attributes.append((name, attributes))
  }
}

private func parse(_ xml: String) -> Collector? {
  let parser = XMLParser(data: Data(xml.utf8))
  let collector = Collector()
  parser.delegate = collector
  return parser.parse() ? collector : nil
}

@Test func junitParsesWithCountsAndEscapedNames() throws {
  let xml = JUnitReport.render(results: [
    (fileName: "shop.scale", result: Fixtures.shopResult),
    (fileName: "api.scale", result: Fixtures.smallResult),
  ])
  let parsed = try #require(parse(xml))
  #expect(parsed.counts["testsuites"] == 1)
  #expect(parsed.counts["testsuite"] == 2)
  #expect(parsed.counts["testcase"] == 6)
  #expect(parsed.counts["failure"] == 2)
  #expect(parsed.counts["skipped"] == 1)
  let root = parsed.attributes.first { $0.0 == "testsuites" }?.1
  #expect(root?["tests"] == "6")
  #expect(root?["failures"] == "2")
  #expect(root?["skipped"] == "1")
  let names = parsed.attributes.filter { $0.0 == "testcase" }.compactMap { $0.1["name"] }
  #expect(names.first == "p99 < 200ms")
  let failure = parsed.attributes.first { $0.0 == "failure" }?.1
  #expect(failure?["message"] == "measured 250.1ms, bound 200ms")
  #expect(failure?["type"] == "expectation")
}

@Test func hostileTextIsEscaped() throws {
  var result = Fixtures.smallResult
  result.verdicts[0].expectation.text = "a < b & \"c\" > 'd'\n\u{0}"
  result.interrupted = true
  let xml = JUnitReport.render(results: [(fileName: "we<ird>&\".scale", result: result)])
  let parsed = try #require(parse(xml))
  let suite = parsed.attributes.first { $0.0 == "testsuite" }?.1
  #expect(suite?["name"] == "we<ird>&\".scale")
  let name = parsed.attributes.first { $0.0 == "testcase" }?.1["name"]
  #expect(name == "a < b & \"c\" > 'd'\n\u{FFFD}")
  #expect(parsed.counts["system-out"] == 1)
}

@Test func noResultsGiveAnEmptyRoot() throws {
  let xml = JUnitReport.render(results: [])
  #expect(
    xml.contains(
      "<testsuites name=\"scale\" tests=\"0\" failures=\"0\" errors=\"0\" skipped=\"0\" time=\"0\">"
    ))
  #expect(parse(xml) != nil)
}
