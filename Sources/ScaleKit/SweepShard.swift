/// Which share of a sweep's points this process runs: point k (0-based) belongs to shard
/// `k mod count`. Shards' CSV outputs merge (`scale sweep --merge`) into exactly the
/// unsharded table.
public struct SweepShard: Sendable, Equatable {
  /// 0-based.
  public var index: Int
  public var count: Int

  public init(index: Int, count: Int) {
    self.index = index
    self.count = count
  }

  public enum ParseError: Error, Equatable, CustomStringConvertible {
    case malformed(String)
    case noIndexInEnvironment
    case noCount
    public var description: String {
      switch self {
      case .malformed(let text):
        return "`\(text)` is not `I/N` with 1 ≤ I ≤ N (e.g. `--shard 2/8`) or `env[/N]`"
      case .noIndexInEnvironment:
        return "`--shard env` needs JOB_COMPLETION_INDEX (Kubernetes indexed Job) "
          + "or SLURM_ARRAY_TASK_ID (Slurm job array) in the environment"
      case .noCount:
        return "`--shard env` needs the shard count: `--shard env/N` "
          + "(Slurm's SLURM_ARRAY_TASK_COUNT is used when set)"
      }
    }
  }

  /// `I/N` (1-based I), or `env` / `env/N`: the index from the batch system —
  /// Kubernetes indexed Jobs set JOB_COMPLETION_INDEX (0-based); Slurm job arrays set
  /// SLURM_ARRAY_TASK_ID (offset by SLURM_ARRAY_TASK_MIN) and SLURM_ARRAY_TASK_COUNT.
  public init(parsing text: String, environment: [String: String]) throws(ParseError) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 1 || parts.count == 2 else { throw .malformed(text) }
    if parts[0] == "env" {
      var count = parts.count == 2 ? Int(parts[1]) : nil
      if parts.count == 2 && count == nil { throw .malformed(text) }
      let index: Int
      if let k8s = environment["JOB_COMPLETION_INDEX"].flatMap({ Int($0) }) {
        index = k8s
      } else if let task = environment["SLURM_ARRAY_TASK_ID"].flatMap({ Int($0) }) {
        let minimum = environment["SLURM_ARRAY_TASK_MIN"].flatMap { Int($0) } ?? 0
        index = task - minimum
        if count == nil { count = environment["SLURM_ARRAY_TASK_COUNT"].flatMap { Int($0) } }
      } else {
        throw .noIndexInEnvironment
      }
      guard let count else { throw .noCount }
      guard count >= 1, index >= 0, index < count else { throw .malformed(text) }
      self.init(index: index, count: count)
    } else {
      guard parts.count == 2, let i = Int(parts[0]), let n = Int(parts[1]), n >= 1, i >= 1, i <= n
      else { throw .malformed(text) }
      self.init(index: i - 1, count: n)
    }
  }

  public func owns(point: Int) -> Bool { point % count == index }
}
