import Foundation
import ScaleKit
import ScaleModel
import ScaleReport
import Testing

/// The charts the lessons tell students to look at exist and show what the lesson says.
@Suite struct LessonChartsTests {
  static func result(_ name: String) throws -> RunResult {
    try #require(try ExampleFiles.run("examples", name).result)
  }

  /// Lesson 10: the hit rate is near 100 % before the node joins at 60 s and drops right after.
  @Test func hitRateDropsWhenANodeJoins() throws {
    let r = try LessonChartsTests.result("10-distributed-cache.scale")
    let before = try #require(r.intervals.last { $0.end <= 60 }?.hitRate["cache"])
    let after = try #require(r.intervals.first { $0.start >= 60 }?.hitRate["cache"])
    #expect(before > 0.95)
    #expect(after < 0.6)
  }

  /// Lesson 15: the `jobs` backlog ramps up to about 1000 and drains.
  @Test func queueLengthOfAMessageQueue() throws {
    let r = try LessonChartsTests.result("15-async-queues.scale")
    let jobs = r.intervals.map { $0.queueLength["jobs"] ?? 0 }
    let peak = try #require(jobs.max())
    #expect(peak > 700 && peak < 1300)
    #expect((jobs.last ?? 0) < peak)
    #expect(r.intervals.allSatisfy { $0.utilisation["jobs"] != nil })
  }

  /// Lesson 11: a stale-read share per interval for the database with replicas.
  @Test func staleReadsPerInterval() throws {
    let r = try LessonChartsTests.result("11-read-replicas.scale")
    let name = try #require(r.components.first { $0.kind == .database }?.name)
    let series = r.intervals.compactMap { $0.staleReads[name] }
    #expect(series.count == r.intervals.count)
    #expect(series.contains { $0 > 0 })
  }

  /// Lesson 17: the errors by cause add up to the errors of every interval.
  @Test func errorCausesAddUp() throws {
    let r = try LessonChartsTests.result("17-timeouts-and-retries.scale")
    #expect(r.intervals.allSatisfy { $0.errorCauses.total == $0.errors })
    #expect(r.intervals.contains { $0.errorCauses.timedOut > 0 })
  }

  /// The HTML report of the lessons holds the chart each one points at.
  @Test(arguments: [
    ("10-distributed-cache.scale", "chart-hit-rate"),
    ("15-async-queues.scale", "chart-queue-length"),
    ("13-auto-scaling.scale", "chart-servers"),
    ("11-read-replicas.scale", "chart-stale-reads"),
  ])
  func lessonHTMLHasItsChart(_ name: String, _ chart: String) throws {
    let script = try ExampleFiles.file("examples", name)
    let outcome = Runner.run(source: script.source, fileName: script.name)
    let result = try #require(outcome.result)
    let scenario = try #require(outcome.scenario)
    let html = HTMLReport.render(result, scenario: scenario, fileName: name)
    #expect(html.contains("id=\"\(chart)\""), "\(name)")
  }
}
