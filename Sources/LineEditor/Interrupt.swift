import CLibEdit

/// Ctrl-C (SIGINT) as a flag rather than a process kill: while the REPL runs, the signal only
/// sets a flag (an async-signal-safe C handler installed without `SA_RESTART`), so a blocked
/// read returns at once and a long simulation step can stop between events. The flag is one
/// weak C global (shim.h), shared with the line editor's character reader.
public enum Interrupt {
  /// Installs the handler. Returns false if `sigaction` failed.
  @discardableResult
  public static func install() -> Bool {
    scale_install_sigint_handler() == 0
  }

  /// Puts back the default action (Ctrl-C kills the process).
  public static func restoreDefault() {
    _ = scale_restore_sigint_default()
  }

  /// Whether Ctrl-C was pressed and not yet taken. Safe to poll often.
  public static var isPending: Bool { scale_sigint_pending() != 0 }

  /// Whether Ctrl-C was pressed since the last call; clears the flag.
  public static func take() -> Bool { scale_take_sigint() != 0 }
}
