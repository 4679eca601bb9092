import ScaleKit
import ScaleModel
import ScaleReport
import Testing

/// One source of truth for the request path: `Scenario.topology`. For every bundled example
/// and exercise, the engine must send requests along exactly its edges (a component gets
/// requests if and only if an edge reaches it), `scale graph` must draw exactly its edges, and
/// `scale analyze` must load exactly the components it reaches.
@Suite struct TopologyAgreementTests {
  static let scripts =
    ExampleFiles.examples.map { ("examples", $0) }
    + ExampleFiles.exercises.map { ("examples/exercises", $0) }

  static let kinds: [Topology.NodeKind: ComponentKind] = [
    .rateLimit: .rateLimit, .balancer: .balancer, .server: .server, .queue: .queue,
    .cache: .cache, .database: .database,
  ]

  @Test(arguments: scripts.map { $0.0 + "/" + $0.1 })
  func theEngineTheGraphAndTheAnalysisTakeTheSameEdges(path: String) throws {
    let folder = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
    let name = String(path[(path.lastIndex(of: "/").map(path.index(after:)) ?? path.startIndex)...])
    let outcome = try ExampleFiles.run(folder, name)
    let scenario = try #require(outcome.scenario, "\(path) did not check")
    let result = try #require(outcome.result, "\(path) did not run")
    let topology = scenario.topology
    let reached = topology.reached

    // The engine: requests arrive at a component exactly when an edge reaches it.
    for node in topology.nodes where node.kind != .client {
      let component = Topology.name(of: node, in: scenario)
      let stats = result.components.first {
        $0.name == component && $0.kind == Self.kinds[node.kind]
      }
      let arrivals = stats?.arrivals ?? 0
      if reached.contains(node) {
        #expect(arrivals > 0, "\(path): \(component) is on the path but got no requests")
      } else {
        #expect(arrivals == 0, "\(path): \(component) is off the path but got \(arrivals) requests")
      }
    }

    // The graph: DOT draws exactly the topology's edges (no result: no parts, no added servers).
    let ids = { (n: Topology.Node) in n.kind.rawValue + ":" + Topology.name(of: n, in: scenario) }
    let expected = topology.edges.map { "\"" + ids($0.from) + "\" -> \"" + ids($0.to) + "\"" }
    let drawn = GraphReport.dot(scenario, result: nil).split(separator: "\n")
      .filter { $0.contains(" -> ") }
      .map { line -> String in
        let text = line.trimmingCharacters(in: .whitespaces)
        return String(text.prefix(while: { $0 != "[" && $0 != ";" })).trimmingCharacters(
          in: .whitespaces)
      }
    #expect(drawn == expected, "\(path): the graph does not draw the topology's edges")

    // The analysis: a station is loaded exactly when an edge reaches it.
    let estimates = Analysis.estimate(scenario, cacheHitRate: 0.5)
    for node in topology.nodes where [.server, .queue, .database].contains(node.kind) {
      let component = Topology.name(of: node, in: scenario)
      guard let row = estimates.first(where: { $0.name == component }) else { continue }
      let rate = row.arrivalRate ?? 0
      if reached.contains(node) {
        #expect(rate > 0, "\(path): analyze gives \(component) no load, but it is on the path")
      } else {
        #expect(rate == 0, "\(path): analyze loads \(component), which is off the path")
      }
    }
  }
}
