/// The first word of every statement: the language's statement keywords. The schema
/// (`StatementSchema.spec(_:)`), the checker's dispatch, the keyword docs and completion all
/// switch over this enum or read `allCases`, so a keyword added here without a schema entry,
/// a handler and its docs does not compile. docs/language.md names every one (a test checks).
public enum StatementKeyword: String, Sendable, Hashable, CaseIterable {
  case seed, duration, warmup, server, balancer
  case healthCheck = "health-check"
  case cache, database, shard, autoscale, queue
  case circuitBreaker = "circuit-breaker"
  case retry
  case rateLimit = "rate-limit"
  case traffic, route, network, link, at, expect

  /// What the first word after the keyword is.
  public enum FirstWord: Sendable, Equatable {
    /// The new component's name (`server web-1`): nothing to complete there.
    case newName
    /// An existing component (`health-check lb`, `shard orders`, `autoscale web`).
    case reference
    /// Anything else (a value, an attribute, an optional name).
    case other
  }

  /// What the first word after this keyword is.
  public var firstWord: FirstWord {
    switch self {
    case .server, .database, .queue, .circuitBreaker, .rateLimit, .route: return .newName
    case .healthCheck, .shard, .autoscale, .link: return .reference
    case .seed, .duration, .warmup, .balancer, .cache, .retry, .traffic, .network, .at, .expect:
      return .other
    }
  }

  /// Whether the statement declares a component.
  public var declaresComponent: Bool {
    switch self {
    case .server, .balancer, .cache, .database, .queue, .circuitBreaker, .rateLimit: return true
    case .seed, .duration, .warmup, .healthCheck, .shard, .autoscale, .retry, .traffic, .route,
      .network, .link, .at, .expect:
      return false
    }
  }

  /// The name a declared component gets when the script gives none (nil: the name is
  /// derived, as `TARGET-breaker`, or required; or the statement declares nothing).
  public var defaultName: String? {
    switch self {
    case .balancer: return "lb"
    case .cache: return "cache"
    case .database: return "db"
    case .queue: return "queue"
    case .rateLimit: return "rate-limit"
    case .server, .circuitBreaker, .seed, .duration, .warmup, .healthCheck, .shard, .autoscale,
      .retry, .traffic, .route, .network, .link, .at, .expect:
      return nil
    }
  }
}
