import ScaleDiagnostics
import Testing

@testable import ScaleLanguage

/// SplitMix64: a tiny deterministic generator, so every fuzz run sees the same inputs.
struct SplitMix64 {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  /// Uniform in `0..<bound` (bound > 0).
  mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(1, bound))) }
}

/// Checks every invariant the front end keeps on any input: diagnostics and nodes lie within
/// the source with consistent line/column/offset, and an error-free tree formats to text that
/// re-parses to an equal tree and formats to itself.
enum Invariants {
  static func check(_ source: String, _ label: String) {
    let tree = Parser.parse(source)
    let text = SourceText(source)
    for diagnostic in tree.diagnostics {
      checkRange(diagnostic.range, in: text, "\(label): \(diagnostic.id)")
      // Rendering never fails either.
      _ = DiagnosticRenderer.render(diagnostic, fileName: "f", source: text, color: false)
    }
    #expect(tree.diagnostics.count <= DiagnosticCollector.limit + 1, "\(label)")
    for statement in tree.statements {
      checkRange(statement.range, in: text, label)
      checkRange(statement.keywordRange, in: text, label)
      for word in statement.words { checkRange(word.range, in: text, label) }
      for inner in statement.block ?? [] {
        checkRange(inner.range, in: text, label)
        #expect(inner.block == nil, "\(label): nested block")
      }
    }
    guard tree.diagnostics.isEmpty else { return }
    let formatted = Formatter.format(tree)
    let again = Parser.parse(formatted)
    #expect(again.diagnostics.isEmpty, "\(label): formatted text has errors:\n\(formatted)")
    #expect(Normalized(again) == Normalized(tree), "\(label): formatting changed the tree")
    #expect(Formatter.format(again) == formatted, "\(label): formatting is not idempotent")
  }

  static func checkRange(_ range: SourceRange, in text: SourceText, _ label: String) {
    let count = text.bytes.count
    let ok =
      range.start.offset >= 0 && range.start.offset <= range.end.offset
      && range.end.offset <= count
      && text.location(ofOffset: range.start.offset) == range.start
      && text.location(ofOffset: range.end.offset) == range.end
    #expect(
      ok,
      "\(label): range \(range) (offsets \(range.start.offset)-\(range.end.offset)) outside or inconsistent"
    )
  }
}

/// Valid statements to mutate.
private let seeds: [String] = [
  "seed 42", "duration 10min", "warmup 30s", "server web-1 cpu 4",
  "server db-1 cpu 4 ram 16GB storage 500GB", "server web count 3 cpu 2",
  "server api cpu 8 service lognormal 5ms sd 2ms", "server big cpu 64 contention 0.05 0.001",
  "balancer weighted", "balancer lb round-robin to web-1, web-2 no-failover",
  "balancer lb weighted {\n  web-1 weight 3\n  # c\n  web-2\n}",
  "health-check lb every 5s timeout 1s fall 3 rise 2", "cache ttl 60 nodes 3",
  "cache sessions ttl 60s nodes 3 capacity 100k hashing consistent eviction lru hit 0.5ms",
  "database orders replicas 2 lag 50ms reads eventual cpu 8 service 2ms max-connections 400",
  "shard orders 4 hashing jump scatter 5%", "autoscale web 30..70 min 2 max 10 every 30s",
  "queue jobs workers 4 service 20ms max-depth 1000 when-full reject",
  "retry attempts 3 backoff 25ms..250ms jitter full budget 20%",
  "rate-limit edge 5000 rps burst 500",
  "traffic 2000rps for 10min read 90% keys zipf 1.1 over 1M arrivals poisson timeout 2s",
  "traffic 500..3000 rps daily period 24h", "at 2min ramp traffic to 8000 rps over 2min",
  "at 9min scale-up db-1 cpu 8 ram 32GB downtime 30s", "expect p99 < 200ms",
  "expect p99.9 <= 1s with 95% confidence  # note", "# a comment", "",
  "route browse 70% read: lb -> web -> catalog -> products",
  "route search 5% keys zipf 1.1 over 10k: lb->web -> { catalog, products }  # fan-out",
  "network latency 0.2ms cross-zone 2ms", "link web -> orders-lb latency lognormal 1ms sd 0.3ms",
  "server web count 4 cpu 4 zone a", "cache catalog ttl 10min warm",
  "at 3min fail zone a for 1min", "expect route checkout p99 < 150ms",
]

/// Bytes worth inserting: the language's punctuation, confusable letters, CR, control and
/// invalid UTF-8.
private let interesting: [UInt8] =
  Array("{}#.,:<>=%_-\n\r\t mMkG059".utf8) + [0x00, 0x1B, 0xFF, 0xC3, 0xA9]

private func mutated(_ random: inout SplitMix64) -> [UInt8] {
  var lines: [String] = []
  for _ in 0..<(1 + random.below(8)) { lines.append(seeds[random.below(seeds.count)]) }
  var bytes = Array(lines.joined(separator: random.below(4) == 0 ? "\r\n" : "\n").utf8)
  for _ in 0..<random.below(5) {
    guard !bytes.isEmpty else { break }
    let at = random.below(bytes.count)
    switch random.below(4) {
    case 0:  // delete a run
      let length = min(bytes.count - at, 1 + random.below(8))
      bytes.removeSubrange(at..<(at + length))
    case 1:  // duplicate a run
      let length = min(bytes.count - at, 1 + random.below(16))
      bytes.insert(contentsOf: bytes[at..<(at + length)], at: at)
    case 2:  // flip one bit
      bytes[at] ^= UInt8(1 << random.below(8))
    default:  // insert an interesting byte
      bytes.insert(interesting[random.below(interesting.count)], at: at)
    }
  }
  return bytes
}

@Test(arguments: [1, 2, 3, 4] as [UInt64])
func mutatedInputsKeepEveryInvariant(seed: UInt64) {
  var random = SplitMix64(seed: seed)
  var clean = 0
  for index in 0..<800 {
    let source = String(decoding: mutated(&random), as: UTF8.self)
    if Parser.parse(source).diagnostics.isEmpty { clean += 1 }
    Invariants.check(source, "seed \(seed) input \(index)")
  }
  // Both paths are exercised: some inputs stay valid, most do not.
  #expect(clean > 50)
  #expect(clean < 750)
}

@Test func theSeedStatementsAreValid() {
  for statement in seeds {
    #expect(Parser.parse(statement).diagnostics.isEmpty, "\(statement)")
  }
}

@Test func theGeneratorIsDeterministic() {
  var first = SplitMix64(seed: 7)
  var second = SplitMix64(seed: 7)
  #expect((0..<5).map { _ in first.next() } == (0..<5).map { _ in second.next() })
  var known = SplitMix64(seed: 0)
  #expect(known.next() == 0xE220_A839_7B1D_CDAF)
}
