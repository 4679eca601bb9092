/// One call of a request to a database, in flight: the default path's database stage, a
/// route's database step, or one database branch of a fan-out. All three go through the same
/// code (`startDatabaseCall`, `databaseCallAnswered`): the breaker that guards the database,
/// the key's shard (or every shard, for a scatter read), the primary or — for an eventual
/// read — a replica, and the breaker's record when the call ends.
///
/// A request holds at most `DataTierState.callStride` calls at once (1, or the widest fan-out
/// of the scenario's routes), kept flat in `DataTierState.calls` from `slot × callStride`, so
/// a call costs no allocation.
struct DatabaseCall {
  var database: Int32 = -1
  /// The breaker that admitted the call, −1 when none (or its outcome is already recorded).
  var breaker: Int32 = -1
  /// When the call reached the database (its stations' sojourn starts here; a fan-out's
  /// branches start at different times, each after its own hop).
  var started: Double = 0
  /// Station answers still awaited: 1, or every shard of a scatter read.
  var remaining: Int32 = 0
  /// A station it waited on failed: the call fails once every answer is in (all or nothing).
  var failed = false
}
