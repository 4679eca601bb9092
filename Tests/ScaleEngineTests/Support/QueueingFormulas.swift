import Foundation

/// Closed forms from queueing theory (semantics-notes §10) to check the simulator against.
enum QueueingFormulas {
  /// Erlang C: probability an arrival waits in M/M/c with offered load a = λ/μ, via the Erlang B
  /// recursion B(k) = a·B(k−1)/(k + a·B(k−1)), C = c·B/(c − a(1 − B)).
  static func erlangC(servers c: Int, load a: Double) -> Double {
    var b = 1.0
    for k in 1...c { b = a * b / (Double(k) + a * b) }
    return Double(c) * b / (Double(c) - a * (1 - b))
  }

  /// M/M/c mean wait in queue.
  static func mmcWait(servers c: Int, lambda: Double, mu: Double) -> Double {
    erlangC(servers: c, load: lambda / mu) / (Double(c) * mu - lambda)
  }

  /// M/M/1/K blocking probability (K places in the system).
  static func mm1kBlocking(rho: Double, capacity k: Int) -> Double {
    (1 - rho) * pow(rho, Double(k)) / (1 - pow(rho, Double(k + 1)))
  }
}
