/// The process exit codes of `scale`, one per outcome, documented in docs/cli.md.
/// The core never exits; the CLI maps outcomes to these codes in one place.
public enum ExitStatus: Int32, Sendable, Equatable, CaseIterable {
  /// Everything held: the script is valid, every `expect` passed, the file is formatted.
  case success = 0
  /// The script ran but an `expect` failed (or `fmt --check` found unformatted files).
  case expectationFailed = 1
  /// The script is invalid: diagnostics with errors were printed.
  case invalidInput = 2
  /// With replications: an `expect` could not be decided at the asked confidence.
  case inconclusive = 3
  /// A file could not be read or written.
  case ioError = 4
  /// The command line itself was wrong (swift-argument-parser's validation code).
  case usage = 64
  /// Interrupted by SIGINT (Ctrl-C); the partial report was printed. 128 + SIGINT.
  case interrupted = 130

  /// Several files' outcomes combined: the most severe wins (interrupted, usage, I/O,
  /// invalid input, inconclusive, failed expectation, success).
  public static func combined(_ statuses: [ExitStatus]) -> ExitStatus {
    let order: [ExitStatus] = [
      .interrupted, .usage, .ioError, .invalidInput, .inconclusive, .expectationFailed,
    ]
    for status in order where statuses.contains(status) { return status }
    return .success
  }
}
