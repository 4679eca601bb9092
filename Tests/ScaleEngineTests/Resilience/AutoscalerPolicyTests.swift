import ScaleModel
import Testing

@testable import ScaleEngine

@Suite struct AutoscalerPolicyTests {
  /// The seed's rule with a 60 s cooldown, checked every 30 s on a scripted load.
  @Test func thresholdWithCooldown() {
    var p = AutoscalerPolicy(
      spec: AutoscalerSpec(
        group: "web", mode: .threshold(low: 0.3, high: 0.7), minimum: 2, maximum: 4,
        interval: 30, cooldown: 60))
    let script: [(t: Double, u: Double, ready: Int, warming: Int)] = [
      (0, 0.80, 2, 0), (30, 0.90, 3, 0), (60, 0.90, 3, 0), (90, 0.95, 4, 0), (120, 0.95, 4, 0),
      (150, 0.20, 4, 0), (180, 0.20, 3, 0), (210, 0.20, 3, 0), (240, 0.50, 2, 0),
      (270, 0.10, 2, 0), (300, 0.70, 2, 0),
    ]
    let changes = script.map {
      p.decide(now: $0.t, utilisation: $0.u, ready: $0.ready, warming: $0.warming).change
    }
    #expect(changes == [1, 0, 1, 0, 0, -1, 0, -1, 0, 0, 0])
  }

  /// Without cooldown, scale-in waits for warming servers; the seed's strict comparisons.
  @Test func warmupBlocksScaleIn() {
    var p = AutoscalerPolicy(spec: AutoscalerSpec(group: "web", minimum: 1, maximum: 10))
    let a = p.decide(now: 0, utilisation: 0.8, ready: 2, warming: 0)
    #expect(a.change == 1)
    #expect(a.reason == .aboveHigh(utilisation: 0.8, high: 0.7, atMaximum: false))
    let b = p.decide(now: 30, utilisation: 0.1, ready: 2, warming: 1)
    #expect(b.change == 0)
    #expect(b.reason == .warmingUp(servers: 1))
    do {
      let ok = p.decide(now: 60, utilisation: 0.1, ready: 3, warming: 0).change == -1
      #expect(ok)
    }
    do {
      let ok = p.decide(now: 90, utilisation: 0.7, ready: 2, warming: 0).change == 0
      #expect(ok)
    }
    do {
      let ok = p.decide(now: 120, utilisation: 0.3, ready: 2, warming: 0).change == 0
      #expect(ok)
    }
    var below = AutoscalerPolicy(spec: AutoscalerSpec(group: "web"))  // min 2
    do {
      let ok = below.decide(now: 0, utilisation: 0.5, ready: 1, warming: 0).desired == 2
      #expect(ok)
    }
  }

  /// HPA: desired = ceil(ready × u / target) outside the 10 % tolerance, scale-up rate limit.
  @Test func hpaScaleUp() {
    var p = AutoscalerPolicy(
      spec: AutoscalerSpec(group: "web", mode: .target(utilisation: 0.5), minimum: 1, maximum: 20))
    do {
      let ok = p.decide(now: 0, utilisation: 0.53, ready: 4, warming: 0).desired == 4  // tolerance
      #expect(ok)
    }
    do {
      let ok = p.decide(now: 15, utilisation: 0.9, ready: 4, warming: 0).desired == 8  // ceil(7.2)
      #expect(ok)
    }
    var q = AutoscalerPolicy(
      spec: AutoscalerSpec(group: "web", mode: .target(utilisation: 0.2), minimum: 1, maximum: 10))
    let first = q.decide(now: 0, utilisation: 1.0, ready: 2, warming: 0)  // wants 10
    #expect(first.desired == 6)  // max(2 + 4, 2 × 2)
    let second = q.decide(now: 10, utilisation: 1.0, ready: 2, warming: 4)
    #expect(second.desired == 6)  // the 4 added within 15 s count: limit max(6, 4)
    let third = q.decide(now: 15, utilisation: 1.0, ready: 6, warming: 0)
    #expect(third.desired == 10)  // new period; ceil(30) clamped to the maximum
    var exact = AutoscalerPolicy(
      spec: AutoscalerSpec(group: "web", mode: .target(utilisation: 0.6), minimum: 1, maximum: 20))
    do {
      let ok = exact.decide(now: 0, utilisation: 0.9, ready: 2, warming: 0).desired == 3  // not 4
      #expect(ok)
    }
  }

  /// Scale-down waits for the highest recommendation of the last 300 s.
  @Test func hpaScaleDownStabilisation() {
    var p = AutoscalerPolicy(
      spec: AutoscalerSpec(group: "web", mode: .target(utilisation: 0.5), minimum: 1, maximum: 10))
    var desired: [Int] = []
    desired.append(p.decide(now: 0, utilisation: 0.5, ready: 4, warming: 0).desired)
    for t in stride(from: 15.0, through: 300, by: 15) {
      desired.append(p.decide(now: t, utilisation: 0.25, ready: 4, warming: 0).desired)
    }
    #expect(desired.dropLast().allSatisfy { $0 == 4 })
    #expect(desired.last == 2)  // the t = 0 recommendation left the window at t = 300
  }

  @Test func noReadyServersHold() {
    var p = AutoscalerPolicy(
      spec: AutoscalerSpec(group: "web", mode: .target(utilisation: 0.5), minimum: 1, maximum: 10))
    do {
      let ok = p.decide(now: 0, utilisation: .nan, ready: 0, warming: 3).change == 0
      #expect(ok)
    }
    var t = AutoscalerPolicy(spec: AutoscalerSpec(group: "web", minimum: 1))
    do {
      let ok = t.decide(now: 0, utilisation: 0, ready: 0, warming: 0).change == 1  // below minimum
      #expect(ok)
    }
  }

  @Test func extremeUtilisationIsSafe() {
    var p = AutoscalerPolicy(
      spec: AutoscalerSpec(group: "web", mode: .target(utilisation: 0.5), minimum: 1, maximum: 8))
    let negative = p.decide(now: 0, utilisation: -1e308, ready: 2, warming: 0)
    #expect(negative.change == 0)
    let huge = p.decide(now: 100, utilisation: 1e308, ready: 2, warming: 0)
    #expect(huge.desired == 6)  // rate-limited: max(2 + 4, 2 × 2)
    var t = AutoscalerPolicy(spec: AutoscalerSpec(group: "web"))
    #expect(t.decide(now: 0, utilisation: .infinity, ready: 2, warming: 0).change == 1)
  }
}

@Test(
  arguments: [
    ("web-3", "web"), ("api-east-12", "api-east"), ("web", nil), ("-3", nil), ("web-", nil),
    ("web-3a", nil),
  ] as [(String, String?)])
func poolPrefixOfDeclaredServers(name: String, pool: String?) {
  #expect(StationNames.poolPrefix(of: name) == pool)
}
