import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#endif

/// Ctrl-C during a run: the first SIGINT sets a flag the engine checks between events, so
/// the run stops cleanly and the partial report is printed; a second SIGINT exits at once.
enum StopSignal {
  static let requested = Atomic<Bool>(false)

  static var isRequested: Bool { requested.load(ordering: .relaxed) }

  static func install() {
    requested.store(false, ordering: .relaxed)
    signal(SIGINT) { _ in
      if StopSignal.requested.exchange(true, ordering: .relaxed) {
        _exit(130)
      }
    }
  }

  static func uninstall() {
    signal(SIGINT, SIG_DFL)
  }
}
