import ScaleModel

/// A run of a scenario that can be advanced step by step (the REPL) or to the end (the CLI).
/// Not thread-safe: use it from one thread.
public final class Simulation {
  var core: SimulationCore
  /// True once a `shouldStop` check stopped a run.
  public private(set) var wasStopped = false

  public init(scenario: Scenario) {
    core = SimulationCore(scenario: scenario)
  }

  /// The scenario being run.
  public var scenario: Scenario { core.scenario }
  /// Simulated time now, in seconds.
  public var now: Double { core.now }
  /// Whether simulated time reached the scenario's duration.
  public var isFinished: Bool { core.isFinished }
  /// Length of one interval of the time series, in seconds.
  public var intervalLength: Double { core.client.intervalLength }

  /// Advances to `time` (clamped to the duration). `shouldStop` is asked every 4096 events;
  /// when it says true the run stops where it is.
  public func run(until time: Double, shouldStop: () -> Bool = { false }) {
    if !core.run(until: time, shouldStop: shouldStop) { wasStopped = true }
  }

  /// Advances to the end of the scenario (or until `shouldStop` says stop).
  public func runToEnd(shouldStop: () -> Bool = { false }) {
    run(until: core.duration, shouldStop: shouldStop)
  }

  /// Applies an action now (as a scripted event at the current time would).
  public func apply(_ action: EventAction) {
    core.apply(action)
  }

  /// The state now.
  public func snapshot() -> SimulationSnapshot {
    core.snapshot()
  }

  /// The figures so far, with verdicts on the scenario's expectations.
  public func result(interrupted: Bool = false) -> RunResult {
    core.result(interrupted: interrupted)
  }
}

/// One-call runs.
public enum Engine {
  /// Runs a scenario to its end (or until `shouldStop`, then `interrupted` is set).
  public static func run(_ scenario: Scenario, shouldStop: () -> Bool = { false }) -> RunResult {
    let simulation = Simulation(scenario: scenario)
    simulation.runToEnd(shouldStop: shouldStop)
    return simulation.result(interrupted: simulation.wasStopped)
  }
}
