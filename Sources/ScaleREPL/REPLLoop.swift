/// The read–handle–print loop, the same for a terminal and a pipe.
public enum REPLLoop {
  /// Reads lines from `source` until `.quit` or the end of input. `write` gets text for
  /// standard output (`isError` false) or standard error; `entered` sees every line read
  /// (for history). Ctrl-C drops a half-entered block and reads on.
  public static func run<Source: LineSource>(
    _ repl: REPLSession, source: inout Source, write: (String, _ isError: Bool) -> Void,
    entered: (String) -> Void = { _ in }
  ) {
    while true {
      switch source.read(prompt: repl.prompt) {
      case .end:
        let reply = repl.finish()
        if !reply.errors.isEmpty { write(reply.errors, true) }
        return
      case .interrupted:
        repl.interrupt()
      case .line(let line):
        entered(line)
        let reply = repl.handle(line)
        if !reply.output.isEmpty { write(reply.output, false) }
        if !reply.errors.isEmpty { write(reply.errors, true) }
        if reply.quit { return }
      }
    }
  }
}
