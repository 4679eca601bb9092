import ScaleDiagnostics
import ScaleModel

/// One step of a route as written: a name, or a fan-out group `{ a, b }`.
struct RouteStepDecl {
  var names: [NameRef]
  var range: SourceRange
  var isGroup: Bool
}

/// `route NAME [SHARE%] [read|write] [keys …]: STEP -> STEP -> …`.
struct RouteDecl {
  var name: NameRef
  var share: Double?
  var shareRange: SourceRange?
  var kind: RequestKind?
  var keys: KeyPopularity?
  var steps: [RouteStepDecl]
  var keywordRange: SourceRange
}

/// `link FROM -> TO latency DIST`.
struct LinkDecl {
  var from: NameRef
  var to: NameRef
  var latency: Distribution
  var keywordRange: SourceRange
}

/// Reading and lowering routes, network latency, links and zones.
extension CheckSession {
  /// What a route step may call.
  static let routeStepKinds: [NameKind] = [.balancer, .server, .pool, .cache, .database, .queue]

  // MARK: Reading

  mutating func readRoute(_ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader)
  {
    let usage = "for example `\(spec.usage)`"
    guard let nameWord = reader.peek, let name = nameWord.identifier, name != "keys" else {
      reader.report(
        .missingRequired, "`route` needs a name", at: reader.peek?.range ?? statement.keywordRange,
        help: usage)
      hasRouteErrors = true
      return
    }
    reader.advance()
    let nameRef = NameRef(name: name, range: nameWord.range)
    var valid = true
    if let first = routeNames[name] {
      reader.report(
        .duplicateName, "route `\(name)` is already declared at \(first.start)",
        at: nameWord.range, help: "give this route another name")
      valid = false
    } else {
      routeNames[name] = nameWord.range
    }
    var decl = RouteDecl(
      name: nameRef, steps: [], keywordRange: statement.keywordRange)
    // What comes before `:`: the share, the kind and the keys, in any order.
    var sawColon = false
    while let word = reader.peek, !sawColon {
      switch word.kind {
      case .colon:
        reader.advance()
        sawColon = true
      case .number(let literal):
        reader.advance()
        if decl.shareRange != nil {
          reader.report(.repeatedAttribute, "a route has one share", at: word.range)
          valid = false
        } else if let share = reader.checkedPercentage(
          literal, range: word.range, name: "route", example: "route \(name) 25%: …")
        {
          if share <= 0 {
            reader.report(
              .outOfRange, "a route's share must be more than 0%", at: word.range,
              help: "remove the route, or give it a share of the traffic")
            valid = false
          }
          decl.share = share
          decl.shareRange = word.range
        } else {
          valid = false
        }
      case .identifier(let kind) where StatementSchema.requestKinds.contains(kind):
        reader.advance()
        if decl.kind != nil {
          reader.report(
            .repeatedAttribute, "a route is `read` or `write`, once", at: word.range,
            help: "keep one of them")
          valid = false
        }
        decl.kind = RequestKind(rawValue: kind)
      case .identifier("keys"):
        reader.advance()
        let example = "keys zipf 1.1 over 10k"
        if reader.peek == nil || reader.peek?.kind == .colon {
          reader.report(
            .missingValue, "`keys` needs a value", at: word.range, help: "for example `\(example)`")
          valid = false
        } else if case .keys(let keys)? = reader.readValue(.keys, name: "keys", example: example) {
          decl.keys = keys
        } else {
          // Skip the rest of the bad value: one mistake, one diagnostic.
          while let next = reader.peek, next.kind != .colon { reader.advance() }
          valid = false
        }
      default:
        let before = reader.peek(at: -1)
        let hasColon = reader.words[reader.index...].contains { $0.kind == .colon }
        // Skip to the `:` (or the end): one mistake, one diagnostic.
        while let next = reader.peek, next.kind != .colon { reader.advance() }
        if !hasColon, let before {
          // `route r 10% lb -> web`: the steps came without their `:`.
          let end = SourceRange(start: before.range.end, end: before.range.end)
          reader.report(
            .missingRequired, "route `\(name)` needs `:` before its steps", at: word.range,
            help: "write `\(WordReader.text(before)): \(WordReader.text(word)) …`",
            fixIt: FixIt(range: end, replacement: ":"))
          hasRouteErrors = true
          return
        }
        let help =
          word.identifier.flatMap {
            Suggestions.didYouMean($0, among: StatementSchema.requestKinds + ["keys"])
          }
          ?? "before `:` a route takes its share (`25%`), `read` or `write`, and `keys …`"
        reader.report(
          .unexpectedWord, "unexpected `\(WordReader.text(word))` in `route`", at: word.range,
          help: help)
        valid = false
      }
    }
    guard sawColon else {
      hasRouteErrors = true
      if valid {
        reader.report(
          .missingRequired, "route `\(name)` needs `:` and its steps",
          at: reader.endRange, help: usage)
      }
      return
    }
    guard let steps = Self.readSteps(&reader, route: name) else {
      hasRouteErrors = true
      return
    }
    decl.steps = steps
    if steps.count > RouteSpec.maxSteps {
      reader.report(
        .aboveCap,
        "route `\(name)` has \(steps.count) steps; a route has at most \(RouteSpec.maxSteps)",
        at: nameWord.range, help: "see the limits in docs/language.md")
      valid = false
    }
    if valid { routes.append(decl) } else { hasRouteErrors = true }
  }

  /// `STEP -> STEP -> …` after a route's `:`; nil (with a diagnostic) when malformed.
  static func readSteps(_ reader: inout WordReader, route: String)
    -> [RouteStepDecl]?
  {
    var steps: [RouteStepDecl] = []
    var arrow: Word?
    var wantStep = true
    func separated(_ word: Word, _ reader: inout WordReader) -> Bool {
      guard !wantStep else { return true }
      let fix = steps.last.map {
        FixIt(range: SourceRange(start: $0.range.end, end: $0.range.end), replacement: " ->")
      }
      reader.report(
        .unexpectedWord, "steps of a route are separated by `->`", at: word.range,
        help: "write `-> \(WordReader.text(word))`", fixIt: fix)
      return false
    }
    while let word = reader.advance() {
      switch word.kind {
      case .identifier(let name):
        guard separated(word, &reader) else { return nil }
        steps.append(
          RouteStepDecl(
            names: [NameRef(name: name, range: word.range)], range: word.range, isGroup: false))
        wantStep = false
      case .leftBrace:
        guard separated(word, &reader) else { return nil }
        guard let group = readGroup(&reader, open: word) else { return nil }
        steps.append(group)
        wantStep = false
      case .arrow:
        if wantStep {
          reader.report(
            .noSteps, "a step is missing before `->`", at: word.range,
            help: "name a component between the arrows")
          return nil
        }
        arrow = word
        wantStep = true
      default:
        reader.report(
          .unexpectedWord, "unexpected `\(WordReader.text(word))` in the steps of `\(route)`",
          at: word.range,
          help:
            "a step is a component's name or a fan-out group `{ a, b }`; steps are joined by `->`"
        )
        return nil
      }
    }
    if steps.isEmpty {
      reader.report(
        .noSteps, "route `\(route)` has no steps", at: reader.endRange,
        help: "after `:` name the components a request calls, e.g. `lb -> web -> db`")
      return nil
    }
    if wantStep, let arrow {
      reader.report(
        .noSteps, "a step is missing after `->`", at: arrow.range,
        help: "name the next component, or remove the `->`")
      return nil
    }
    return steps
  }

  /// `{ a, b, … }` from its `{`.
  static func readGroup(_ reader: inout WordReader, open: Word) -> RouteStepDecl? {
    var names: [NameRef] = []
    var wantName = true
    while let word = reader.advance() {
      switch word.kind {
      case .identifier(let name):
        guard wantName else {
          let fix = names.last.map {
            FixIt(range: SourceRange(start: $0.range.end, end: $0.range.end), replacement: ",")
          }
          reader.report(
            .unexpectedWord, "names in a fan-out group are separated by commas", at: word.range,
            help: "write `\(names.last?.name ?? ""), \(name)`", fixIt: fix)
          return nil
        }
        names.append(NameRef(name: name, range: word.range))
        wantName = false
      case .comma where !wantName:
        wantName = true
      case .rightBrace:
        guard !names.isEmpty else {
          reader.report(
            .noSteps, "a fan-out group needs the names it calls", at: open.range.union(word.range),
            help: "for example `{ catalog, products }`")
          return nil
        }
        if wantName {
          reader.report(
            .noSteps, "a name must follow `,`", at: word.range, help: "remove the last `,`")
          return nil
        }
        return RouteStepDecl(names: names, range: open.range.union(word.range), isGroup: true)
      case .leftBrace:
        reader.report(
          .unexpectedWord, "fan-out groups do not nest", at: word.range,
          help: "list every parallel call in one group: `{ a, b, c }`")
        return nil
      default:
        reader.report(
          .unexpectedWord, "unexpected `\(WordReader.text(word))` in a fan-out group",
          at: word.range, help: "a fan-out group lists names separated by commas: `{ a, b }`")
        return nil
      }
    }
    reader.report(
      .unexpectedWord, "this `{` is never closed", at: open.range,
      help: "close the fan-out group with `}` on the same line")
    return nil
  }

  mutating func readNetwork(
    _ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader
  ) {
    var attributes = Attributes()
    let reported = reader.diagnostics.count
    reader.readAttributes(spec.attributes, into: &attributes)
    let latency = attributes.distribution("latency")
    let crossZone = attributes.distribution("cross-zone")
    guard latency != nil || crossZone != nil else {
      if reader.diagnostics.count == reported {
        reader.report(
          .missingRequired, "`network` needs `latency` or `cross-zone`",
          at: statement.keywordRange, help: "for example `\(spec.usage)`")
      }
      return
    }
    if let first = network {
      reportRepeated("`network`", at: statement.keywordRange, first: first.range)
      return
    }
    network = (NetworkSpec(latency: latency, crossZone: crossZone), statement.keywordRange)
  }

  mutating func readLink(_ statement: Statement, _ spec: StatementSpec, _ reader: inout WordReader)
  {
    let usage = "for example `\(spec.usage)`"
    guard let fromWord = reader.peek, let from = fromWord.identifier, from != "latency" else {
      reader.report(
        .missingRequired, "`link` needs `FROM -> TO`",
        at: reader.peek?.range ?? statement.keywordRange, help: usage)
      return
    }
    reader.advance()
    guard reader.peek?.kind == .arrow else {
      reader.report(
        .missingRequired, "`link \(from)` needs `->` and the component it calls",
        at: reader.peek?.range ?? reader.endRange, help: usage)
      return
    }
    reader.advance()
    guard let toWord = reader.peek, let to = toWord.identifier, to != "latency" else {
      reader.report(
        .missingRequired, "`link \(from) ->` needs the component it calls",
        at: reader.peek?.range ?? reader.endRange, help: usage)
      return
    }
    reader.advance()
    var attributes = Attributes()
    let reported = reader.diagnostics.count
    reader.readAttributes(spec.attributes, into: &attributes)
    guard let latency = attributes.distribution("latency") else {
      if reader.diagnostics.count == reported {
        reader.report(
          .missingRequired, "`link` needs `latency`", at: statement.keywordRange, help: usage)
      }
      return
    }
    links.append(
      LinkDecl(
        from: NameRef(name: from, range: fromWord.range),
        to: NameRef(name: to, range: toWord.range),
        latency: latency, keywordRange: statement.keywordRange))
  }

  // MARK: Lowering

  /// The routes as the model has them; reports unknown steps, misplaced queues, fan-out
  /// branches that are not data stores, and shares that do not make 100%.
  mutating func resolveRoutes() -> [RouteSpec] {
    var result: [RouteSpec] = []
    for decl in routes {
      var ok = true
      for (position, step) in decl.steps.enumerated() {
        var branches = Set<String>()
        for ref in step.names {
          guard branches.insert(ref.name).inserted else {
            report(
              .repeatedAttribute, "`\(ref.name)` is listed twice in this fan-out group",
              at: ref.range, help: "list each branch once")
            ok = false
            continue
          }
          guard let entry = resolve(ref, kinds: Self.routeStepKinds, role: "route") else {
            ok = false
            continue
          }
          if let added = addedServers[ref.name] {
            report(
              .inconsistent, "`\(ref.name)` only joins at run time (at \(added.start))",
              at: ref.range, help: "route through a balancer it joins, or a pool")
            ok = false
          } else if step.isGroup, entry.kind != .cache, entry.kind != .database {
            report(
              .fanOutBranch,
              "`\(ref.name)` is \(entry.kind.withArticle): fan-out branches are caches or databases for now",
              at: ref.range, help: "call it as a step of its own: `-> \(ref.name) ->`")
            ok = false
          } else if entry.kind == .queue, position + 1 < decl.steps.count {
            report(
              .queueNotLast,
              "a queue ends a route: the client is answered when the message is queued",
              at: ref.range,
              help: "make `\(ref.name)` the last step; its workers do the rest of the work")
            ok = false
          }
        }
      }
      guard ok else {
        hasRouteErrors = true
        continue
      }
      result.append(
        RouteSpec(
          name: decl.name.name, share: decl.share ?? 1, kind: decl.kind, keys: decl.keys,
          steps: decl.steps.map {
            RouteStep($0.names.map(\.name), line: $0.range.start.line)
          }, line: decl.keywordRange.start.line))
    }
    checkShares()
    return result
  }

  /// With several routes each has a share and they add up to 100%; one route alone may
  /// leave it out (it takes every request).
  mutating func checkShares() {
    guard !hasRouteErrors, !routes.isEmpty else { return }
    if routes.count > 1 {
      for decl in routes where decl.share == nil {
        report(
          .routeShares, "route `\(decl.name.name)` needs its share of the traffic",
          at: decl.name.range,
          help: "with several routes each takes a share, e.g. `route \(decl.name.name) 30%: …`; "
            + "the shares add up to 100%")
        return
      }
    }
    let given = routes.compactMap(\.share)
    guard !given.isEmpty else { return }
    let total = given.reduce(0, +)
    guard abs(total - 1) > 1e-9 else { return }
    let range = routes.last(where: { $0.shareRange != nil })?.shareRange ?? routes[0].name.range
    report(
      .routeShares,
      "the routes' shares add up to \(WordReader.format((total * 1e6).rounded() / 1e4))%, not 100%",
      at: range,
      help: "every request takes one route: make the shares add up to 100%")
  }

  /// Steps that reach servers, per route, as the topology resolves them (a balancer and its
  /// own pool right after it are one step): at most `RouteSpec.maxServerSteps`.
  mutating func checkRouteLimits(_ scenario: Scenario) {
    guard !scenario.routes.isEmpty, !hasErrors else { return }
    let plans = scenario.topology.plans
    for (r, plan) in plans.enumerated() where r < scenario.routes.count {
      let serverSteps = plan.filter { step in
        step.calls.contains {
          switch $0 {
          case .balancer, .pool: return true
          default: return false
          }
        }
      }.count
      guard serverSteps > RouteSpec.maxServerSteps else { continue }
      let name = scenario.routes[r].name
      let range = routes.first(where: { $0.name.name == name })?.name.range
      guard let range else { continue }
      report(
        .aboveCap,
        "route `\(name)` reaches servers in \(serverSteps) steps; at most \(RouteSpec.maxServerSteps)",
        at: range,
        help: "each server step holds its caller's connection; see the limits in docs/language.md"
      )
    }
  }

  mutating func resolveLinks() -> [LinkSpec] {
    var result: [LinkSpec] = []
    var seen: [String: SourceRange] = [:]
    for link in links {
      let from = resolve(link.from, kinds: Self.routeStepKinds, role: "link")
      let to = resolve(link.to, kinds: Self.routeStepKinds, role: "link")
      guard from != nil, to != nil else { continue }
      let key = link.from.name + " -> " + link.to.name
      if let first = seen[key] {
        reportRepeated("a `link \(key)`", at: link.keywordRange, first: first)
        continue
      }
      seen[key] = link.keywordRange
      result.append(LinkSpec(from: link.from.name, to: link.to.name, latency: link.latency))
    }
    return result
  }

  /// Network and links apply to the hops of routes.
  mutating func warnNetworkWithoutRoutes() {
    guard routes.isEmpty, !hasRouteErrors, routeNames.isEmpty else { return }
    let statements =
      (network.map { [("network", $0.range)] } ?? [])
      + links.map { ("link", $0.keywordRange) }
    for (keyword, range) in statements {
      report(
        .networkWithoutRoutes,
        "network latency applies to the hops of routes; this script has none",
        at: range, help: "add a `route`, or remove this `\(keyword)`")
    }
  }

  // MARK: Zones and pools in events

  /// Components with a zone, in declaration order: (name, zone); servers an event adds
  /// (`at … add server web-9 zone c`) count too.
  func zonedComponents() -> [(name: String, zone: String)] {
    var list: [(offset: Int, name: String, zone: String)] = []
    for s in servers {
      if let z = s.spec.zone { list.append((s.nameRange.start.offset, s.spec.name, z)) }
    }
    for e in events {
      if case .addServer(let spec, _) = e.event.action, let z = spec.zone {
        list.append((e.actionRange.start.offset, spec.name, z))
      }
    }
    for c in caches {
      if let z = c.spec.zone { list.append((c.nameRange.start.offset, c.spec.name, z)) }
    }
    for d in databases {
      if let z = d.spec.zone { list.append((d.nameRange.start.offset, d.spec.name, z)) }
    }
    // Stable: a pool's members share their statement's offset and keep their order.
    return list.enumerated()
      .sorted {
        $0.element.offset != $1.element.offset
          ? $0.element.offset < $1.element.offset : $0.offset < $1.offset
      }
      .map { ($0.element.name, $0.element.zone) }
  }

  /// Checks the zone an event names: some component must have it (`known`).
  mutating func checkZone(_ ref: NameRef, known: Bool, zones: [String]) {
    guard !known else { return }
    // Suggestions cost a pass over the zones: only for the first unknown names (see `resolve`).
    suggestionsLeft -= 1
    let suggestion =
      suggestionsLeft < 0 ? nil : Suggestions.closest(to: ref.name, among: zones)
    var help = "no component has a zone; give servers, caches and databases one with `zone a`"
    if !zones.isEmpty {
      help =
        "zones: " + zones.prefix(8).map { "`\($0)`" }.joined(separator: ", ")
        + (zones.count > 8 ? ", …" : "")
      if let suggestion { help = "did you mean `\(suggestion)`? " + help }
    }
    report(
      .unknownReference, "no component is in zone `\(ref.name)`", at: ref.range, help: help,
      fixIt: suggestion.map { FixIt(range: ref.range, replacement: $0) })
  }

  /// How many events `expand` makes of `decl`, without making them.
  func expansionCount(_ decl: EventDecl, zones: [String: [String]], pools: [String: [String]])
    -> Int
  {
    // The engine fails each component of the zone: count them against the cap.
    if let zone = decl.zone { return Swift.max(1, zones[zone.name]?.count ?? 0) }
    switch decl.event.action {
    case .fail(let target, _), .recover(let target):
      if let members = pools[target], names[target]?.kind == .pool { return members.count }
      return 1
    default:
      return 1
    }
  }

  /// The events as the engine takes them: `fail POOL` / `recover POOL` become one event per
  /// member, at the same time and in declaration order. `fail zone Z` / `recover zone Z` stay
  /// one event: the engine decides what is in the zone when it applies it, so a server added
  /// to the zone later is in it too (docs/semantics.md, "Zones").
  func expand(_ decl: EventDecl, zones: [String: [String]], pools: [String: [String]])
    -> [TimedEvent]
  {
    let event = decl.event
    func each(_ names: [String]) -> [TimedEvent] {
      names.map { name in
        var copy = event
        switch event.action {
        case .fail(_, let duration): copy.action = .fail(component: name, duration: duration)
        case .recover: copy.action = .recover(component: name)
        default: break
        }
        return copy
      }
    }
    let target: String
    switch event.action {
    case .fail(let component, _), .recover(let component): target = component
    default: return [event]
    }
    if decl.zone != nil { return [event] }
    if let members = pools[target], names[target]?.kind == .pool { return each(members) }
    return [event]
  }
}
