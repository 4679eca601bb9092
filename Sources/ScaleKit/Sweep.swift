import Dispatch
import Foundation
import ScaleEngine
import ScaleModel
import Synchronization

/// One point of a sweep: the parameter's value and the figures that matter for capacity.
public struct SweepRow: Sendable, Equatable {
  public var index: Int
  public var value: Double
  /// Every `expect` held.
  public var passed: Bool
  public var offered: Int
  public var completed: Int
  public var throughput: Double
  public var errorRate: Double
  public var p50: Double
  public var p99: Double
  /// Highest utilisation of any component, and which.
  public var maxUtilisation: Double
  public var bottleneck: String

  public init(index: Int, value: Double, result: RunResult) {
    self.index = index
    self.value = value
    self.passed = result.verdicts.allSatisfy { $0.outcome == .pass }
    self.offered = result.offered
    self.completed = result.completed
    self.throughput = result.throughput
    self.errorRate = result.errorRate
    self.p50 = result.latency.p50
    self.p99 = result.latency.p99
    let busiest = result.components.max {
      ($0.utilisation, $1.name) < ($1.utilisation, $0.name)
    }
    self.maxUtilisation = busiest?.utilisation ?? 0
    self.bottleneck = busiest?.name ?? ""
  }

  init(
    index: Int, value: Double, passed: Bool, offered: Int, completed: Int, throughput: Double,
    errorRate: Double, p50: Double, p99: Double, maxUtilisation: Double, bottleneck: String
  ) {
    self.index = index
    self.value = value
    self.passed = passed
    self.offered = offered
    self.completed = completed
    self.throughput = throughput
    self.errorRate = errorRate
    self.p50 = p50
    self.p99 = p99
    self.maxUtilisation = maxUtilisation
    self.bottleneck = bottleneck
  }
}

/// Runs a scenario at every value of a parameter, on every core, in a deterministic order.
public enum Sweep {
  /// The rows of the points this shard owns (all of them without a shard), by index.
  /// Each point runs with the scenario's own seed, so a row never depends on which
  /// process or thread ran it. `progress`, when given, is called (from any thread, one call
  /// at a time) with the points done and the total after each point.
  public static func run(
    _ scenario: Scenario, range: SweepRange, shard: SweepShard? = nil,
    shouldStop: @escaping @Sendable () -> Bool = { false },
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(SweepParameter.ApplyError) -> [SweepRow] {
    var jobs: [(index: Int, value: Double, scenario: Scenario)] = []
    for (index, value) in range.values.enumerated() where shard?.owns(point: index) ?? true {
      jobs.append((index, value, try range.parameter.apply(value, to: scenario)))
    }
    let rows = Mutex<[SweepRow?]>(Array(repeating: nil, count: jobs.count))
    let work = jobs
    // The longest points first (by requests offered: rate × duration), so the last ones to
    // start are short and the cores finish together: in the order of the range, a sweep over
    // the rate ends with its longest point alone on one core (4 points on 2 cores: 1.64×
    // instead of 1.9×). Rows are kept by index, so the order changes no output.
    let order = work.indices.sorted { a, b in
      let (x, y) = (expectedRequests(work[a].scenario), expectedRequests(work[b].scenario))
      return x != y ? x > y : a < b
    }
    DispatchQueue.concurrentPerform(iterations: work.count) { k in
      let i = order[k]
      let job = work[i]
      let result = Engine.run(job.scenario, shouldStop: shouldStop)
      let row = SweepRow(index: job.index, value: job.value, result: result)
      rows.withLock { rows in
        rows[i] = row
        progress?(rows.count { $0 != nil }, rows.count)
      }
    }
    return rows.withLock { $0.compactMap { $0 } }
  }

  /// A point's expected cost, for the order points start in: the requests its traffic
  /// offers at the base rate over the run (0 without traffic).
  static func expectedRequests(_ scenario: Scenario) -> Double {
    let requests = (scenario.traffic?.rate ?? 0) * scenario.duration
    return requests.isFinite ? requests : 0
  }

  /// The smallest value at which every `expect` holds, scanning the whole range in
  /// parallel; nil when none does. Also returns every row, so a table can show why.
  public static func capacity(
    _ scenario: Scenario, range: SweepRange,
    shouldStop: @escaping @Sendable () -> Bool = { false },
    progress: (@Sendable (Int, Int) -> Void)? = nil
  ) throws(SweepParameter.ApplyError) -> (answer: Double?, rows: [SweepRow]) {
    let rows = try run(scenario, range: range, shouldStop: shouldStop, progress: progress)
    return (rows.first { $0.passed }?.value, rows)
  }

  public static let csvHeader =
    "index,parameter,value,passed,offered,completed,throughput_rps,error_rate,p50_s,p99_s,max_utilisation,bottleneck"

  /// RFC 4180 CSV, one row per point; `merge` accepts shards of it.
  public static func csv(_ rows: [SweepRow], parameter: SweepParameter) -> String {
    var text = csvHeader + "\n"
    for row in rows.sorted(by: { $0.index < $1.index }) {
      let fields: [String] = [
        String(row.index), parameter.rawValue, number(row.value), row.passed ? "true" : "false",
        String(row.offered), String(row.completed), number(row.throughput),
        number(row.errorRate), number(row.p50), number(row.p99), number(row.maxUtilisation),
        quoted(row.bottleneck),
      ]
      text += fields.joined(separator: ",") + "\n"
    }
    return text
  }

  public enum MergeError: Error, Equatable, CustomStringConvertible {
    case headerMismatch(Int)
    case conflictingRows(Int)
    public var description: String {
      switch self {
      case .headerMismatch(let n): return "input \(n + 1) is not a `scale sweep` CSV"
      case .conflictingRows(let index): return "two inputs disagree on point \(index)"
      }
    }
  }

  /// Merges shard CSVs into one table, sorted by point index. Identical rows from two
  /// inputs are kept once; differing rows for one point are an error.
  public static func merge(_ inputs: [String]) throws(MergeError) -> String {
    var rows: [Int: String] = [:]
    for (n, input) in inputs.enumerated() {
      let lines = input.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      guard lines.first == csvHeader else { throw .headerMismatch(n) }
      for line in lines.dropFirst() {
        guard let index = line.split(separator: ",", maxSplits: 1).first.flatMap({ Int($0) })
        else { throw .headerMismatch(n) }
        if let existing = rows[index], existing != line { throw .conflictingRows(index) }
        rows[index] = line
      }
    }
    return csvHeader + "\n"
      + rows.keys.sorted().compactMap { rows[$0] }.map { $0 + "\n" }.joined()
  }

  /// A readable table of the rows.
  public static func table(_ rows: [SweepRow], parameter: SweepParameter) -> String {
    let lines = tableCells(rows, parameter: parameter)
    var widths = [Int](repeating: 0, count: lines.first?.count ?? 0)
    for line in lines {
      for (i, cell) in line.enumerated() { widths[i] = max(widths[i], cell.count) }
    }
    return lines.map { line in
      line.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - cell.count)
        return i == 0 || i == line.count - 1 ? cell + pad : pad + cell
      }.joined(separator: "  ").trimmingTrailingSpaces()
    }.joined(separator: "\n") + "\n"
  }

  /// The table's header and rows, by point (the text and HTML tables).
  static func tableCells(_ rows: [SweepRow], parameter: SweepParameter) -> [[String]] {
    let header = [parameter.rawValue, "expects", "throughput", "errors", "p50", "p99", "busiest"]
    var lines: [[String]] = [header]
    for row in rows.sorted(by: { $0.index < $1.index }) {
      lines.append([
        number(row.value), row.passed ? "pass" : "FAIL",
        format1(row.throughput) + " rps", percent(row.errorRate),
        Format.duration(row.p50, .millisecondsOneDecimal),
        Format.duration(row.p99, .millisecondsOneDecimal),
        row.bottleneck.isEmpty ? "-" : "\(row.bottleneck) \(percent(row.maxUtilisation))",
      ])
    }
    return lines
  }

  /// A value as the tables print it: integers without a fraction.
  public static func number(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
    return String(value)
  }
  static func format1(_ value: Double) -> String {
    let tenths = (value * 10).rounded()
    guard tenths.isFinite, abs(tenths) < 1e15 else { return String(value) }
    let n = Int(tenths)
    return "\(n / 10).\(abs(n % 10))"
  }
  static func percent(_ share: Double) -> String { format1(share * 100) + "%" }
  static func quoted(_ field: String) -> String {
    guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) else { return field }
    return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}

extension String {
  fileprivate func trimmingTrailingSpaces() -> String {
    var s = self
    while s.last == " " { s.removeLast() }
    return s
  }
}
