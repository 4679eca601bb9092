import Foundation

/// Supplies completions: given the line up to the cursor, the candidates that replace the
/// word being completed (the text after the last word-break character).
public typealias CompletionProvider = @Sendable (_ lineBeforeCursor: String) -> [String]

/// The one completion provider the libedit callback consults. libedit's completion hook is a
/// plain C function pointer with no context argument, so the provider lives here, behind a
/// lock (there is one line editor per process).
enum CompletionRegistry {
  private static let lock = NSLock()
  nonisolated(unsafe) private static var provider: CompletionProvider?

  static func set(_ newProvider: CompletionProvider?) {
    lock.lock()
    defer { lock.unlock() }
    provider = newProvider
  }

  static func candidates(for lineBeforeCursor: String) -> [String] {
    lock.lock()
    let current = provider
    lock.unlock()
    return current?(lineBeforeCursor) ?? []
  }
}
