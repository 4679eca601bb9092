import Foundation
import ScaleModel
import Testing

@testable import ScaleReport

@Test func bottleneckIsTheBusiestStation() {
  #expect(DrawnGraph.bottleneck(Fixtures.shopResult) == "web-3")
  let text = GraphReport.text(Fixtures.shopScenario, result: Fixtures.shopResult)
  #expect(text.split(separator: "\n").filter { $0.contains("◀ bottleneck") }.count == 1)
  #expect(text.contains("server web-3 · 8 cores · service 4ms · util 93.1%  ◀ bottleneck"))
}

@Test func graphWithoutBalancerOrTraffic() {
  var scenario = Scenario()
  scenario.servers = [ServerSpec(name: "a"), ServerSpec(name: "b")]
  scenario.databases = [DatabaseSpec(name: "db")]
  #expect(
    GraphReport.text(scenario, result: nil) == """
      client · no traffic
      ├─ server a · 1 core · service 1ms
      ├─ server b · 1 core · service 1ms
      └─ ↓ every server calls
         └─ reads, writes → database db · 4 cores

      """)
  let mermaid = GraphReport.mermaid(scenario, result: nil)
  #expect(mermaid.contains("  n0 --> n1\n  n0 --> n2\n  n1 -- \"reads, writes\" --> n3\n"))
  #expect(!mermaid.contains("classDef"))
}

/// A second balancer, its server and a second cache get no requests: the graph draws no edge
/// to them (the engine sends them nothing) and says so in every format.
@Test func componentsOffThePathAreShownApart() {
  var scenario = Scenario()
  scenario.servers = [ServerSpec(name: "a"), ServerSpec(name: "b")]
  scenario.balancers = [
    BalancerSpec(name: "lb", backends: [Backend(server: "a", weight: 1)]),
    BalancerSpec(name: "lb2", backends: [Backend(server: "b", weight: 1)]),
  ]
  scenario.caches = [CacheSpec(name: "c1"), CacheSpec(name: "c2")]
  scenario.traffic = TrafficSpec(rate: 100)
  #expect(
    GraphReport.text(scenario, result: nil) == """
      client · 100 rps · read 90%
      ├─ balancer lb · round-robin
      │  └─ server a · 1 core · service 1ms
      └─ ↓ every server calls
         └─ reads → cache c1 · 1 node · modulo · ttl 5m00s
      no requests reach (not on the request path):
        balancer lb2 · round-robin · no requests
        server b · 1 core · service 1ms · no requests
        cache c2 · 1 node · modulo · ttl 5m00s · no requests

      """)
  let dot = GraphReport.dot(scenario, result: nil)
  #expect(
    dot.contains(
      "\"balancer:lb2\" [label=\"balancer lb2\\nround-robin · no requests\", style=\"rounded,dashed\""
    ))
  #expect(!dot.contains("-> \"server:b\""))
  #expect(!dot.contains("-> \"cache:c2\""))
  let mermaid = GraphReport.mermaid(scenario, result: nil)
  #expect(mermaid.contains("  class n2,n4,n6 unreached\n"))
}

@Test func labelsAreEscaped() {
  #expect(GraphReport.dotString("a \"b\" \\ c\nd") == #""a \"b\" \\ c\nd""#)
  #expect(GraphReport.mermaidText("a \"b\" <c> #1") == "a #quot;b#quot; #lt;c#gt; #35;1")
}

@Test func dotIsAcceptedByGraphviz() throws {
  let candidates = ["/usr/bin/dot", "/usr/local/bin/dot"]
  guard let dot = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) })
  else {
    // Graphviz is optional on build machines: record the skip instead of failing.
    print("note: Graphviz `dot` not installed; DOT syntax check skipped")
    return
  }
  let process = Process()
  process.executableURL = URL(fileURLWithPath: dot)
  process.arguments = ["-Tsvg"]
  let input = Pipe()
  let output = Pipe()
  let errors = Pipe()
  process.standardInput = input
  process.standardOutput = output
  process.standardError = errors
  try process.run()
  input.fileHandleForWriting.write(
    Data(GraphReport.dot(Fixtures.shopScenario, result: Fixtures.shopResult).utf8))
  try input.fileHandleForWriting.close()
  let svg = output.fileHandleForReading.readDataToEndOfFile()
  let messages = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 0)
  #expect(messages == "")
  #expect(String(decoding: svg, as: UTF8.self).contains("<svg"))
}

@Test func addedServersAndNestedPartsAreShown() {
  var result = Fixtures.smallResult
  var added = ComponentStats(name: "api-2", kind: .server)
  added.utilisation = 0.9
  var shard = ComponentStats(name: "db/shard-1", kind: .shard)
  shard.utilisation = 0.2
  var replica = ComponentStats(name: "db/shard-1/replica-1", kind: .replica)
  replica.utilisation = 0.1
  result.components += [added, shard, replica]
  var scenario = Fixtures.smallScenario
  scenario.balancers = [BalancerSpec(name: "lb")]
  scenario.databases = [DatabaseSpec(name: "db", replicas: 1, shards: 1)]
  #expect(
    GraphReport.text(scenario, result: result) == """
      client · 1.5k rps · read 90%
      ├─ balancer lb · round-robin
      │  ├─ server api · 2 cores · service 1ms · util 75.0%
      │  └─ server api-2 · added during the run · util 90.0%  ◀ bottleneck
      └─ ↓ every server calls
         └─ reads, writes → database db · 4 cores · 1 replica · reads strong
            └─ shard db/shard-1 · util 20.0%
               └─ replica db/shard-1/replica-1 · util 10.0%

      """)
  let dot = GraphReport.dot(scenario, result: result)
  #expect(dot.contains(#""balancer:lb" -> "server:api-2";"#))
  #expect(
    dot.contains(#""shard:db/shard-1" -> "replica:db/shard-1/replica-1" [label="replication"];"#))
}

/// A server a run added says the pool it joined (`PoolJoining`: here the one pool of the
/// entry balancer's servers), in every drawing.
@Test func anAddedServerSaysThePoolItJoined() {
  let s = Scenario(
    seed: 1, duration: 5,
    servers: (1...2).map { ServerSpec(name: "web-\($0)", pool: "web") },
    balancers: [BalancerSpec(name: "lb")], traffic: TrafficSpec(rate: 50),
    events: [TimedEvent(time: 1, action: .addServer(ServerSpec(name: "web-3"), balancer: nil))])
  var result = RunResult(seed: 1, duration: 5)
  result.components = ["web-1", "web-2", "web-3"].map { ComponentStats(name: $0, kind: .server) }
  let text = GraphReport.text(s, result: result)
  #expect(text.contains("server web-3 · added during the run · pool web"))
  #expect(GraphReport.dot(s, result: result).contains("pool web"))
  // Without a pool to join, none is named.
  var loner = s
  loner.servers.append(ServerSpec(name: "api"))
  #expect(
    GraphReport.text(loner, result: result).contains("server web-3 · added during the run · util"))
}
