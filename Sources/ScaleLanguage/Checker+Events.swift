import ScaleDiagnostics
import ScaleModel

/// Reading `at TIME ACTION …`.
extension CheckSession {
  /// What `fail` and `recover` work on (what the engine can take down): a database's shard
  /// primaries and replicas too, by their station names (`orders/replica-1`).
  /// A pool stands for all its members (`fail web` fails web-1…web-N).
  static let failable: [NameKind] = [.server, .pool, .database, .shard, .replica]

  mutating func readEvent(_ statement: Statement, _ reader: inout WordReader) {
    guard case .number? = reader.peek?.kind else {
      reader.report(
        .missingRequired, "`at` needs a time", at: reader.peek?.range ?? statement.keywordRange,
        help: "for example `at 5min fail web-2`")
      return
    }
    let timeRange = reader.peek?.range ?? statement.keywordRange
    let time = reader.readDuration(name: "at", allowsZero: true, example: "at 5min fail web-2")
    guard let actionWord = reader.advance() else {
      reader.report(
        .missingRequired, "`at` needs an action after the time", at: reader.endRange,
        help: "one of " + WordReader.list(StatementSchema.eventActions.map { "`\($0)`" }))
      return
    }
    guard let action = actionWord.identifier.flatMap(EventActionKeyword.init(rawValue:)) else {
      let text = WordReader.text(actionWord)
      reader.report(
        .unknownChoice, "unknown event `\(text)`", at: actionWord.range,
        help: Suggestions.didYouMean(text, among: StatementSchema.eventActions)
          ?? "use " + WordReader.list(StatementSchema.eventActions.map { "`\($0)`" }))
      return
    }
    var references: [Reference] = []
    var changesTraffic = false
    var eventAction: EventAction?
    // `fail zone a`, `recover zone a`: every component in the zone.
    var zone: NameRef?
    if action == .fail || action == .recover, reader.peekIdentifier == "zone",
      let zoneWord = reader.peek(at: 1), let zoneName = zoneWord.identifier, zoneName != "for"
    {
      reader.advance()
      reader.advance()
      zone = NameRef(name: zoneName, range: zoneWord.range)
      var length: Double?
      var ok = true
      if action == .fail, reader.accept("for") != nil {
        length = reader.readDuration(name: "for", allowsZero: false, example: "for 30s")
        ok = length != nil
      }
      Self.rejectRest(
        &reader,
        help: action == .fail ? "write `at 3min fail zone \(zoneName) for 1min`" : "remove it")
      if ok {
        eventAction =
          action == .fail
          ? .failZone(zone: zoneName, duration: length) : .recoverZone(zone: zoneName)
      }
    }
    // Every action has its reader: an action added without one does not compile.
    switch zone == nil ? action : nil {
    case nil: break
    case .ramp?, .spike?, .traffic?:
      changesTraffic = true
      if action != .traffic { _ = reader.accept("traffic") }
      _ = reader.accept("to")
      let rate = reader.readRate(
        name: action.rawValue, example: "at 2min \(action.rawValue) traffic to 8000 rps")
      switch action {
      case .ramp:
        let over = Self.requiredDuration(
          &reader, word: "over", name: "ramp", example: "at 2min ramp traffic to 8000 rps over 2min"
        )
        if let rate, let over { eventAction = .ramp(rps: rate, duration: over) }
      case .spike:
        let length = Self.requiredDuration(
          &reader, word: "for", name: "spike",
          example: "at 6min spike traffic to 10000 rps for 30s")
        if let rate, let length { eventAction = .spike(rps: rate, duration: length) }
      case .traffic, .fail, .recover, .add, .remove, .scaleUp, .set:
        if let rate { eventAction = .setRate(rps: rate) }
      }
      Self.rejectRest(&reader, help: "remove it")
    case .fail?:
      guard
        let target = Self.readTarget(
          &reader, action: "fail", message: "`fail` needs a component",
          example: "at 5min fail web-2", help: "for example `at 5min fail web-2`",
          at: actionWord.range)
      else { break }
      references.append(Reference(ref: target, kinds: Self.failable, role: "fail"))
      var length: Double?
      var ok = true
      if reader.accept("for") != nil {
        length = reader.readDuration(name: "for", allowsZero: false, example: "for 30s")
        ok = length != nil
      }
      Self.rejectRest(&reader, help: "write `at 5min fail \(target.name) for 30s`")
      if ok { eventAction = .fail(component: target.name, duration: length) }
    case .recover?, .remove?:
      guard
        let target = Self.readTarget(
          &reader, action: action.rawValue, message: "`\(action.rawValue)` needs a component",
          example: "at 6min \(action.rawValue) web-2",
          help: "for example `at 6min \(action.rawValue) web-2`", at: actionWord.range)
      else { break }
      Self.rejectRest(&reader, help: "remove it")
      if action == .recover {
        references.append(Reference(ref: target, kinds: Self.failable, role: "recover"))
        eventAction = .recover(component: target.name)
      } else {
        references.append(Reference(ref: target, kinds: [.server], role: "remove"))
        eventAction = .removeServer(name: target.name)
      }
    case .add?:
      eventAction = readAddServer(actionWord: actionWord, &reader, references: &references)
    case .scaleUp?:
      guard
        let target = Self.readTarget(
          &reader, action: "scale-up", message: "`scale-up` needs a server or database",
          example: "at 9min scale-up db-1 cpu 8", help: "for example `at 9min scale-up db-1 cpu 8`",
          at: actionWord.range)
      else { break }
      var attributes = Attributes()
      let reported = reader.diagnostics.count
      reader.readAttributes(StatementSchema.scaleUpAttributes, into: &attributes)
      references.append(Reference(ref: target, kinds: [.server, .database], role: "scale up"))
      let cores = attributes.count("cpu")
      let ram = attributes.gigabytes("ram")
      let storage = attributes.gigabytes("storage")
      if cores == nil, ram == nil, storage == nil {
        if reader.diagnostics.count == reported {
          reader.report(
            .missingRequired, "`scale-up` needs new `cpu`, `ram` or `storage`",
            at: actionWord.range, help: "for example `at 9min scale-up \(target.name) cpu 8`")
        }
        break
      }
      eventAction = .scaleUp(
        component: target.name, cores: cores, ramGB: ram, storageGB: storage,
        downtime: attributes.seconds("downtime") ?? 0)
    case .set?:
      guard
        let target = Self.readTarget(
          &reader, action: "set", message: "`set` needs a cache or a balancer",
          example: "at 3min set sessions nodes 4",
          help: "for example `at 3min set sessions nodes 4` or `at 5min set lb web-4 weight 5`",
          at: actionWord.range)
      else { break }
      // `set lb web-4 weight 5`; a near miss of `nodes` stays a cache's (unknown) attribute.
      if let word = reader.peek, let server = word.identifier,
        !StatementSchema.setAttributes.contains(where: { $0.name == server }),
        reader.peek(at: 1)?.identifier == "weight"
          || Suggestions.closest(to: server, among: StatementSchema.setAttributes.map(\.name))
            == nil
      {
        eventAction = Self.readSetWeight(
          balancer: target, server: NameRef(name: server, range: word.range),
          actionWord: actionWord, &reader, references: &references)
        break
      }
      var attributes = Attributes()
      let reported = reader.diagnostics.count
      reader.readAttributes(StatementSchema.setAttributes, into: &attributes)
      references.append(Reference(ref: target, kinds: [.cache], role: "set nodes of"))
      guard let nodes = attributes.count("nodes") else {
        if reader.diagnostics.count == reported {
          reader.report(
            .missingRequired, "`set` needs `nodes N`", at: actionWord.range,
            help: "for example `at 3min set \(target.name) nodes 4`")
        }
        break
      }
      eventAction = .setCacheNodes(cache: target.name, nodes: nodes)
    }
    guard let time, let eventAction else { return }
    events.append(
      EventDecl(
        event: TimedEvent(time: time, action: eventAction, line: statement.keywordRange.start.line),
        timeRange: timeRange, references: references, changesTraffic: changesTraffic,
        actionRange: actionWord.range, zone: zone))
  }

  /// `set BALANCER SERVER weight N` (the reader stands on SERVER): a backend's new weight.
  static func readSetWeight(
    balancer: NameRef, server: NameRef, actionWord: Word, _ reader: inout WordReader,
    references: inout [Reference]
  ) -> EventAction? {
    reader.advance()
    var attributes = Attributes()
    let reported = reader.diagnostics.count
    reader.readAttributes(StatementSchema.backendAttributes, into: &attributes)
    references.append(Reference(ref: balancer, kinds: [.balancer], role: "set a weight on"))
    references.append(Reference(ref: server, kinds: [.server], role: "set the weight of"))
    guard let weight = attributes.count("weight") else {
      if reader.diagnostics.count == reported {
        reader.report(
          .missingRequired, "`set \(balancer.name) \(server.name)` needs `weight N`",
          at: actionWord.range,
          help: "for example `at 5min set \(balancer.name) \(server.name) weight 5`")
      }
      return nil
    }
    return .setWeight(balancer: balancer.name, server: server.name, weight: weight)
  }

  /// The component an action works on: missing at the end of the line, or not a name.
  static func readTarget(
    _ reader: inout WordReader, action: String, message: String, example: String, help: String,
    at range: SourceRange
  ) -> NameRef? {
    guard !reader.atEnd else {
      reader.report(.missingRequired, message, at: range, help: help)
      return nil
    }
    return reader.readName(name: action, example: example)
  }

  /// `WORD duration`, both required.
  static func requiredDuration(
    _ reader: inout WordReader, word: String, name: String, example: String
  ) -> Double? {
    guard reader.accept(word) != nil else {
      reader.report(
        .missingRequired, "`\(name)` needs `\(word)` and a duration",
        at: reader.peek?.range ?? reader.endRange, help: "for example `\(example)`")
      return nil
    }
    return reader.readDuration(name: word, allowsZero: false, example: example)
  }

  /// `add server NAME [server attributes] [pool POOL] [to BALANCER]`: without `pool`, the
  /// server joins a pool by `PoolJoining`'s rule, written into the event when lowering.
  mutating func readAddServer(
    actionWord: Word, _ reader: inout WordReader, references: inout [Reference]
  ) -> EventAction? {
    let example = "at 7min add server web-4 cpu 4 to lb"
    guard reader.accept("server") != nil else {
      reader.report(
        .missingRequired, "`add` needs `server NAME`", at: reader.peek?.range ?? actionWord.range,
        help: "for example `\(example)`")
      return nil
    }
    guard let word = reader.peek, let name = word.identifier,
      !StatementSchema.serverAttributes.contains(where: { $0.name == name })
    else {
      reader.report(
        .missingRequired, "`add server` needs a name", at: reader.peek?.range ?? actionWord.range,
        help: "for example `\(example)`")
      return nil
    }
    reader.advance()
    var attributes = Attributes()
    reader.readAttributes(StatementSchema.addServerAttributes, into: &attributes)
    let balancer = attributes.reference("to")
    if let balancer {
      references.append(Reference(ref: balancer, kinds: [.balancer], role: "add a server to"))
    }
    let pool = attributes.reference("pool")
    if let pool {
      references.append(Reference(ref: pool, kinds: [.pool], role: "join"))
    }
    guard var server = makeServer(name: name, attributes, reader: &reader) else { return nil }
    server.pool = pool?.name
    guard declare(name, kind: .server, at: word.range) else { return nil }
    addedServers[name] = word.range
    return .addServer(server, balancer: balancer?.name)
  }
}
