import ScaleKit
import Testing

@Test func explicitShardIsOneBased() throws {
  let shard = try SweepShard(parsing: "2/4", environment: [:])
  #expect(shard == SweepShard(index: 1, count: 4))
  #expect(shard.owns(point: 1) && shard.owns(point: 5) && !shard.owns(point: 0))
}

@Test(arguments: ["0/4", "5/4", "x/4", "1/0", "1", "1/2/3", "env/x"])
func malformedShardsAreRejected(_ text: String) {
  #expect(throws: SweepShard.ParseError.self) {
    try SweepShard(parsing: text, environment: [:])
  }
}

@Test func kubernetesIndexedJob() throws {
  let shard = try SweepShard(parsing: "env/8", environment: ["JOB_COMPLETION_INDEX": "3"])
  #expect(shard == SweepShard(index: 3, count: 8))
}

@Test func slurmJobArrayWithOffsetAndCount() throws {
  let env = [
    "SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "1", "SLURM_ARRAY_TASK_COUNT": "6",
  ]
  #expect(try SweepShard(parsing: "env", environment: env) == SweepShard(index: 4, count: 6))
}

@Test func environmentWithoutIndexOrCount() {
  #expect(throws: SweepShard.ParseError.noIndexInEnvironment) {
    try SweepShard(parsing: "env/4", environment: [:])
  }
  #expect(throws: SweepShard.ParseError.noCount) {
    try SweepShard(parsing: "env", environment: ["JOB_COMPLETION_INDEX": "0"])
  }
}

@Test func shardsPartitionThePoints() throws {
  let shards = try (1...3).map { try SweepShard(parsing: "\($0)/3", environment: [:]) }
  for point in 0..<30 {
    #expect(shards.filter { $0.owns(point: point) }.count == 1)
  }
}
