import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// End-to-end: run the built `scale` binary and check stdout, stderr and the exit code.
@Suite struct CLITests {
  let dir: URL

  init() throws {
    dir = try CLIHarness.temporaryDirectory()
  }

  func write(_ name: String, _ text: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let good = """
    seed 7
    server web count 2 cpu 2
    balancer lb round-robin
    traffic 1000 rps for 20s
    expect p99 < 1s
    expect errors < 1%

    """

  @Test func helpListsEverySubcommand() throws {
    let r = try CLIHarness.run(["--help"])
    #expect(r.status == 0)
    for name in ["run", "check", "fmt", "graph", "analyze", "sweep", "capacity", "merge", "repl"] {
      #expect(r.stdout.contains("  \(name)"), "help lists \(name)")
    }
  }

  @Test func checkCleanFile() throws {
    let path = try write("good.scale", Self.good)
    let r = try CLIHarness.run(["check", path])
    #expect(r.status == 0)
    #expect(!r.stderr.contains("error"))
  }

  @Test func checkInvalidFileShowsCaretAndExits2() throws {
    let path = try write("bad.scale", "server web-1 cpu 4\nservr web-2 cpu 4\n")
    let r = try CLIHarness.run(["check", path])
    #expect(r.status == 2)
    #expect(r.stderr.contains("bad.scale:2:1: error"))
    #expect(r.stderr.contains("servr web-2 cpu 4"))
    #expect(r.stderr.contains("^^^^^"))
    #expect(r.stderr.contains("server"), "did-you-mean suggestion")
  }

  @Test func checkJSONForEditors() throws {
    let path = try write("bad.scale", "server web-1 cpu 0\n")
    let r = try CLIHarness.run(["check", "--format", "json", path])
    #expect(r.status == 2)
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]]
    #expect(json?.count == 1)
    #expect(json?.first?["line"] as? Int == 1)
    #expect((json?.first?["id"] as? String)?.hasPrefix("E") == true)
  }

  @Test func missingFileExits4() throws {
    let r = try CLIHarness.run(["check", dir.appendingPathComponent("nope.scale").path])
    #expect(r.status == 4)
    #expect(r.stderr.contains("no such file"))
  }

  @Test func unknownOptionExits64() throws {
    let r = try CLIHarness.run(["run", "--frobnicate", "x.scale"])
    #expect(r.status == 64)
  }

  @Test func garbageNeverCrashes() throws {
    var bytes = [UInt8]()
    var x: UInt64 = 0x1234_5678
    for _ in 0..<50_000 {
      x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      bytes.append(UInt8(truncatingIfNeeded: x >> 56))
    }
    let url = dir.appendingPathComponent("garbage.scale")
    try Data(bytes).write(to: url)
    for command in ["check", "fmt", "run"] {
      let r = try CLIHarness.run([command, url.path] + (command == "fmt" ? ["--check"] : []))
      #expect(r.status == 2, "\(command) exits 2 on garbage, got \(r.status)")
    }
  }

  @Test func formatCheckShowsDiffThenFormatFixes() throws {
    let path = try write("messy.scale", "server   web-1 cpu 4\n\n\n\nbalancer  weighted   # lb\n")
    let check = try CLIHarness.run(["fmt", "--check", path])
    #expect(check.status == 1)
    #expect(check.stdout.contains("-server   web-1 cpu 4"))
    #expect(check.stdout.contains("+server web-1 cpu 4"))
    let fix = try CLIHarness.run(["fmt", path])
    #expect(fix.status == 0)
    let again = try CLIHarness.run(["fmt", "--check", path])
    #expect(again.status == 0)
    #expect(again.stdout.isEmpty)
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("# lb"))
  }

  @Test func formatStandardInput() throws {
    let r = try CLIHarness.run(["fmt", "-"], stdin: "server  web-1   cpu 4")
    #expect(r.status == 0)
    #expect(r.stdout == "server web-1 cpu 4\n")
  }

  @Test func runReportsAndPasses() throws {
    let path = try write("good.scale", Self.good)
    let r = try CLIHarness.run(["run", path])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains("p99"))
    #expect(r.stdout.contains("web-1"))
  }

  @Test func failedExpectExits1WithMeasuredValue() throws {
    let path = try write("slow.scale", "server web-1\ntraffic 900 rps for 20s\nexpect p99 < 1ms\n")
    let r = try CLIHarness.run(["run", path])
    #expect(r.status == 1)
    #expect(r.stdout.contains("p99 < 1ms"))
  }

  @Test func invalidScriptExits2OnRun() throws {
    let path = try write("bad.scale", "traffic 10 rps\nexpect nope p99 < 1s\n")
    let r = try CLIHarness.run(["run", path])
    #expect(r.status == 2)
    #expect(r.stdout.isEmpty)
  }

  @Test func sameSeedSameBytes() throws {
    let path = try write("good.scale", Self.good)
    let a = try CLIHarness.run(["run", "--format", "json", path])
    let b = try CLIHarness.run(["run", "--format", "json", path])
    #expect(a.status == 0)
    #expect(a.stdout == b.stdout)
    let c = try CLIHarness.run(["run", "--format", "json", "--seed", "8", path])
    #expect(c.stdout != a.stdout)
  }

  @Test func jsonHasTheVersionedSchema() throws {
    let path = try write("good.scale", Self.good)
    let r = try CLIHarness.run(["run", "--format", "json", path])
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(json?["schema"] as? String == "scale.run/v1")
  }

  @Test func junitParsesWithOneCasePerExpect() throws {
    let path = try write(
      "mixed.scale", "server web-1\ntraffic 500 rps for 10s\nexpect p99 < 10s\nexpect p50 < 1us\n")
    let r = try CLIHarness.run(["run", "--format", "junit", path])
    #expect(r.status == 1)
    let doc = try XMLDocumentProbe(r.stdout)
    #expect(doc.count(of: "testcase") == 2)
    #expect(doc.count(of: "failure") == 1)
  }

  @Test func outDirectoryGetsEveryFormat() throws {
    let path = try write("good.scale", Self.good)
    let out = dir.appendingPathComponent("out").path
    let r = try CLIHarness.run(["run", "--out", out, path])
    #expect(r.status == 0)
    for suffix in [".txt", ".json", ".junit.xml", ".timeseries.csv", ".components.csv", ".html"] {
      #expect(FileManager.default.fileExists(atPath: out + "/good" + suffix), "\(suffix)")
    }
  }

  @Test func htmlFormats() throws {
    let path = try write("good.scale", Self.good)
    let run = try CLIHarness.run(["run", "--format", "html", path])
    #expect(run.status == 0)
    #expect(run.stdout.hasPrefix("<!DOCTYPE html>"))
    #expect(run.stdout.contains("id=\"chart-latency\""))
    let sweep = try CLIHarness.run([
      "sweep", path, "--vary", "rps=100..200", "--step", "100", "--format", "html",
    ])
    #expect(sweep.status == 0)
    #expect(sweep.stdout.contains("id=\"chart-sweep-latency\""))
    let capacity = try CLIHarness.run([
      "capacity", path, "--vary", "rps=100..200", "--step", "100", "--format", "html",
    ])
    #expect(capacity.stdout.contains("data-kind=\"answer\"") || capacity.status == 1)
  }

  @Test func graphFormats() throws {
    let path = try write("good.scale", Self.good)
    let dot = try CLIHarness.run(["graph", "--format", "dot", path])
    #expect(dot.status == 0)
    #expect(dot.stdout.contains("digraph"))
    let mermaid = try CLIHarness.run(["graph", "--format", "mermaid", path])
    #expect(mermaid.stdout.contains("flowchart"))
    let text = try CLIHarness.run(["graph", path])
    #expect(text.stdout.contains("web-2"))
  }

  @Test func replicationsDecideWithConfidence() throws {
    let path = try write(
      "reps.scale", "seed 5\nserver web-1 cpu 2\ntraffic 1000 rps for 10s\nexpect p99 < 1s\n")
    let pass = try CLIHarness.run(["run", "--replications", "4", path])
    #expect(pass.status == 0, "stderr: \(pass.stderr)")
    #expect(pass.stdout.contains("4 replications"))
    #expect(pass.stdout.contains("95% CI"))
    let again = try CLIHarness.run(["run", "--replications", "4", path])
    #expect(again.stdout == pass.stdout)
    let failing = try write(
      "reps-fail.scale", "seed 5\nserver web-1 cpu 2\ntraffic 1000 rps for 10s\nexpect p50 < 1us\n")
    let fail = try CLIHarness.run(["run", "--replications", "3", failing])
    #expect(fail.status == 1)
    #expect(fail.stdout.contains("FAIL"))
    let bad = try CLIHarness.run(["run", "--replications", "0", path])
    #expect(bad.status == 64)
  }

  @Test func noProgressBarWhenStderrIsNotATerminal() throws {
    let path = try write("sweep.scale", Self.good)
    let r = try CLIHarness.run(["sweep", path, "--vary", "servers=1..2"])
    #expect(r.status == 0)
    #expect(!r.stderr.contains("points"))
    #expect(!r.stderr.contains("█"))
  }

  /// M/M/c: one server with c cores (one shared queue), λ = 3500 rps, μ = 1000 rps per
  /// core. Erlang C gives mean sojourn 1.252 ms at c = 5 and 1.071 ms at c = 6, so the
  /// fewest cores for `mean < 1.15ms` is 6.
  @Test func capacitySearchFindsTheErlangCAnswer() throws {
    let path = try write(
      "mmc.scale",
      "seed 3\nserver db cpu 4\ntraffic 3500 rps for 1min\nwarmup 5s\nexpect mean < 1.15ms\n")
    let r = try CLIHarness.run(["capacity", path, "--vary", "cpu=4..8"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(r.stdout.contains("smallest cpu meeting every expect: 6"))
  }

  @Test func shardedSweepMergesToTheUnshardedTable() throws {
    let path = try write("sweep.scale", Self.good)
    let whole = try CLIHarness.run(["sweep", path, "--vary", "servers=1..4", "--format", "csv"])
    #expect(whole.status == 0)
    let again = try CLIHarness.run(["sweep", path, "--vary", "servers=1..4", "--format", "csv"])
    #expect(again.stdout == whole.stdout)
    var parts: [String] = []
    for i in 1...3 {
      let r = try CLIHarness.run([
        "sweep", path, "--vary", "servers=1..4", "--format", "csv", "--shard", "\(i)/3",
      ])
      parts.append(try write("part\(i).csv", r.stdout))
    }
    let k8s = try CLIHarness.run(
      ["sweep", path, "--vary", "servers=1..4", "--format", "csv", "--shard", "env/3"],
      environment: ["JOB_COMPLETION_INDEX": "0"])
    #expect(k8s.stdout == (try String(contentsOfFile: parts[0], encoding: .utf8)))
    let merged = try CLIHarness.run(["merge"] + parts)
    #expect(merged.status == 0)
    #expect(merged.stdout == whole.stdout)
  }
}

/// Counts elements of an XML document with Foundation's parser (fails on malformed XML).
final class XMLDocumentProbe: NSObject, XMLParserDelegate {
  private var counts: [String: Int] = [:]

  init(_ text: String) throws {
    super.init()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = self
    guard parser.parse() else { throw HarnessError.binaryMissing }
  }

  func count(of element: String) -> Int { counts[element, default: 0] }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
    qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]
  ) {
    counts[elementName, default: 0] += 1
  }
}
