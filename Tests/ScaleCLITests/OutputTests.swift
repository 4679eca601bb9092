import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Output that must reach its reader: every format with replications, invalid scripts in
/// JUnit, closed and full streams, `--out` before standard output (issue 10, items 13–16).
@Suite struct OutputTests {
  let dir: URL

  init() throws {
    dir = try CLIHarness.temporaryDirectory()
  }

  func write(_ name: String, _ text: String) throws -> String {
    let url = dir.appendingPathComponent(name)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
  }

  static let good = CLITests.good

  /// `scale ARGS` run by /bin/sh with `redirections` (`>&-`, `> /dev/full`, `<&-`) applied.
  func shell(_ arguments: [String], redirections: String) throws -> CLIResult {
    guard let binary = CLIHarness.binary else { throw HarnessError.binaryMissing }
    let quoted = ([binary.path] + arguments).map { "'" + $0 + "'" }.joined(separator: " ")
    return try CLIHarness.run(
      [], in: dir, executable: URL(fileURLWithPath: "/bin/sh"),
      prefix: ["-c", "exec " + quoted + " " + redirections])
  }

  // MARK: 13. --replications with every format and --out

  @Test func replicationsWriteJSON() throws {
    let path = try write("rep.scale", Self.good)
    let r = try CLIHarness.run(["run", "--replications", "3", "--format", "json", path])
    #expect(r.status == 0, "\(r.stderr)")
    let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
    #expect(json?["schema"] as? String == "scale.replications/v1")
    #expect(json?["replications"] as? Int == 3)
    let verdicts = json?["verdicts"] as? [[String: Any]]
    #expect(verdicts?.count == 2)
    let interval = verdicts?.first?["interval"] as? [String: Any]
    #expect(interval?["low"] is Double && interval?["high"] is Double)
  }

  @Test func replicationsWriteJUnitAndCSVAndOut() throws {
    let path = try write("rep.scale", Self.good + "expect p99 < 1ms\n")
    let junit = try CLIHarness.run(["run", "--replications", "3", "--format", "junit", path])
    #expect(junit.status == 1)
    let document = try XMLDocument(data: Data(junit.stdout.utf8))
    #expect(try document.nodes(forXPath: "//testcase").count == 3)
    #expect(try document.nodes(forXPath: "//failure").count == 1)
    #expect(junit.stdout.contains("CI "), "the failure message carries the interval")

    let csv = try CLIHarness.run(["run", "--replications", "3", "--format", "csv", path])
    let lines = csv.stdout.split(separator: "\n")
    #expect(lines.count == 4)
    #expect(lines.first?.hasPrefix("replication,seed,") == true)

    let out = dir.appendingPathComponent("out").path
    let files = try CLIHarness.run(["run", "--replications", "3", "--out", out, path])
    #expect(files.status == 1)
    for suffix in [".txt", ".json", ".junit.xml", ".replications.csv"] {
      #expect(FileManager.default.fileExists(atPath: out + "/rep" + suffix), "rep\(suffix)")
    }
  }

  @Test func replicationIntervalsUseTheReportsUnits() throws {
    let path = try write("units.scale", Self.good)
    let r = try CLIHarness.run(["run", "--replications", "4", path])
    #expect(r.status == 0)
    // p99 of a few ms: the interval is in ms with the digits to tell its ends apart.
    let line = r.stdout.split(separator: "\n").first { $0.contains("expect p99") } ?? ""
    #expect(line.contains("ms, "), "\(line)")
    #expect(!line.contains("[0.00"), "\(line)")
  }

  // MARK: 14. an invalid script in JUnit

  @Test func invalidScriptIsAJUnitError() throws {
    let good = try write("good.scale", Self.good)
    let bad = try write("bad.scale", "servr web cpu 2\n")
    let r = try CLIHarness.run(["run", "--format", "junit", good, bad])
    #expect(r.status == 2)
    let document = try XMLDocument(data: Data(r.stdout.utf8))
    #expect(try document.nodes(forXPath: "//testsuite").count == 2)
    let errors = try document.nodes(forXPath: "//testsuite[@name='\(bad)']/testcase/error")
    #expect(errors.count == 1)
    #expect(errors.first?.stringValue?.contains("unknown statement") == true)
    let root = try document.nodes(forXPath: "/testsuites").first as? XMLElement
    #expect(root?.attribute(forName: "errors")?.stringValue == "1")
  }

  // MARK: 15. closed and full streams

  @Test func fullStandardOutputExits4() throws {
    let path = try write("full.scale", Self.good)
    let r = try shell(["run", path], redirections: "> /dev/full")
    #expect(!r.uncaughtSignal)
    #expect(r.status == 4)
    #expect(r.stderr.contains("cannot write to standard output"))
  }

  @Test func closedStandardOutputExits4() throws {
    let path = try write("closed.scale", Self.good)
    let r = try shell(["run", path], redirections: ">&-")
    #expect(!r.uncaughtSignal)
    #expect(r.status == 4)
  }

  @Test func closedStandardInputExits4() throws {
    let r = try shell(["check", "-"], redirections: "<&-")
    #expect(!r.uncaughtSignal)
    #expect(r.status == 4)
    #expect(r.stderr.contains("standard input is closed"))
  }

  @Test func readerThatLeavesIsExit4NotASignal() throws {
    let path = try write("pipe.scale", Self.good)
    guard let binary = CLIHarness.binary else { throw HarnessError.binaryMissing }
    // `true` reads nothing and exits: scale's writes meet EPIPE (SIGPIPE is ignored).
    let r = try CLIHarness.run(
      [], in: dir, executable: URL(fileURLWithPath: "/bin/sh"),
      prefix: ["-c", "'\(binary.path)' run --format json '\(path)' | true; exit 0"])
    #expect(r.status == 0)
    #expect(!r.stderr.contains("Trace/breakpoint"))
  }

  // MARK: 16. --out before standard output; unique names; stdin

  @Test func outIsWrittenEvenWhenTheReaderStopsEarly() throws {
    let path = try write("early.scale", Self.good)
    guard let binary = CLIHarness.binary else { throw HarnessError.binaryMissing }
    let out = dir.appendingPathComponent("early-out").path
    let r = try CLIHarness.run(
      [], in: dir, executable: URL(fileURLWithPath: "/bin/sh"),
      prefix: ["-c", "'\(binary.path)' run --out '\(out)' '\(path)' | head -c 10 > /dev/null"])
    #expect(r.status == 0)
    for suffix in [".txt", ".json", ".junit.xml", ".timeseries.csv", ".components.csv"] {
      #expect(FileManager.default.fileExists(atPath: out + "/early" + suffix), "early\(suffix)")
    }
  }

  @Test func sameBaseNamesDoNotOverwriteAndStdinIsNamed() throws {
    let first = try write("a/shop.scale", Self.good)
    let second = try write(
      "b/shop.scale", Self.good.replacingOccurrences(of: "seed 7", with: "seed 8"))
    let out = dir.appendingPathComponent("names").path
    let r = try CLIHarness.run(["run", "--out", out, first, second, "-"], stdin: Self.good)
    #expect(r.status == 0, "\(r.stderr)")
    let names = Set((try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [])
    #expect(names.contains("shop.json"))
    #expect(names.contains("shop-2.json"))
    #expect(names.contains("stdin.json"))
    #expect(!names.contains { $0.contains("<") })
    let one = try String(contentsOfFile: out + "/shop.json", encoding: .utf8)
    let two = try String(contentsOfFile: out + "/shop-2.json", encoding: .utf8)
    #expect(one.contains("\"seed\": 7") && two.contains("\"seed\": 8"))
  }
}
