import Testing

@testable import ScaleLanguage

@Test func statementKeywordsAreSortedAndComplete() {
  #expect(
    StatementSchema.statementKeywords == [
      "at", "autoscale", "balancer", "cache", "circuit-breaker", "database", "duration", "expect",
      "health-check", "link", "network", "queue", "rate-limit", "retry", "route", "seed", "server",
      "shard", "traffic", "warmup",
    ])
}

@Test func allKeywordsHoldAttributesAndChoices() {
  for word in [
    "cpu", "max-connections", "weighted", "p2c", "consistent", "jump", "eventual", "drop-oldest",
    "decorrelated", "poisson", "zipf", "ramp", "scale-up", "hit-rate", "p99.9", "rps", "sd",
    "lognormal", "no-failover", "min-calls", "vnodes", "zone", "warm", "read", "write",
    "cross-zone", "latency",
  ] {
    #expect(StatementSchema.allKeywords.contains(word), "\(word)")
  }
  #expect(!StatementSchema.allKeywords.contains("web-1"))
}

@Test func attributesForCompletion() {
  #expect(
    StatementSchema.attributes(of: "server") == [
      "cpu", "ram", "storage", "count", "rps", "service", "contention", "max-connections",
      "weight", "zone",
    ])
  #expect(StatementSchema.attributes(of: "route") == ["read", "write", "keys"])
  #expect(StatementSchema.attributes(of: "balancer").starts(with: ["round-robin", "weighted"]))
  #expect(StatementSchema.attributes(of: "nope") == [])
}

@Test func everyStatementHasAUsageThatChecks() {
  // Each statement's own usage example must be valid on top of a small topology.
  let topology = """
    server web-1 cpu 4
    server web-2 cpu 4
    server db-1 cpu 4
    balancer lb
    database orders
    traffic 100 rps for 10min
    """
  for spec in StatementSchema.specs
  where ![.balancer, .server, .traffic, .database].contains(spec.keyword) {
    let result = Frontend.compile(topology + "\n" + spec.usage)
    #expect(!result.hasErrors, "\(spec.usage): \(CheckHarness.render(result.diagnostics))")
  }
}
