/// A one-line progress bar for standard error on a terminal, redrawn in place.
enum ProgressBar {
  static let width = 30

  static func line(_ share: Double, label: String) -> String {
    let clamped = min(1, max(0, share))
    let filled = Int((clamped * Double(width)).rounded(.down))
    let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    let percent = Int((clamped * 100).rounded(.down))
    return "\r\(bar) \(percent)% \(label)"
  }

  /// Erases the bar's line.
  static let clear = "\r\u{1B}[2K"

  /// A progress callback for sweeps, drawing "points done of total" on a terminal only.
  static func forPoints(label: String) -> (@Sendable (Int, Int) -> Void)? {
    guard Terminal.stderrIsTerminal else { return nil }
    return { done, total in
      Terminal.err(
        line(Double(done) / Double(max(1, total)), label: "\(label) (\(done)/\(total) points)"))
    }
  }
}
