import ScaleLanguage
import Testing

@testable import ScaleREPL

let testVocabulary = CompletionVocabulary(
  keywords: [
    "seed", "duration", "server", "balancer", "health-check", "cache", "database", "shard",
    "autoscale", "traffic", "at", "expect",
  ],
  attributes: [
    "server": ["cpu", "ram", "storage", "count", "rps", "service", "max-connections", "weight"],
    "balancer": ["round-robin", "weighted", "to", "no-failover"],
    "cache": ["ttl", "nodes", "hashing"],
    "health-check": ["every", "timeout", "fall", "rise"],
  ],
  eventActions: [
    "ramp", "traffic", "spike", "fail", "recover", "add", "remove", "scale-up", "set",
  ],
  metrics: ["p50", "p99", "errors", "utilisation"],
  referencingKeywords: ["health-check", "shard", "autoscale"],
  namingKeywords: ["server"],
  referencingAttributes: ["to", "on"],
  valueChoices: ["hashing": ["modulo", "consistent", "jump"]],
  flags: ["no-failover"],
  componentNames: ["web-1", "web-2", "lb"]
)

let fakeFiles: DirectoryLister = { directory in
  switch directory {
  case ".":
    return [
      DirectoryEntry(name: "examples", isDirectory: true),
      DirectoryEntry(name: "extra.scale", isDirectory: false),
      DirectoryEntry(name: "exit.txt", isDirectory: false),
      DirectoryEntry(name: ".hidden.scale", isDirectory: false),
    ]
  case "examples/":
    return [
      DirectoryEntry(name: "shop.scale", isDirectory: false),
      DirectoryEntry(name: "shard.scale", isDirectory: false),
    ]
  default: return []
  }
}

func complete(_ line: String, insideBlock: Bool = false) -> [String] {
  Completer.candidates(
    lineBeforeCursor: line, insideBlock: insideBlock, vocabulary: testVocabulary,
    listDirectory: fakeFiles)
}

@Test(arguments: [
  ("ser", ["server"]),
  ("s", ["scale-up", "seed", "server", "set", "shard", "spike"]),
  ("server web-1 c", ["count", "cpu"]),
  ("server s", []),
  ("server web-1 cpu 4 c", ["count"]),
  ("server web-1 cpu ", []),
  ("fail ", ["lb", "web-1", "web-2"]),
  ("fail w", ["web-1", "web-2"]),
  ("fail web-2 ", ["for"]),
  ("set lb ", ["lb", "nodes", "web-1", "web-2"]),
  ("set lb web-2 ", ["weight"]),
  ("set lb web-2 weight ", []),
  (
    "at 5min ", ["add", "fail", "ramp", "recover", "remove", "scale-up", "set", "spike", "traffic"]
  ),
  ("at 5min recover w", ["web-1", "web-2"]),
  ("add server web-4 cpu 4 to ", ["lb", "web-1", "web-2"]),
  ("add ", ["server"]),
  ("balancer lb weighted to web-1, w", ["web-1", "web-2"]),
  ("balancer lb w", ["weighted"]),
  ("health-check ", ["every", "fall", "lb", "rise", "timeout", "web-1", "web-2"]),
  ("cache c hashing ", ["consistent", "jump", "modulo"]),
  ("expect ", ["errors", "lb", "p50", "p99", "utilisation", "web-1", "web-2"]),
  ("expect web-1 u", ["utilisation"]),
  ("zzz", []),
])
func completesStatements(line: String, expected: [String]) {
  #expect(complete(line) == expected)
}

@Test(arguments: [
  (".lo", [".load"]),
  (".s", [".save", ".show", ".status", ".step"]),
  (".", MetaCommand.all.map(\.name).sorted()),
  (".step ", []),
])
func completesMetaCommands(line: String, expected: [String]) {
  #expect(complete(line) == expected)
}

@Test(arguments: [
  (".load ex", ["examples/", "extra.scale"]),
  (".save ", ["examples/", "extra.scale"]),
  (".load examples/sh", ["examples/shard.scale", "examples/shop.scale"]),
  (".load .h", [".hidden.scale"]),
  (".load nowhere/x", []),
])
func completesPaths(line: String, expected: [String]) {
  #expect(complete(line) == expected)
}

@Test func completesServersInsideABlock() {
  #expect(complete("  w", insideBlock: true) == ["web-1", "web-2"])
  #expect(complete("  web-1 w", insideBlock: true) == ["weight"])
}

@Test func splitsOnTheSameCharactersAsTheLineEditor() {
  let (previous, word) = Completer.split("to web-1,web")
  #expect(previous == ["to", "web-1"])
  #expect(word == "web")
}

/// The test vocabulary with routes, zones and the statements that use them.
let routeVocabulary: CompletionVocabulary = {
  var vocabulary = testVocabulary
  vocabulary.keywords += ["route", "network", "link"]
  vocabulary.attributes["route"] = ["read", "write", "keys"]
  vocabulary.attributes["network"] = ["latency", "cross-zone"]
  vocabulary.attributes["link"] = ["latency"]
  vocabulary.attributes["cache"] = ["ttl", "nodes", "hashing", "zone", "warm"]
  vocabulary.namingKeywords.insert("route")
  vocabulary.referencingKeywords.insert("link")
  vocabulary.flags.insert("warm")
  vocabulary.routeNames = ["browse", "checkout"]
  vocabulary.zoneNames = ["a", "b"]
  return vocabulary
}()

@Test(arguments: [
  ("ro", ["route"]),
  ("route ", []),
  ("route browse 70% ", ["keys", "read", "write"]),
  ("route browse 70% read: ", ["lb", "web-1", "web-2"]),
  ("route browse 70% read: lb -> w", ["web-1", "web-2"]),
  ("route search: lb -> { ", ["lb", "web-1", "web-2"]),
  ("route search: lb -> { web-1, w", ["web-1", "web-2"]),
  ("link ", ["latency", "lb", "web-1", "web-2"]),
  ("link web-1 ", ["->"]),
  ("link web-1 -> ", ["lb", "web-1", "web-2"]),
  ("link web-1 -> lb ", ["latency"]),
  ("network ", ["cross-zone", "latency"]),
  ("cache c warm ", ["hashing", "nodes", "ttl", "zone"]),
  ("expect ", ["errors", "lb", "p50", "p99", "route", "utilisation", "web-1", "web-2"]),
  ("expect route ", ["browse", "checkout"]),
  ("expect route c", ["checkout"]),
  ("expect route browse p", ["p50", "p99"]),
  ("fail ", ["lb", "web-1", "web-2", "zone"]),
  ("fail zone ", ["a", "b"]),
  ("at 3min recover zone ", ["a", "b"]),
  ("fail zone a ", ["for"]),
])
func routeCompletion(line: String, expected: [String]) {
  let candidates = Completer.candidates(
    lineBeforeCursor: line, insideBlock: false, vocabulary: routeVocabulary,
    listDirectory: fakeFiles)
  #expect(candidates == expected, "\(line)")
}

@Test func noZoneOrRouteWordsWithoutThem() {
  // Without zones or routes, `fail` and `expect` offer what they did before.
  #expect(complete("fail ") == ["lb", "web-1", "web-2"])
  #expect(!complete("expect ").contains("route"))
}
