import ScaleModel

/// A script run several times with independent seeds (`scale run --replications N`): the
/// runs, the key metrics' means with confidence intervals, and each `expect` decided by
/// its interval. Built by ScaleKit (which owns the statistics), rendered here.
public struct ReplicatedRun: Sendable {
  /// A metric's mean over the replications and the half-width of its 95% interval.
  public struct Estimate: Sendable {
    public var name: String
    public var unit: MetricUnit
    public var mean: Double
    public var halfWidth: Double
    public init(name: String, unit: MetricUnit, mean: Double, halfWidth: Double) {
      self.name = name
      self.unit = unit
      self.mean = mean
      self.halfWidth = halfWidth
    }
  }

  public var fileName: String
  public var results: [RunResult]
  public var estimates: [Estimate]
  public var verdicts: [Verdict]
  public var interrupted: Bool

  public init(
    fileName: String, results: [RunResult], estimates: [Estimate], verdicts: [Verdict],
    interrupted: Bool
  ) {
    self.fileName = fileName
    self.results = results
    self.estimates = estimates
    self.verdicts = verdicts
    self.interrupted = interrupted
  }
}

/// The machine formats of a replicated run (docs/report-formats.md, "Replications").
public enum ReplicationDocuments {
  /// The schema identifier written as the first key of the JSON document.
  public static let schema = "scale.replications/v1"

  /// JSON: the file, the number of replications, each replication's seed and headline
  /// figures, the estimates (`mean`, `halfWidth` in base units) and the verdicts (as in
  /// `scale.run/v1`, with their `interval`). Ends in a newline.
  public static func json(_ run: ReplicatedRun) -> String {
    document(run).serialized() + "\n"
  }

  /// Several runs' documents: one object, or an array of them.
  public static func json(_ runs: [ReplicatedRun]) -> String {
    let documents = runs.map(document)
    return (documents.count == 1 ? documents[0] : .array(documents)).serialized() + "\n"
  }

  static func document(_ run: ReplicatedRun) -> JSONValue {
    let passed = run.verdicts.filter { $0.outcome == .pass }.count
    let failed = run.verdicts.filter { $0.outcome == .fail }.count
    return .object([
      ("schema", .string(schema)),
      ("file", .string(run.fileName)),
      ("replications", .int(run.results.count)),
      ("interrupted", .bool(run.interrupted)),
      (
        "runs",
        .array(
          run.results.map { r in
            .object([
              ("seed", .uint(r.seed)), ("offered", .int(r.offered)),
              ("completed", .int(r.completed)), ("throughput", .double(r.throughput)),
              ("errorRate", .double(r.errorRate)), ("p50", .double(r.latency.p50)),
              ("p99", .double(r.latency.p99)),
            ])
          })
      ),
      (
        "estimates",
        .object(
          run.estimates.map { e in
            (
              e.name,
              .object([
                ("unit", .string(e.unit.rawValue)), ("mean", .double(e.mean)),
                ("halfWidth", .double(e.halfWidth)), ("confidence", .double(0.95)),
              ])
            )
          })
      ),
      ("verdicts", .array(run.verdicts.map(JSONReport.verdict))),
      (
        "expectations",
        .object([
          ("total", .int(run.verdicts.count)), ("passed", .int(passed)),
          ("failed", .int(failed)),
          ("inconclusive", .int(run.verdicts.count - passed - failed)),
        ])
      ),
    ])
  }

  /// CSV, one row per replication: `replication,seed,offered,completed,throughput,
  /// error_rate,p50,p99`, then the measured value of each `expect` (headed by its statement).
  public static func csv(_ run: ReplicatedRun) -> String {
    var rows = [
      ["replication", "seed", "offered", "completed", "throughput", "error_rate", "p50", "p99"]
        + run.verdicts.map { VerdictText.statement($0.expectation) }
    ]
    for (index, r) in run.results.enumerated() {
      var row = [
        String(index + 1), String(r.seed), String(r.offered), String(r.completed),
        CSVReport.number(r.throughput), CSVReport.number(r.errorRate),
        CSVReport.number(r.latency.p50), CSVReport.number(r.latency.p99),
      ]
      for i in run.verdicts.indices {
        row.append(i < r.verdicts.count ? (r.verdicts[i].measured.map(CSVReport.number) ?? "") : "")
      }
      rows.append(row)
    }
    return CSVReport.table(rows)
  }

  /// The JUnit suite: one test case per `expect`, decided by its interval.
  public static func junitSuite(_ run: ReplicatedRun) -> JUnitReport.Suite {
    JUnitReport.Suite(
      name: run.fileName, verdicts: run.verdicts,
      time: run.results.reduce(0) { $0 + ($1.duration.isFinite ? $1.duration : 0) },
      note: run.interrupted ? "interrupted: \(run.results.count) replications finished" : nil)
  }
}
