import ScaleModel

/// An autoscaler and its group.
struct AutoscalerState {
  var policy: AutoscalerPolicy
  /// The pool name new servers take (`<pool>-<n>`).
  var pool: String
  /// The balancer new servers join (nil: the entry balancer).
  var balancer: String?
  /// Servers of the group (indices into the station table), oldest first.
  var members: [Int]
  /// Servers added but still warming up: (name, ready time).
  var warming: [(name: String, readyAt: Double)] = []
  /// Busy and core areas at the last check, per member server index.
  var lastAreas: [Int: StationAreas] = [:]
  var nextNumber: Int
  var template: ServerSpec
}
