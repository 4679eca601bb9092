import ScaleEngine
import ScaleModel
import ScaleReport

/// `.status` and what a step prints: time, offered rate, client totals, a line per component
/// (utilisation, busy cores, queue, health) and the recent events.
public enum StatusText {
  /// With `since` (the state when the last step began), utilisation is over that step, so a
  /// change made between steps shows at once; without it, since the start of the run.
  public static func render(_ snapshot: SimulationSnapshot, since start: SimulationSnapshot? = nil)
    -> String
  {
    var lines: [String] = []
    lines.append(
      "t = \(Format.duration(snapshot.time)) of \(Format.duration(snapshot.duration))  ·  offered \(number(snapshot.rate)) rps"
        + "  ·  in flight \(snapshot.inFlight)")
    lines.append(
      "requests: \(snapshot.offered) offered, \(snapshot.completed) completed, "
        + "\(snapshot.errors.total) errors"
        + (snapshot.errors.total > 0 ? " (\(errorBreakdown(snapshot.errors)))" : ""))
    if !snapshot.components.isEmpty {
      let nameWidth = max(9, snapshot.components.map(\.name.count).max() ?? 0)
      lines.append("")
      let from = start.map { $0.time < snapshot.time ? $0.time : 0 } ?? 0
      lines.append(
        pad("component", nameWidth) + "  " + pad("kind", 10) + "  util    busy   queue  health"
          + (from > 0 ? "   (util since \(Format.duration(from)))" : ""))
      for component in snapshot.components {
        let busy = component.cores > 0 ? "\(component.busy)/\(component.cores)" : "-"
        lines.append(
          pad(component.name, nameWidth) + "  " + pad(component.kind.rawValue, 10) + "  "
            + pad(percent(utilisation(component, in: snapshot, since: start)), 6) + "  "
            + pad(busy, 5) + "  "
            + pad(String(component.queueLength), 5) + "  " + health(component))
      }
    }
    if !snapshot.recentEvents.isEmpty {
      lines.append("")
      lines.append("recent events:")
      for event in snapshot.recentEvents.suffix(5) {
        lines.append(
          "  \(Format.duration(event.time))  \(event.kind.rawValue) \(event.component): \(event.detail)"
        )
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// A component's busy share between `start` and `snapshot`: busy core-seconds over
  /// provisioned core-seconds in between, the same figure `scale run` reports (exact for a
  /// server added or resized during the session; 0…1). A component absent at `start` counts
  /// from zero; one without core-seconds (a cache, a breaker) keeps its cumulative share.
  static func utilisation(
    _ component: ComponentSnapshot, in snapshot: SimulationSnapshot,
    since start: SimulationSnapshot?
  ) -> Double {
    guard let start, start.time > 0, snapshot.time > start.time, component.coreSeconds > 0
    else { return component.utilisation }
    let before = start.components.first { $0.name == component.name }
    let cores = component.coreSeconds - (before?.coreSeconds ?? 0)
    let busy = component.busyCoreSeconds - (before?.busyCoreSeconds ?? 0)
    guard cores > 0 else { return 0 }
    return min(max(busy / cores, 0), 1)
  }

  static func health(_ component: ComponentSnapshot) -> String {
    if component.failed { return "failed" }
    if component.markedDown { return "marked down" }
    return component.healthy ? "up" : "down"
  }

  static func errorBreakdown(_ errors: ErrorCounts) -> String {
    var parts: [String] = []
    if errors.rejected > 0 { parts.append("\(errors.rejected) rejected") }
    if errors.timedOut > 0 { parts.append("\(errors.timedOut) timed out") }
    if errors.unavailable > 0 { parts.append("\(errors.unavailable) unavailable") }
    if errors.breakerOpen > 0 { parts.append("\(errors.breakerOpen) breaker open") }
    return parts.joined(separator: ", ")
  }

  static func pad(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  /// `12.3%`.
  static func percent(_ fraction: Double) -> String {
    guard fraction.isFinite else { return "-" }
    let tenths = Int((min(max(fraction, 0), 10) * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }

  /// `2000`, `1234.5`.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "-" }
    let clamped = min(max(value, -1e15), 1e15)
    if clamped == clamped.rounded() { return String(Int(clamped)) }
    let tenths = Int((clamped * 10).rounded())
    return "\(tenths / 10).\(abs(tenths % 10))"
  }

}
