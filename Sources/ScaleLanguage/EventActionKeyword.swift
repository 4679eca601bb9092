/// The word after `at TIME` (or typed alone in the REPL's step mode): the language's event
/// actions. The checker, completion and the keyword docs switch over it, so an action added
/// here without a reader, a completion and docs does not compile; docs/language.md names
/// every one (a test checks).
public enum EventActionKeyword: String, Sendable, Hashable, CaseIterable {
  case ramp, traffic, spike, fail, recover, add, remove
  case scaleUp = "scale-up"
  case set
}
