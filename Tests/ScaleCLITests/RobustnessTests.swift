import Foundation
import Testing

/// End-to-end robustness: scripts that check clean but combine extreme or odd values, run
/// through the built binary's `check`, `run`, `graph --format dot` and `analyze --no-run`.
/// Every command must end with a documented exit code, never a signal, within a time limit.
@Suite struct RobustnessTests {
  /// The exit codes docs/cli.md documents.
  static let documented: Set<Int32> = [0, 1, 2, 3, 4, 64, 130]
  /// Seconds one command may take before it counts as a hang: a safety net for an endless
  /// loop, not a speed check. Every case here takes at most a few seconds in a debug build on
  /// an idle machine; the limit is 100× that so a loaded 2-core CI machine never trips it.
  /// Pools of 100 000 servers are measured in release mode by `scale-bench --stations`.
  static let timeout = 600.0

  /// One command's outcome, checked: documented code, no signal, no hang.
  @discardableResult
  static func invoke(_ arguments: [String], script: String, label: String) throws -> CLIResult {
    let result = try CLIHarness.run(arguments, timeout: timeout)
    let command = arguments.joined(separator: " ")
    #expect(!result.timedOut, "\(label): `scale \(command)` hung\n\(script)")
    #expect(
      !result.uncaughtSignal, "\(label): `scale \(command)` crashed\n\(result.stderr)\n\(script)")
    #expect(
      documented.contains(result.status),
      "\(label): `scale \(command)` exited \(result.status)\n\(result.stderr)\n\(script)")
    return result
  }

  /// Writes `script` and runs every command on it; returns the exit codes of check and run.
  @discardableResult
  static func exercise(_ script: String, label: String) throws -> (check: Int32, run: CLIResult) {
    let dir = try CLIHarness.temporaryDirectory()
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("script.scale").path
    try script.write(toFile: path, atomically: true, encoding: .utf8)
    let check = try invoke(["check", path], script: script, label: label)
    let run = try invoke(["run", "--format", "json", path], script: script, label: label)
    let graph = try invoke(["graph", "--format", "dot", path], script: script, label: label)
    let analyze = try invoke(["analyze", "--no-run", path], script: script, label: label)
    // The four commands agree on whether the script is valid.
    if check.status == 2 {
      #expect(run.status == 2 && graph.status == 2 && analyze.status == 2, "\(label)\n\(script)")
    } else {
      #expect(check.status == 0, "\(label): check exited \(check.status)\n\(script)")
      #expect(run.status == 0 || run.status == 1, "\(label): run exited \(run.status)\n\(script)")
      #expect(graph.status == 0, "\(label): graph exited \(graph.status)\n\(script)")
      #expect(analyze.status == 0, "\(label): analyze exited \(analyze.status)\n\(script)")
    }
    return (check.status, run)
  }

  // MARK: - Generated scripts

  /// Batches of generated scripts (each batch one test case, so batches run in parallel).
  static let batches = Array(0..<10)
  static let scriptsPerBatch = 15
  /// SCALE_ROBUSTNESS_SEEDS=N explores the 150 scripts after seed N instead (0 by default).
  static let seedBase =
    ProcessInfo.processInfo.environment["SCALE_ROBUSTNESS_SEEDS"].flatMap { UInt64($0) } ?? 0

  @Test(arguments: batches)
  func generatedScriptsEndWithADocumentedCode(batch: Int) throws {
    var clean = 0
    for index in 0..<Self.scriptsPerBatch {
      let seed = Self.seedBase + UInt64(batch * Self.scriptsPerBatch + index + 1)
      var generator = ScriptGenerator(seed: seed)
      let script = generator.script()
      // To look at the scripts: SCALE_ROBUSTNESS_DUMP=DIR writes each one there.
      if let dump = ProcessInfo.processInfo.environment["SCALE_ROBUSTNESS_DUMP"] {
        try? script.write(
          toFile: "\(dump)/generated-\(seed).scale", atomically: true, encoding: .utf8)
      }
      let outcome = try Self.exercise(script, label: "generated script #\(seed)")
      if outcome.check == 0 { clean += 1 }
    }
    // The generator writes valid scripts (the point is to reach the engine): most check clean.
    #expect(clean >= Self.scriptsPerBatch * 3 / 4, "only \(clean) scripts checked clean")
  }

  @Test func generatorIsDeterministic() {
    var a = ScriptGenerator(seed: 99)
    var b = ScriptGenerator(seed: 99)
    #expect(a.script() == b.script())
  }

  // MARK: - Hand-written extremes

  /// Valid but extreme scripts, each with the `run` exit code it must give.
  static let extremes: [(name: String, script: String, status: Int32)] = [
    ("1024 cores", "server big cpu 1024\ntraffic 1000 rps for 2s\n", 0),
    (
      "10 000 servers in a pool",
      "server web count 10000\nbalancer lb\ntraffic 1000 rps for 1s\n", 0
    ),
    (
      "max-connections 1",
      "server web count 2 max-connections 1\nbalancer lb\ntraffic 3000 rps for 2s\n", 0
    ),
    (
      "cache capacity 1", "server app\ncache c capacity 1\ndatabase db\ntraffic 1000 rps for 2s\n",
      0
    ),
    (
      "weights 1000",
      "server a weight 1000\nserver b weight 1\nbalancer weighted\ntraffic 1000 rps for 2s\n", 0
    ),
    (
      "zipf 10 over 10M keys",
      "server app\ncache c\ndatabase db\ntraffic 1000 rps for 2s keys zipf 10 over 10M\n", 0
    ),
    (
      "replicas 100",
      "server app\ndatabase db replicas 100 reads eventual\ntraffic 1000 rps for 2s\n", 0
    ),
    (
      "shards 10000",
      "server app\ndatabase db\nshard db 10000 scatter 50%\ntraffic 500 rps for 2s\n", 0
    ),
    (
      "cache nodes 10000",
      "server app\ncache c nodes 10000 hashing consistent\ndatabase db\ntraffic 1000 rps for 2s\n",
      0
    ),
    ("10M rps for 1ms", "server web count 4 cpu 64\nbalancer lb\ntraffic 10M rps for 1ms\n", 0),
    ("duration 1us", "server web\nduration 1us\ntraffic 1000 rps\n", 0),
    // A warm-up that leaves nothing to measure is an error (E0216), not an empty report.
    ("warmup equal to duration", "server web\nduration 2s\nwarmup 2s\ntraffic 1000 rps\n", 2),
    ("warmup beyond duration", "server web\nduration 2s\nwarmup 10s\ntraffic 1000 rps\n", 2),
    ("warmup just under duration", "server web\nduration 2s\nwarmup 1999ms\ntraffic 1000 rps\n", 0),
    (
      "events at 0 and at the end",
      "server web count 2\nbalancer lb\ntraffic 1000 rps for 2s\nat 0s fail web-1\nat 2s recover web-1\nat 0 spike 5000 rps for 2s\nat 2s traffic 0\n",
      0
    ),
    (
      "every server failed",
      "server web count 3\nbalancer lb\ntraffic 1000 rps for 2s\nat 0s fail web-1\nat 0s fail web-2\nat 0s fail web-3\n",
      0
    ),
    (
      "every server removed",
      "server web count 3\nbalancer lb\ntraffic 1000 rps for 2s\nat 1s remove web-1\nat 1s remove web-2\nat 1s remove web-3\n",
      0
    ),
    (
      "autoscale min = max",
      "server web count 2\nbalancer lb\nautoscale web 30..70 min 3 max 3 every 100ms\ntraffic 2000 rps for 2s\n",
      0
    ),
    (
      "autoscale every 1us",
      "server web count 2\nbalancer lb\nautoscale web 30..70 min 1 max 100 every 1us\ntraffic 2000 rps for 2s\n",
      0
    ),
    (
      "retry 100 attempts without jitter",
      "server web count 2\nbalancer lb\nretry attempts 100 backoff 1us jitter none\ntraffic 200 rps for 1s timeout 1us\n",
      0
    ),
    (
      "circuit breaker window 1",
      "server web count 2\nbalancer lb\ncircuit-breaker on lb window 1 min-calls 1 half-open 1 wait 1us\ntraffic 1000 rps for 2s timeout 1ms\n",
      0
    ),
    ("rate-limit 0.001 rps", "server web\nrate-limit edge 0.001 rps\ntraffic 1000 rps for 2s\n", 0),
    (
      "async 100% into a queue of depth 1",
      "server web\nqueue jobs max-depth 1 workers 1 service 1s\ntraffic 1000 rps for 2s read 0% async 100%\n",
      0
    ),
    ("timeouts of 1us", "server web\ndatabase db\ntraffic 1000 rps for 2s timeout 1us\n", 0),
    (
      "overlapping spikes and ramps",
      "server web count 2 cpu 4\nbalancer lb\ntraffic 500 rps for 2s\nat 0.5s ramp to 3000 rps over 1s\nat 0.6s spike to 5000 rps for 1s\nat 0.7s ramp to 0 rps over 10s\nat 0.8s spike to 1 rps for 1h\n",
      0
    ),
    (
      "set cache nodes to 1 and to 10000",
      "server app\ncache c nodes 3 hashing consistent\ndatabase db\ntraffic 1000 rps for 2s\nat 0.5s set c nodes 1\nat 1s set c nodes 10000\nat 1.5s set c nodes 1\n",
      0
    ),
    (
      "scale-up downtime longer than the run",
      "server web count 2\nbalancer lb\ndatabase db\ntraffic 1000 rps for 2s\nat 1s scale-up web-1 cpu 8 downtime 1h\nat 1s scale-up db cpu 64 downtime 366d\n",
      0
    ),
    (
      "health checks every 1us",
      "server web count 3\nbalancer lb\nhealth-check lb every 1us timeout 1us fall 1 rise 100\ntraffic 1000 rps for 1s\n",
      0
    ),
    // Target tracking checked every microsecond: the 300 s stabilisation window once held
    // every recommendation and each check scanned it (quadratic: hours for one second).
    (
      "target tracking every 1us",
      "server web\nbalancer lb\nautoscale web target 60% min 2 max 1000 every 1us\ntraffic 4000 rps for 1s\n",
      0
    ),
    // A check visits every member: a large pool checked every microsecond is bounded too.
    (
      "5000 servers autoscaled every 1us",
      "server web count 5000\nbalancer lb\nautoscale web target 60% every 1us cooldown 1h\ntraffic 40000 rps for 50ms\n",
      0
    ),
    // Health checks every millisecond for a year were 3 × 10¹⁰ checks (a hang); now at most
    // 10⁶ per backend.
    (
      "health checks every 1ms for 366 days",
      "server web count 2\nbalancer lb\nhealth-check lb every 1ms timeout 1ms\ntraffic 0 rps for 366d\n",
      0
    ),
    // Every backend marked down by its first check: each mark-down rebuilt the eligible list,
    // O(n²) for the pool (minutes for 100 000, see `scale-bench --stations`); now a binary
    // search each.
    (
      "10 000 servers marked down",
      "server web count 10000\nbalancer lb\nhealth-check lb every 1s timeout 1us fall 1\ntraffic 1 rps for 2s\n",
      0
    ),
    // Nothing measured: the expectation cannot hold.
    ("zero traffic", "server web\ntraffic 0 rps for 2s\nexpect p99 < 1ms\n", 1),
    ("failed expectation", "server web\ntraffic 2000 rps for 2s\nexpect p99 < 1us\n", 1),
  ]

  @Test(arguments: extremes.indices)
  func extremeScriptEndsWithItsExitCode(index: Int) throws {
    let extreme = Self.extremes[index]
    let outcome = try Self.exercise(extreme.script, label: extreme.name)
    #expect(outcome.check == (extreme.status == 2 ? 2 : 0), "\(extreme.name)")
    #expect(outcome.run.status == extreme.status, "\(extreme.name)")
    guard let figures = Self.figures[extreme.name] else { return }
    let report = try #require(
      try JSONSerialization.jsonObject(with: Data(outcome.run.stdout.utf8)) as? [String: Any])
    let offered = try #require(report["offered"] as? Int)
    let errorRate = try #require(report["errorRate"] as? Double)
    #expect(figures.offered.contains(offered), "\(extreme.name): offered \(offered)")
    #expect(figures.errorRate.contains(errorRate), "\(extreme.name): error rate \(errorRate)")
  }

  /// What the extremes must report, where a figure follows from the script: requests offered
  /// (Poisson, so within a few standard deviations of rate × length) and the error rate.
  static let figures: [String: (offered: ClosedRange<Int>, errorRate: ClosedRange<Double>)] = [
    "1024 cores": (1850...2150, 0...0),
    "10 000 servers in a pool": (900...1100, 0...0),
    // Two M/M/1/1 servers with failover at 3× their capacity: Erlang B(2, 3) ≈ 0.53.
    "max-connections 1": (5700...6300, 0.45...0.6),
    "10M rps for 1ms": (9700...10300, 0...0),
    "duration 1us": (0...1, 0...0),
    "every server failed": (1850...2150, 1...1),
    // Only the first second is served by anyone.
    "every server removed": (1850...2150, 0.45...0.55),
    // One token: the first request passes, every other is refused.
    "rate-limit 0.001 rps": (1850...2150, 0.99...1),
    // Nothing answers within a microsecond (1 ms mean service).
    "timeouts of 1us": (1850...2150, 0.99...1),
    "retry 100 attempts without jitter": (150...250, 1...1),
    // web-1 down from 1 s: about half the requests of the second half fail.
    "scale-up downtime longer than the run": (1850...2150, 0.4...0.6),
    "zero traffic": (0...0, 0...0),
  ]
}

/// A seeded generator of scripts over the whole statement vocabulary (StatementSchema), mixing
/// ordinary values with the extremes the checker allows. It bounds the simulated work: the
/// run length and every rate are chosen so that rate × duration stays small.
struct ScriptGenerator {
  private var state: UInt64

  /// The seed is hashed first: SplitMix64 states one increment apart would give consecutive
  /// seeds the same stream shifted by one draw.
  init(seed: UInt64) {
    state = seed
    state = next()
  }

  /// SplitMix64.
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  mutating func int(_ range: ClosedRange<Int>) -> Int {
    let width = UInt64(range.upperBound - range.lowerBound) + 1
    return range.lowerBound + Int(next() % width)
  }

  mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

  mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }

  /// Ordinary or extreme: mostly the first list, sometimes the second.
  mutating func value(_ normal: [String], extreme: [String]) -> String {
    chance(0.3) ? pick(extreme) : pick(normal)
  }

  mutating func duration() -> String {
    value(["1ms", "5ms", "50ms", "200ms", "1s", "10s"], extreme: ["1us", "0.5us", "1h", "366d"])
  }

  mutating func distribution() -> String {
    let mean = value(["1ms", "2ms", "5ms"], extreme: ["1us", "1s", "10s"])
    switch int(0...5) {
    case 0: return "exp \(mean)"
    case 1: return "const \(mean)"
    case 2: return "uniform 1us..\(mean)"
    case 3: return "normal \(mean) sd \(value(["1ms"], extreme: ["1us", "1h"]))"
    case 4: return "lognormal \(mean) sd \(value(["1ms"], extreme: ["1us", "10s"]))"
    default: return mean
    }
  }

  /// A percentage, sometimes 0% or 100%.
  mutating func percent() -> String {
    value(["10%", "50%", "90%"], extreme: ["0%", "100%", "0.001%"])
  }

  /// A rate scaled to `cap` (the largest rate the run's budget allows).
  mutating func rate(cap: Double) -> String {
    let share = value(["0.5", "1", "0.2"], extreme: ["0", "0.000001", "1"])
    let rate = (Double(share) ?? 1) * cap
    return String(format: "%.6f", rate) + " rps"
  }

  /// Seconds as the language writes them (no exponent).
  static func seconds(_ value: Double) -> String { String(format: "%.6fs", value) }

  /// One whole script.
  mutating func script() -> String {
    var lines: [String] = []
    // The run length in seconds and the budget of requests: at most ~2000 per run.
    let seconds = pick([0.000001, 0.001, 0.05, 0.5, 1, 2])
    let retries = chance(0.3) ? int(1...100) : 1
    let budget = 2000.0 / Double(retries)
    let cap = Swift.min(10_000_000, budget / seconds)
    lines.append("seed \(next() % 1000)")
    lines.append("duration \(Self.seconds(seconds))")
    if chance(0.3) {
      lines.append(
        "warmup \(pick(["0s", "1us", Self.seconds(seconds / 2), Self.seconds(seconds)]))")
    }

    // Servers: a pool `web`, sometimes a lone `api`.
    let poolSize = Int(value(["1", "2", "3", "8"], extreme: ["1000", "2000"])) ?? 1
    var server = "server web count \(poolSize)"
    server += serverAttributes()
    lines.append(server)
    let lone = chance(0.4)
    if lone { lines.append("server api" + serverAttributes()) }

    // A balancer over the servers.
    let balancer = chance(0.85)
    if balancer {
      var line =
        "balancer lb "
        + pick(["round-robin", "weighted", "least-connections", "random", "p2c", "hash"])
      if chance(0.2) { line += " no-failover" }
      if lone, chance(0.3) {
        line += " {\n  web\n  api weight \(value(["2", "3"], extreme: ["1000"]))\n}"
      } else if chance(0.2) {
        line += " to web" + (lone ? ", api" : "")
      }
      lines.append(line)
      if chance(0.4) {
        // Checks cost backends × run length / interval events: tiny intervals on small pools.
        let every =
          poolSize <= 8
          ? value(["10ms", "100ms", "1s"], extreme: ["1us", "1h"])
          : value(["100ms", "1s"], extreme: ["1h"])
        let timeout = every == "1us" ? "1us" : value(["1us", "1ms"], extreme: ["1us"])
        lines.append(
          "health-check lb every \(every) timeout \(timeout) fall \(value(["1", "3"], extreme: ["100"])) rise \(value(["1", "2"], extreme: ["100"]))"
        )
      }
    }

    // Data tier.
    let cache = chance(0.4)
    if cache {
      var line = "cache c"
      if chance(0.6) { line += " ttl \(duration())" }
      if chance(0.5) { line += " nodes \(value(["1", "3", "8"], extreme: ["10000"]))" }
      if chance(0.4) { line += " capacity \(value(["100", "10k"], extreme: ["1", "1000000000"]))" }
      if chance(0.5) { line += " hashing \(pick(["modulo", "consistent", "jump"]))" }
      if chance(0.4) { line += " eviction \(pick(["lru", "lfu", "random"]))" }
      if chance(0.3) { line += " hit \(distribution())" }
      if chance(0.2) { line += " vnodes \(value(["1", "160"], extreme: ["10000"]))" }
      lines.append(line)
    }
    let database = chance(0.5)
    if database {
      var line = "database db"
      let replicas = Int(value(["0", "1", "2"], extreme: ["100"])) ?? 0
      if chance(0.6) { line += " replicas \(replicas)" }
      if chance(0.4) { line += " lag \(distribution())" }
      if replicas > 0, line.contains("replicas"), chance(0.5) { line += " reads eventual" }
      if chance(0.3) { line += " cpu \(value(["1", "8"], extreme: ["1024"]))" }
      if chance(0.3) { line += " service \(distribution())" }
      if chance(0.3) {
        line += " max-connections \(value(["10", "400"], extreme: ["1", "10000000"]))"
      }
      lines.append(line)
      if chance(0.4) {
        var shard = "shard db \(value(["2", "4", "16"], extreme: ["1", "10000"]))"
        if chance(0.4) { shard += " hashing \(pick(["modulo", "consistent", "jump"]))" }
        if chance(0.4) { shard += " scatter \(percent())" }
        lines.append(shard)
      }
    }

    // Resilience.
    let queue = chance(0.3)
    if queue {
      var line = "queue jobs"
      if chance(0.5) { line += " workers \(value(["1", "4"], extreme: ["100000"]))" }
      if chance(0.5) { line += " service \(distribution())" }
      if chance(0.5) { line += " max-depth \(value(["10", "1000"], extreme: ["1", "1000000000"]))" }
      if chance(0.5) { line += " when-full \(pick(["reject", "drop-oldest"]))" }
      lines.append(line)
    }
    if chance(0.3) {
      let targets = ["web", "web-1"] + (balancer ? ["lb"] : []) + (database ? ["db"] : [])
      var line = "circuit-breaker on \(pick(targets))"
      if chance(0.5) { line += " failure-rate \(percent())" }
      if chance(0.3) { line += " slow-call-rate \(percent())" }
      if chance(0.3) { line += " slow-call \(duration())" }
      if chance(0.5) { line += " window \(value(["10", "100"], extreme: ["1", "1000000"]))" }
      if chance(0.5) { line += " min-calls \(value(["10", "100"], extreme: ["1", "1000000"]))" }
      if chance(0.5) { line += " wait \(duration())" }
      if chance(0.5) { line += " half-open \(value(["1", "10"], extreme: ["1000000"]))" }
      lines.append(line)
    }
    if retries > 1 || chance(0.2) {
      var line = "retry attempts \(retries)"
      if chance(0.5) {
        line += " backoff \(pick(["1us", "1ms", "25ms..250ms", "1us..1us", "1ms..1h"]))"
      }
      if chance(0.5) { line += " jitter \(pick(["none", "full", "equal", "decorrelated"]))" }
      if chance(0.3) { line += " budget \(percent())" }
      lines.append(line)
    }
    if chance(0.25) {
      var line = "rate-limit edge \(value(["100", "5000"], extreme: ["0.001", "10000000"])) rps"
      if chance(0.5) { line += " burst \(value(["1", "500"], extreme: ["1000000000"]))" }
      lines.append(line)
    }
    if chance(0.3) {
      var line = "autoscale web"
      if chance(0.5) {
        line += " \(pick(["30..70", "0..100", "50..50", "1%..99%"]))"
      } else {
        line += " target \(value(["60%"], extreme: ["0.001%", "100%", "1%"]))"
      }
      let minimum = int(1...3)
      if chance(0.6) {
        line += " min \(minimum) max \(value(["\(minimum)", "10"], extreme: ["1000"]))"
      }
      // Each check visits every member (up to 10⁸ visits a run, seconds in a debug build):
      // tiny intervals on small pools.
      if chance(0.5) {
        let tiny = poolSize <= 8 ? "1us" : "1ms"
        line += " every \(value(["10ms", "100ms"], extreme: [tiny, "1h"]))"
      }
      if chance(0.3) { line += " cooldown \(value(["0s", "50ms"], extreme: ["1h"]))" }
      if chance(0.3) { line += " warmup \(value(["0s", "50ms"], extreme: ["1h"]))" }
      lines.append(line)
    }

    // Traffic.
    var traffic: String
    if chance(0.15) {
      traffic =
        "traffic 0..\(String(format: "%.6f", cap)) rps daily period \(pick(["1us", "1ms", "1s", "24h"]))"
    } else {
      traffic = "traffic \(rate(cap: cap))"
    }
    if chance(0.5) { traffic += " read \(percent())" }
    if chance(0.4) {
      traffic +=
        " keys "
        + pick([
          "zipf \(value(["0.8", "1.1"], extreme: ["10", "0.0001"])) over \(value(["1k", "1M"], extreme: ["1", "10M"]))",
          "uniform over \(value(["100", "10k"], extreme: ["1", "10M"]))",
          "\(value(["1000"], extreme: ["1"]))",
        ])
    }
    if chance(0.2) { traffic += " arrivals \(pick(["poisson", "constant"]))" }
    if chance(0.3) { traffic += " timeout \(duration())" }
    if queue, chance(0.5) { traffic += " async \(percent())" }
    lines.append(traffic)

    // Events, at times from 0 to past the end.
    let times = [
      "0s", Self.seconds(seconds / 3), Self.seconds(seconds / 2), Self.seconds(seconds), "1h",
    ]
    var added = 0
    for _ in 0..<int(0...5) {
      let at = "at \(pick(times))"
      switch int(0...8) {
      case 0: lines.append("\(at) ramp traffic to \(rate(cap: cap)) over \(duration())")
      case 1: lines.append("\(at) spike traffic to \(rate(cap: cap)) for \(duration())")
      case 2: lines.append("\(at) traffic \(rate(cap: cap))")
      case 3:
        let target = pick(["web-1", "web-\(poolSize)"] + (database ? ["db"] : []))
        lines.append("\(at) fail \(target)" + (chance(0.5) ? " for \(duration())" : ""))
      case 4:
        lines.append("\(at) recover \(pick(["web-1"] + (database ? ["db"] : [])))")
      case 5:
        added += 1
        lines.append(
          "\(at) add server extra-\(added)" + serverAttributes() + (balancer ? " to lb" : ""))
      case 6:
        let target = pick(["web-1", "web-\(poolSize)"] + (lone ? ["api"] : []))
        lines.append("\(at) remove \(target)")
      case 7:
        let target = pick(["web-1"] + (database ? ["db"] : []))
        lines.append(
          "\(at) scale-up \(target) cpu \(value(["2", "8"], extreme: ["1", "1024"])) downtime \(value(["0s", "1ms"], extreme: ["1h", "366d"]))"
        )
      default:
        if cache {
          lines.append("\(at) set c nodes \(value(["1", "2", "5"], extreme: ["10000"]))")
        }
      }
    }

    // Expectations.
    for _ in 0..<int(0...3) {
      lines.append(
        pick(
          [
            "expect p99 < \(duration())", "expect p99.9 <= 1s", "expect errors < \(percent())",
            "expect throughput >= 1 rps", "expect mean < 10ms", "expect max < 1h",
            "expect web-1 utilisation < 90%", "expect completed > 0", "expect timeouts < 5%",
            "expect rejected <= 0%",
          ] + (cache ? ["expect c hit-rate > 10%"] : [])
            + (database ? ["expect db stale-reads < 1%"] : [])
            + (queue ? ["expect jobs queue-length < 5"] : [])))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Server attributes, a few at random (`rps` and `service` exclude each other).
  mutating func serverAttributes() -> String {
    var text = ""
    if chance(0.5) { text += " cpu \(value(["1", "2", "4"], extreme: ["1024"]))" }
    if chance(0.3) {
      text += " rps \(value(["500", "1000"], extreme: ["0.001", "10000000"]))"
    } else if chance(0.3) {
      text += " service \(distribution())"
    }
    if chance(0.2) {
      text += " contention \(value(["0.05 0.001", "0.1"], extreme: ["1 1", "0 1"]))"
    }
    if chance(0.3) {
      text += " max-connections \(value(["10", "200"], extreme: ["1", "10000000"]))"
    }
    if chance(0.2) { text += " weight \(value(["1", "3"], extreme: ["1000"]))" }
    if chance(0.1) { text += " ram \(value(["16GB"], extreme: ["1024TB", "1MB"]))" }
    if chance(0.1) { text += " storage \(value(["500GB"], extreme: ["1024TB"]))" }
    return text
  }
}
