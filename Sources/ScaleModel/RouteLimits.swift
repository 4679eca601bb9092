extension RouteSpec {
  /// Most steps one route may have (the engine keeps a request's position in a fixed-size
  /// record; docs/language.md, "Limits").
  public static let maxSteps = 16
  /// Most steps of one route that reach servers (balancers and pools): each holds a
  /// connection slot of the caller while the request goes on.
  public static let maxServerSteps = 8
}
