import Foundation
import ScaleDiagnostics
import ScaleKit
import ScaleModel
import Testing

/// The bundled lessons (`examples/*.scale`) and exercises (`examples/exercises/*.scale`), found
/// from this file's path so the test needs no resources and picks up new scripts by itself.
enum ExampleFiles {
  /// The repository root: this file is `<root>/Tests/ScaleKitTests/ExamplesTests.swift`.
  static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// Names of the `.scale` files in a folder under the root, sorted.
  static func scripts(in folder: String) -> [String] {
    let directory = root.appendingPathComponent(folder)
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
    return names.filter { $0.hasSuffix(".scale") }.sorted()
  }

  static let examples = scripts(in: "examples")
  static let exercises = scripts(in: "examples/exercises")

  static func file(_ folder: String, _ name: String) throws -> ScriptFile {
    let url = root.appendingPathComponent(folder).appendingPathComponent(name)
    let source = try String(contentsOf: url, encoding: .utf8)
    return ScriptFile(name: folder + "/" + name, source: source)
  }

  /// Checks and runs one script through the path the CLI uses.
  static func run(_ folder: String, _ name: String) throws -> RunOutcome {
    let script = try file(folder, name)
    return Runner.run(source: script.source, fileName: script.name)
  }

  /// `line: id message` for each diagnostic, for readable failures.
  static func describe(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.range.start.line): \($0.id) \($0.message)" }
  }

  /// `fail p99 < 50ms (measured 0.12)` for each verdict, for readable failures.
  static func describe(_ verdicts: [Verdict]) -> [String] {
    verdicts.map { verdict in
      let measured = verdict.measured.map { String($0) } ?? "nothing"
      return "\(verdict.outcome.rawValue) \(verdict.expectation.text) (measured \(measured))"
    }
  }
}

@Suite struct ExamplesTests {
  /// Every concept of the seed has its lesson (1–20), the graph lessons follow (21–24), and
  /// there are real exercises.
  @Test func everyLessonIsThere() {
    let numbered = Set(ExampleFiles.examples.compactMap { Int($0.prefix(2)) })
    #expect(numbered == Set(1...24))
    #expect(ExampleFiles.examples.contains("shop.scale"))
    #expect((4...6).contains(ExampleFiles.exercises.count))
  }

  /// A lesson checks without a single diagnostic (a warning would distract the student),
  /// runs, and every one of its `expect`s holds.
  @Test(arguments: ExampleFiles.examples)
  func lessonRunsAndEveryExpectHolds(_ name: String) throws {
    let outcome = try ExampleFiles.run("examples", name)
    #expect(ExampleFiles.describe(outcome.diagnostics) == [], "\(name)")
    let result = try #require(outcome.result, "\(name) did not run")
    #expect(!result.verdicts.isEmpty, "\(name) has no expect")
    let failing = result.verdicts.filter { $0.outcome != .pass }
    #expect(ExampleFiles.describe(failing) == [], "\(name)")
    #expect(outcome.exitStatus == .success, "\(name)")
  }

  /// The figures quoted in the lessons' comments are reproducible: a script's `seed` fixes
  /// the run (checked on the cheaper lessons).
  @Test(arguments: ["15-async-queues.scale", "17-timeouts-and-retries.scale"])
  func lessonIsDeterministic(_ name: String) throws {
    let first = try #require(try ExampleFiles.run("examples", name).result)
    let second = try #require(try ExampleFiles.run("examples", name).result)
    #expect(first == second)
  }

  /// Lessons and exercises are in the canonical layout, so `scale fmt --check examples` holds
  /// and students copy the house style.
  @Test(
    arguments: ExampleFiles.examples.map { ("examples", $0) }
      + ExampleFiles.exercises.map { ("examples/exercises", $0) })
  func scriptIsFormatted(_ folder: String, _ name: String) throws {
    let outcome = Runner.format(try ExampleFiles.file(folder, name))
    #expect(outcome.isFormatted, "\(folder)/\(name): run `scale fmt` on it")
  }

  /// An exercise checks without errors (warnings are hints and allowed), runs, and at least
  /// one `expect` fails — otherwise there is nothing for the student to fix.
  @Test(arguments: ExampleFiles.exercises)
  func exerciseRunsAndSomeExpectFails(_ name: String) throws {
    let outcome = try ExampleFiles.run("examples/exercises", name)
    let errors = outcome.diagnostics.filter { $0.severity == .error }
    #expect(ExampleFiles.describe(errors) == [], "\(name)")
    let result = try #require(outcome.result, "\(name) did not run")
    #expect(
      result.verdicts.contains { $0.outcome == .fail },
      "\(name): \(ExampleFiles.describe(result.verdicts))")
    #expect(outcome.exitStatus == .expectationFailed, "\(name)")
  }
}
