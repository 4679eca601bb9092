import ScaleDiagnostics
import ScaleModel
import Testing

@testable import ScaleLanguage

/// `at T set BALANCER SERVER weight N`: a backend's weight changes during the run.
@Suite struct CheckerEventsSetWeightTests {
  static let topology = """
    server web count 3 weight 4
    balancer lb weighted
    cache sessions nodes 2
    traffic 100 rps for 1min

    """

  @Test func setWeightLowersToAnEvent() throws {
    let result = Frontend.compile(Self.topology + "at 30s set lb web-3 weight 1\n")
    let scenario = try #require(result.scenario, "\(CheckHarness.render(result.diagnostics))")
    #expect(
      scenario.events == [
        TimedEvent(
          time: 30, action: .setWeight(balancer: "lb", server: "web-3", weight: 1), line: 5)
      ])
  }

  @Test func aServerAddedAtRunTimeCanBeReweighted() throws {
    let source =
      Self.topology + "at 10s add server v2 weight 1 to lb\nat 20s set lb v2 weight 4\n"
    let scenario = try #require(Frontend.compile(source).scenario)
    #expect(scenario.events.last?.action == .setWeight(balancer: "lb", server: "v2", weight: 4))
  }

  @Test func theServerMustBeBehindTheBalancer() throws {
    let source = """
      server web count 2
      server other
      balancer lb weighted to web
      balancer edge to other
      traffic 100 rps for 1min
      at 1s add server late to edge
      at 1s add server floating
      at 2s set lb floating weight 2
      at 2s set edge late weight 2
      at 2s set lb other weight 2
      at 2s set edge web-1 weight 2
      """
    let result = Frontend.compile(source)
    #expect(
      CheckHarness.render(result.diagnostics.filter { $0.severity == .error })
        == "10:14-10:19 E0212 error `other` is not behind `lb` | `lb`'s backends: `web-1`, `web-2`\n"
        + "11:16-11:21 E0212 error `web-1` is not behind `edge` | `edge`'s backends: `late`, `other`"
    )
  }

  @Test func cacheNodesStillWork() throws {
    let scenario = try #require(
      Frontend.compile(Self.topology + "at 3s set sessions nodes 4").scenario)
    #expect(scenario.events.map(\.action) == [.setCacheNodes(cache: "sessions", nodes: 4)])
  }

  @Test(
    arguments: [
      ("at 1s set lb web-1", "E0207", "`set lb web-1` needs `weight N`"),
      ("at 1s set lb web-1 weight 0", "E0204", nil),
      ("at 1s set lb web-1 weight 1001", "E0206", nil),
      ("at 1s set lb web-9 weight 2", "E0212", nil),
      ("at 1s set sessions web-1 weight 2", "E0213", nil),
      ("at 1s set lb sessions weight 2", "E0213", nil),
      ("at 1s set lb web-1 weight 2 nodes 3", "E0201", nil),
      ("at 1s set sessions nods 3", "E0201", nil),
    ] as [(String, String, String?)])
  func badSetWeightsAreErrors(line: String, id: String, message: String?) throws {
    let result = Frontend.compile(Self.topology + line)
    let diagnostic = try #require(result.diagnostics.first { $0.severity == .error })
    #expect(diagnostic.id == id, "\(CheckHarness.render(result.diagnostics))")
    if let message { #expect(diagnostic.message == message) }
    #expect(result.scenario == nil)
  }
}
