/// Which availability zones are dark (`fail zone a [for D]`) and until when. Read only when a
/// component joins the run or a zone event fires, never per request.
struct ZoneOutages {
  /// Per zone that has been failed: until when it is dark (∞: until `recover zone`; a time
  /// not after now: it is not dark), and an epoch bumped by every fail and recover, so the
  /// end of an earlier outage does not end a later one.
  private(set) var names: [String] = []
  private(set) var darkUntil: [Double] = []
  private(set) var epochs: [UInt32] = []
  private var index: [String: Int] = [:]

  /// The zone's index, made on first use.
  mutating func zone(_ name: String) -> Int {
    if let z = index[name] { return z }
    index[name] = names.count
    names.append(name)
    darkUntil.append(-Double.infinity)
    epochs.append(0)
    return names.count - 1
  }

  /// The zone goes dark from `now` for `duration` (nil: until recovered). Returns its epoch.
  mutating func fail(_ name: String, now: Double, for duration: Double?) -> (
    zone: Int, epoch: UInt32
  ) {
    let z = zone(name)
    epochs[z] &+= 1
    if let d = duration, d.isFinite, d >= 0 {
      darkUntil[z] = now + d
    } else {
      darkUntil[z] = .infinity
    }
    return (z, epochs[z])
  }

  /// The zone is light again.
  mutating func recover(_ name: String) {
    let z = zone(name)
    epochs[z] &+= 1
    darkUntil[z] = -Double.infinity
  }

  /// The timed end of outage `epoch` of zone `z`: true when it is still that outage.
  mutating func end(zone z: Int, epoch: UInt32) -> Bool {
    guard z >= 0, z < epochs.count, epochs[z] == epoch else { return false }
    darkUntil[z] = -Double.infinity
    return true
  }

  /// How long `zone` stays dark from `now`: nil when it is not dark, ∞ until recovered.
  func remaining(_ zone: String?, now: Double) -> Double? {
    guard let zone, let z = index[zone], darkUntil[z] > now else { return nil }
    return darkUntil[z] - now
  }
}
