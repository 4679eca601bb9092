// scale-bench: release-mode engine benchmark. Prints simulated requests per second (wall clock)
// and peak memory for a few standard models. Not a test: figures depend on the machine.
//
//   swift run -c release scale-bench [--requests N]   the four standard models
//   ... --repeat K                                   each model K times: the least CPU time
//                                                    and the median (the machine may be shared)
//   swift run -c release scale-bench --large          10^8 requests on round-robin over 10, alone
//   swift run -c release scale-bench --heap           EventQueue vs swift-collections Heap
//   swift run -c release scale-bench --stations CASE  a pool of 100 000 servers, alone:
//     pool (1000 rps for 1 s), down (every server marked down by its first health check),
//     busy (100k rps for 10 s: the per-station memory of docs/engine.md)

import Foundation
import ScaleEngine
import ScaleLanguage
import ScaleModel

/// Peak resident set size (VmHWM) in MB, from /proc/self/status; nil where unavailable.
func peakRSSMegabytes() -> Double? {
  guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else {
    return nil
  }
  for line in text.split(separator: "\n") where line.hasPrefix("VmHWM:") {
    let digits = line.split(separator: " ").compactMap { Double($0) }
    if let kb = digits.first { return kb / 1024 }
  }
  return nil
}

func seconds(_ body: () -> Void) -> Double {
  let start = DispatchTime.now().uptimeNanoseconds
  body()
  return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// CPU seconds `body` took on this thread.
func cpuTime(_ body: () -> Void) -> Double {
  let start = cpuSeconds()
  body()
  return cpuSeconds() - start
}

/// CPU seconds used by this thread (the machine may be shared: wall time then overstates).
func cpuSeconds() -> Double {
  var t = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
  return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// `servers` single-core servers (1 ms exponential service) behind `strategy`, offered
/// ρ = 0.8 of their capacity, long enough for about `requests` requests.
func model(servers: Int, strategy: BalancingStrategy?, requests: Int) -> Scenario {
  let rate = 800.0 * Double(servers)
  let specs = (1...servers).map { ServerSpec(name: "web-\($0)") }
  let balancers = strategy.map { [BalancerSpec(name: "lb", strategy: $0)] } ?? []
  return Scenario(
    seed: 42, duration: Double(requests) / rate, servers: specs, balancers: balancers,
    traffic: TrafficSpec(rate: rate))
}

/// Round-robin over 10 with a 10 ms client timeout.
func withTimeout(requests: Int) -> Scenario {
  var scenario = model(servers: 10, strategy: .roundRobin, requests: requests)
  scenario.traffic?.timeout = 0.01
  return scenario
}

/// The full topology of the data-tier issue: a balancer over 10 servers, a 3-node cache,
/// a database with a primary and 2 replicas per shard and 4 shards; 90% reads over Zipf
/// keys, eventual reads; the web tier at ρ = 0.8.
func fullTopology(requests: Int) -> Scenario {
  var scenario = model(servers: 10, strategy: .roundRobin, requests: requests)
  scenario.caches = [CacheSpec(name: "sessions", ttl: 60, nodes: 3, hashing: .consistent)]
  scenario.databases = [
    DatabaseSpec(name: "orders", cores: 8, replicas: 2, reads: .eventual, shards: 4)
  ]
  scenario.traffic?.readFraction = 0.9
  scenario.traffic?.keys = .zipf(exponent: 1.1, count: 1_000_000)
  return scenario
}

/// The three-tier model of the graph issue, as routes: a balancer over 10 web servers, a
/// 3-node session cache, an orders service (a balancer over 4 servers) with its own database
/// (4 shards × primary + 2 replicas), a catalogue database; three request classes (70% browse:
/// lb → web → sessions → catalog, cache-aside; 25% checkout: lb → web → orders-lb → orders,
/// writes; 5% search: lb → web → fan-out to catalog and orders), 0.2 ms per hop; the web tier
/// at ρ = 0.8.
func threeTier(requests: Int) -> Scenario {
  var scenario = model(servers: 10, strategy: .roundRobin, requests: requests)
  scenario.balancers[0].backends = (1...10).map { Backend(server: "web-\($0)", weight: 1) }
  for i in 1...4 {
    scenario.servers.append(
      ServerSpec(
        name: "orders-api-\(i)", pool: "orders-api", cores: 2, service: .exponential(mean: 0.0008)))
  }
  scenario.balancers.append(
    BalancerSpec(
      name: "orders-lb", strategy: .leastConnections,
      backends: (1...4).map { Backend(server: "orders-api-\($0)", weight: 1) }))
  scenario.caches = [CacheSpec(name: "sessions", ttl: 60, nodes: 3, hashing: .consistent)]
  scenario.databases = [
    DatabaseSpec(name: "orders", cores: 8, replicas: 2, reads: .eventual, shards: 4),
    DatabaseSpec(name: "catalog", cores: 8),
  ]
  scenario.traffic?.readFraction = 0.9
  scenario.traffic?.keys = .zipf(exponent: 1.1, count: 1_000_000)
  scenario.routes = [
    RouteSpec(
      name: "browse", share: 0.7, kind: .read,
      steps: [RouteStep(["lb"]), RouteStep(["sessions"]), RouteStep(["catalog"])]),
    RouteSpec(
      name: "checkout", share: 0.25, kind: .write,
      steps: [RouteStep(["lb"]), RouteStep(["orders-lb"]), RouteStep(["orders"])]),
    RouteSpec(
      name: "search", share: 0.05, kind: .read,
      steps: [RouteStep(["lb"]), RouteStep(["catalog", "orders"])]),
  ]
  scenario.network = NetworkSpec(latency: .constant(0.0002))
  return scenario
}

/// Runs `scenario` `repeats` times and prints the run of least CPU time (what the engine
/// costs when nothing else takes the core's caches; the same run, seed and result each time)
/// and, with more than one run, the median CPU time beside it.
func bench(_ label: String, _ scenario: Scenario, repeats: Int) {
  var result: RunResult?
  var runs: [(wall: Double, cpu: Double)] = []
  for _ in 0..<Swift.max(1, repeats) {
    let cpuStart = cpuSeconds()
    let wall = seconds { result = Engine.run(scenario) }
    runs.append((wall, cpuSeconds() - cpuStart))
  }
  guard let r = result, let best = runs.min(by: { $0.cpu < $1.cpu }) else { return }
  let requests = Double(r.offered)
  let rss = peakRSSMegabytes().map { String(format: "%.1f MB", $0) } ?? "n/a"
  let padded = label.padding(toLength: 52, withPad: " ", startingAt: 0)
  var line =
    padded
    + String(
      format:
        "%11.0f req  wall %6.2f s %5.2f M req/s  cpu %6.2f s %5.2f M req/s %5.2f M ev/s  mean %.3f ms  peak RSS %@",
      requests, best.wall, requests / best.wall / 1e6, best.cpu, requests / best.cpu / 1e6,
      Double(r.eventsProcessed) / best.cpu / 1e6, r.latency.mean * 1000, rss as NSString)
  if runs.count > 1 {
    let median = runs.map(\.cpu).sorted()[runs.count / 2]
    line += String(
      format: "  (least of %d; median cpu %.2f s %.2f M req/s)", runs.count, median,
      requests / median / 1e6)
  }
  print(line)
}

/// The large-pool cases: scripts, so they are exactly what a user writes (the test suite runs
/// them with 10 000 servers; these sizes belong in release mode).
let stationCases: [String: String] = [
  "pool": "server web count 100000\nbalancer lb\ntraffic 1000 rps for 1s\n",
  "down":
    "server web count 100000\nbalancer lb\nhealth-check lb every 1s timeout 1us fall 1\n"
    + "traffic 1 rps for 2s\n",
  "busy": "server web count 100000\nbalancer lb\ntraffic 100k rps for 10s\n",
]

var requests = 2_000_000
var large = false
var heap = false
var stations: String?
var repeats = 1
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
  switch argument {
  case "--requests":
    if let value = arguments.next(), let n = Int(value), n > 0 { requests = n }
  case "--large": large = true
  case "--heap": heap = true
  case "--stations": stations = arguments.next()
  case "--repeat":
    if let value = arguments.next(), let n = Int(value), n > 0 { repeats = n }
  default:
    print(
      "usage: scale-bench [--requests N] [--repeat K] [--large] [--heap] [--stations pool|down|busy]"
    )
    exit(2)
  }
}

if let name = stations {
  guard let script = stationCases[name],
    let scenario = Frontend.compile(script).scenario
  else {
    print("scale-bench: --stations takes one of \(stationCases.keys.sorted())")
    exit(2)
  }
  bench("100 000 servers: " + name, scenario, repeats: repeats)
} else if heap {
  HeapBench.run()
} else if large {
  // Alone, so the peak RSS is this model's.
  bench(
    "round-robin over 10, 10^8 requests",
    model(servers: 10, strategy: .roundRobin, requests: 100_000_000), repeats: repeats)
} else {
  print("scale-bench: \(requests) requests per model, ρ = 0.8, exponential 1 ms service")
  let models: [(String, Scenario)] = [
    ("M/M/1 (one server)", model(servers: 1, strategy: nil, requests: requests)),
    ("round-robin over 10", model(servers: 10, strategy: .roundRobin, requests: requests)),
    (
      "least-connections over 10",
      model(servers: 10, strategy: .leastConnections, requests: requests)
    ),
    ("round-robin over 100", model(servers: 100, strategy: .roundRobin, requests: requests)),
    ("round-robin over 10, timeout 10 ms", withTimeout(requests: requests)),
    ("full topology (lb, 10, cache, 2 replicas, 4 shards)", fullTopology(requests: requests)),
    ("three tiers, 3 routes (web, orders, 2 databases)", threeTier(requests: requests)),
  ]
  for (label, scenario) in models { bench(label, scenario, repeats: repeats) }
}
