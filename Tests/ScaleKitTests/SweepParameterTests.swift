import ScaleKit
import ScaleModel
import Testing

@Test func rangeOfCounts() throws {
  let range = try SweepRange(parsing: "servers=2..5")
  #expect(range.parameter == .servers)
  #expect(range.values == [2, 3, 4, 5])
}

@Test func rangeWithStep() throws {
  #expect(
    try SweepRange(parsing: "rps=1000..3000", step: 500).values == [1000, 1500, 2000, 2500, 3000])
}

@Test func unknownParameterSuggests() {
  #expect(throws: SweepRange.ParseError.unknownParameter("server", suggestion: "servers")) {
    try SweepRange(parsing: "server=1..3")
  }
}

@Test(arguments: ["servers", "servers=", "servers=5..2", "servers=a..b", "rps=0..1e9"])
func badRanges(_ text: String) {
  #expect(throws: SweepRange.ParseError.self) {
    try SweepRange(parsing: text, step: text.hasPrefix("rps") ? 1 : nil)
  }
}

@Test func resizingAPoolCopiesTheFirstServer() throws {
  let scenario = Scenario(
    servers: [
      ServerSpec(name: "web-1", pool: "web", cores: 2),
      ServerSpec(name: "web-2", pool: "web", cores: 2),
      ServerSpec(name: "db", cores: 8),
    ],
    balancers: [BalancerSpec(name: "lb", strategy: .roundRobin)])
  let bigger = try SweepParameter.servers.apply(4, to: scenario)
  #expect(bigger.servers.map(\.name) == ["web-1", "web-2", "web-3", "web-4", "db"])
  #expect(bigger.servers[3].cores == 2 && bigger.servers[3].pool == "web")
  let smaller = try SweepParameter.servers.apply(1, to: scenario)
  #expect(smaller.servers.map(\.name) == ["web-1", "db"])
}

@Test func explicitBackendsFollowTheResize() throws {
  let scenario = Scenario(
    servers: [ServerSpec(name: "web-1", pool: "web"), ServerSpec(name: "web-2", pool: "web")],
    balancers: [
      BalancerSpec(
        name: "lb", strategy: .weighted,
        backends: [Backend(server: "web-1", weight: 1), Backend(server: "web-2", weight: 1)])
    ])
  let three = try SweepParameter.servers.apply(3, to: scenario)
  #expect(three.balancers[0].backends.map(\.server) == ["web-1", "web-2", "web-3"])
  let one = try SweepParameter.servers.apply(1, to: scenario)
  #expect(one.balancers[0].backends.map(\.server) == ["web-1"])
}

@Test func parameterWithNothingToChange() {
  #expect(throws: SweepParameter.ApplyError.nothingToChange(.cacheNodes)) {
    try SweepParameter.cacheNodes.apply(3, to: Scenario())
  }
  #expect(throws: SweepParameter.ApplyError.invalidValue(.servers, 0)) {
    try SweepParameter.servers.apply(0, to: Scenario(servers: [ServerSpec(name: "a")]))
  }
}

/// Huge bounds once made `low + i * step` never pass `high` (a hang that ate memory).
@Test(arguments: ["cpu=1e300..1e300", "cpu=1..2000", "servers=1..1e9", "rps=-5..10"])
func boundsBeyondTheLimitsAreRejected(_ text: String) {
  #expect(throws: SweepRange.ParseError.self) { try SweepRange(parsing: text) }
}

@Test func pointsAreCountedNotAccumulated() throws {
  let range = try SweepRange(parsing: "rps=0..1", step: 0.1)
  #expect(range.values.count == 11)
  #expect(try SweepRange(parsing: "cpu=1024..1024").values == [1024])
}

@Test func defaultConnectionLimitSaturates() {
  #expect(Defaults.connections(cores: Int.max) == Int.max)
  #expect(Defaults.connections(cores: 4) == 400)
  #expect(ServerSpec(name: "x", cores: Int.max / 2).maxConnections == Int.max)
}
