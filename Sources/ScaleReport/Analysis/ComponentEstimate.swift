import ScaleModel

/// What queueing theory predicts for one station of a scenario in steady state.
public struct ComponentEstimate: Sendable, Equatable {
  /// The component's name (a simulated `ComponentStats` of the same name is compared).
  public var name: String
  /// Server, pool, queue, database, replica or rate limit.
  public var kind: ComponentKind
  /// What the row stands for when not the whole component (`per shard`, `each`), else "".
  public var role: String
  /// Kendall notation of the model used (`M/M/4`, `M/G/1`, `D/G/2`), or `token bucket`.
  public var model: String
  /// Requests per second reaching it; nil when it cannot be computed from the script alone
  /// (e.g. a database behind a cache whose hit rate is unknown).
  public var arrivalRate: Double?
  /// Parallel servers (cores, workers).
  public var servers: Int
  /// Mean service time per request per server, after contention.
  public var meanService: Double
  /// Squared coefficient of variation of the service time.
  public var serviceSCV: Double
  /// ρ = λ·E[S]/c (for a rate limit: λ / rate).
  public var utilisation: Double?
  /// Erlang C: probability an arrival waits (exponential service only).
  public var waitProbability: Double?
  /// Mean wait in queue Wq; nil when saturated or not computable.
  public var meanWait: Double?
  /// Mean time in system W = Wq + E[S].
  public var meanResponse: Double?
  /// 99th percentile of the time in system (M/M/c only, where it is exact).
  public var p99Response: Double?
  /// Mean number present, L = λW (Little's law).
  public var meanInSystem: Double?
  /// Notes for the reader: assumptions, what is left out.
  public var notes: [String]

  /// An estimate; the figures left out are not computed.
  public init(
    name: String, kind: ComponentKind, role: String = "", model: String,
    arrivalRate: Double?, servers: Int, meanService: Double, serviceSCV: Double,
    utilisation: Double? = nil, waitProbability: Double? = nil, meanWait: Double? = nil,
    meanResponse: Double? = nil, p99Response: Double? = nil, meanInSystem: Double? = nil,
    notes: [String] = []
  ) {
    self.name = name
    self.kind = kind
    self.role = role
    self.model = model
    self.arrivalRate = arrivalRate
    self.servers = servers
    self.meanService = meanService
    self.serviceSCV = serviceSCV
    self.utilisation = utilisation
    self.waitProbability = waitProbability
    self.meanWait = meanWait
    self.meanResponse = meanResponse
    self.p99Response = p99Response
    self.meanInSystem = meanInSystem
    self.notes = notes
  }

  /// ρ ≥ 1: the queue grows without bound (until a connection limit rejects).
  public var saturated: Bool { (utilisation ?? 0) >= 1 }

  /// A queueing station (not a rate limit, nor a pool: its servers are the stations),
  /// eligible to be the bottleneck.
  public var isStation: Bool { kind != .rateLimit && kind != .pool }
}
