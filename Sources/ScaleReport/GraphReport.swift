import ScaleModel

/// The component graph (`scale graph`): an indented text tree, Graphviz DOT, or a Mermaid
/// flowchart, all in request-path order. Given a run's result, stations are annotated with
/// their utilisation and the bottleneck (highest utilisation among servers, databases,
/// replicas, shards and queues) is marked.
public enum GraphReport {
  struct Tree {
    var label: String
    var children: [Tree] = []

    func lines(prefix: String = "", childPrefix: String = "") -> [String] {
      var out = [prefix + label]
      for (index, child) in children.enumerated() {
        let last = index == children.count - 1
        out += child.lines(
          prefix: childPrefix + (last ? "└─ " : "├─ "),
          childPrefix: childPrefix + (last ? "   " : "│  "))
      }
      return out
    }
  }

  /// An indented tree along `Scenario.topology`: client → rate limits → the entry balancer
  /// with its servers (or the servers the client calls) → what every serving server calls
  /// (queues, caches, databases with replicas and shards). Declared components that no
  /// request reaches follow under "no requests reach".
  public static func text(_ scenario: Scenario, result: RunResult?) -> String {
    let topology = scenario.topology
    let drawn = DrawnGraph(scenario, result: result)
    func label(_ kind: String, _ name: String) -> String {
      guard let node = drawn.nodes.first(where: { $0.id == kind + ":" + name }) else {
        return kind + " " + name
      }
      return nodeLabel(node)
    }
    func label(_ node: Topology.Node) -> String {
      label(node.kind.rawValue, Topology.name(of: node, in: scenario))
    }
    let tier =
      scenario.routes.isEmpty
      ? defaultTier(scenario, topology: topology, result: result, label: label)
      : routeTrees(scenario, topology: topology, result: result, label: label)

    var root = Tree(label: label("client", "client"))
    var chain: [Tree] = scenario.rateLimits.map { Tree(label: label("rate-limit", $0.name)) }
    // Build the rate-limit chain from the inside out.
    var inner = tier
    while let last = chain.popLast() {
      var node = last
      node.children = inner
      inner = [node]
    }
    root.children = inner
    var lines = root.lines()
    let unreached = topology.unreached
    if !unreached.isEmpty {
      lines.append("no requests reach (not on the request path):")
      lines += unreached.map { "  " + label($0) }
    }
    if let result, let name = DrawnGraph.bottleneck(result),
      !drawn.nodes.contains(where: {
        $0.name == name
      })
    {
      lines.append("bottleneck: " + name)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The default path's tree: the entry balancer with its servers (or the servers the client
  /// calls), then what every serving server calls.
  static func defaultTier(
    _ scenario: Scenario, topology: Topology, result: RunResult?,
    label named: (String, String) -> String
  ) -> [Tree] {
    func label(_ kind: String, _ name: String) -> String { named(kind, name) }
    func label(_ node: Topology.Node) -> String {
      named(node.kind.rawValue, Topology.name(of: node, in: scenario))
    }
    let added = DrawnGraph.addedServers(scenario, result: result)
    let serving =
      topology.servingServers.map { label(Topology.Node(.server, $0)) }
      + added.map { label("server", $0) }

    var tier: [Tree] = []
    if let b = topology.entryBalancer {
      var node = Tree(label: label(Topology.Node(.balancer, b)))
      node.children = serving.map { Tree(label: $0) }
      tier.append(node)
    } else {
      tier = serving.map { Tree(label: $0) }
    }
    // What the serving servers call (or the entry, with no server tier): every serving server
    // has the same edges, so the first one's stand for all.
    let caller =
      topology.servingServers.first.map { Topology.Node(.server, $0) }
      ?? topology.edges.last(where: { $0.traffic == .requests })?.to ?? .client
    var downstream: [Tree] = []
    for edge in topology.edges(from: caller) where edge.traffic != .balanced {
      var traffic = [edge.traffic.rawValue]
      if edge.to.kind == .database {
        traffic =
          topology.edges(to: edge.to).filter { $0.from.kind == .cache }.map {
            $0.traffic.rawValue
          } + traffic
      }
      var node = Tree(label: traffic.joined(separator: ", ") + " → " + label(edge.to))
      if edge.to.kind == .database, scenario.databases.indices.contains(edge.to.index) {
        node.children = partTrees(
          DrawnGraph.parts(of: scenario.databases[edge.to.index], result: result), label: label)
      }
      downstream.append(node)
    }
    if !downstream.isEmpty && !serving.isEmpty {
      tier.append(Tree(label: "↓ every server calls", children: downstream))
    } else {
      tier += downstream
    }

    return tier
  }

  /// With routes, one branch per route (`route browse 70% read: lb → web → catalog →
  /// products`) whose children are its steps in order, each with its node's label: a
  /// balancer with its servers under it, a pool's servers under `pool NAME`, a fan-out's
  /// branches under `fan-out, waits for all` (servers a run added under the balancer of the
  /// last serving server); a database behind a cache-aside step says which
  /// requests reach it (`misses →`, `writes →`), a queue `async →`.
  static func routeTrees(
    _ scenario: Scenario, topology: Topology, result: RunResult?,
    label named: (String, String) -> String
  ) -> [Tree] {
    func label(_ node: Topology.Node) -> String {
      named(node.kind.rawValue, Topology.name(of: node, in: scenario))
    }
    let added = DrawnGraph.addedServers(scenario, result: result)
    func server(_ s: Int) -> Tree { Tree(label: label(Topology.Node(.server, s))) }
    func tree(_ call: Topology.Call, prefix: String) -> Tree {
      switch call {
      case .balancer:
        let members = topology.edges(from: call.node).filter { $0.traffic == .balanced }
        var children = members.map { server($0.to.index) }
        // Servers a run added stand beside the last serving server, as `DrawnGraph` draws them.
        if let last = topology.servingServers.last, members.contains(where: { $0.to.index == last })
        {
          children += added.map { Tree(label: named("server", $0)) }
        }
        return Tree(label: prefix + label(call.node), children: children)
      case .pool(let list):
        guard list.count > 1, let first = list.first, first < scenario.servers.count else {
          return Tree(label: prefix + (list.first.map { label(Topology.Node(.server, $0)) } ?? "?"))
        }
        let name = scenario.servers[first].pool ?? scenario.servers[first].name
        return Tree(label: prefix + "pool " + name, children: list.map(server))
      case .database(let d):
        var node = Tree(label: prefix + label(call.node))
        if d < scenario.databases.count {
          node.children = partTrees(
            DrawnGraph.parts(of: scenario.databases[d], result: result), label: named)
        }
        return node
      case .queue:
        return Tree(label: "async → " + label(call.node))
      case .cache:
        return Tree(label: prefix + label(call.node))
      }
    }
    var trees: [Tree] = []
    for (r, route) in scenario.routes.enumerated() {
      var header = "route " + route.name + " " + Format.percent(route.share)
      if let kind = route.kind { header += " " + kind.rawValue }
      header +=
        ": "
        + route.steps.map {
          $0.isParallel
            ? "{ " + $0.components.joined(separator: ", ") + " }"
            : $0.components.joined(separator: ", ")
        }.joined(separator: " → ")
      var node = Tree(label: header)
      let plan = r < topology.plans.count ? topology.plans[r] : []
      var afterCache = false
      for step in plan {
        if step.calls.count > 1 {
          node.children.append(
            Tree(
              label: "fan-out, waits for all",
              children: step.calls.map { tree($0, prefix: "") }))
          afterCache = false
          continue
        }
        guard let call = step.calls.first else { continue }
        var prefix = ""
        if afterCache, case .database = call {
          switch route.kind {
          case .read?: prefix = "misses → "
          case .write?: prefix = "writes → "
          case nil: prefix = "misses, writes → "
          }
        }
        node.children.append(tree(call, prefix: prefix))
        if case .cache = call { afterCache = true } else { afterCache = false }
      }
      trees.append(node)
    }
    return trees
  }

  /// Shards and replicas as a tree: a part whose name continues another's with `/` hangs
  /// under it (`orders/shard-1/replica-1` under `orders/shard-1`).
  static func partTrees(_ parts: [ComponentStats], label: (String, String) -> String) -> [Tree] {
    var known: [String: Int] = [:]
    var parentOf: [String: String] = [:]
    for part in parts {
      known[part.name] = 0
      if let parent = DrawnGraph.parent(of: part.name, among: known) {
        parentOf[part.name] = parent
      }
    }
    func build(_ parent: String?) -> [Tree] {
      parts.filter { parentOf[$0.name] == parent }.map { part in
        Tree(label: label(part.kind.rawValue, part.name), children: build(part.name))
      }
    }
    return build(nil)
  }

  static func nodeLabel(_ node: DrawnGraph.Node) -> String {
    var text = node.kind == "client" ? "client" : node.kind + " " + node.name
    let facts = node.details + node.figures
    if !facts.isEmpty { text += " · " + facts.joined(separator: " · ") }
    if node.bottleneck { text += "  ◀ bottleneck" }
    return text
  }

  /// Graphviz DOT: `digraph scale`, left to right, node ids `"kind:name"`, labels with the
  /// details on a second line, edges in request-path order; the bottleneck filled red.
  public static func dot(_ scenario: Scenario, result: RunResult?) -> String {
    let topology = DrawnGraph(scenario, result: result)
    var lines = [
      "digraph scale {", "  rankdir=LR;",
      "  node [shape=box, style=rounded, fontname=\"Helvetica\"];",
      "  edge [fontname=\"Helvetica\", fontsize=10];",
    ]
    for node in topology.nodes {
      var label = node.kind == "client" ? "client" : node.kind + " " + node.name
      let facts = node.details + node.figures
      if !facts.isEmpty { label += "\n" + facts.joined(separator: " · ") }
      if node.bottleneck { label += "\nbottleneck" }
      var attributes = ["label=" + dotString(label)]
      if node.kind == "client" { attributes.append("shape=ellipse") }
      if node.kind == "database" || node.kind == "replica" || node.kind == "shard" {
        attributes.append("shape=cylinder")
      }
      if node.kind == "queue" { attributes.append("shape=cds") }
      if node.unreached {
        attributes.append("style=\"rounded,dashed\"")
        attributes.append("color=\"#888888\"")
        attributes.append("fontcolor=\"#888888\"")
      }
      if node.bottleneck {
        attributes.append("style=\"rounded,filled\"")
        attributes.append("fillcolor=\"#f8d0d0\"")
        attributes.append("color=\"#c00000\"")
        attributes.append("penwidth=2")
      }
      lines.append("  " + dotString(node.id) + " [" + attributes.joined(separator: ", ") + "];")
    }
    for edge in topology.edges {
      var line =
        "  " + dotString(topology.nodes[edge.from].id) + " -> "
        + dotString(topology.nodes[edge.to].id)
      if !edge.label.isEmpty { line += " [label=" + dotString(edge.label) + "]" }
      lines.append(line + ";")
    }
    lines.append("}")
    return lines.joined(separator: "\n") + "\n"
  }

  /// A DOT quoted string: `"` and `\` escaped, newlines as `\n`.
  static func dotString(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": break
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out + "\""
  }

  /// A Mermaid `flowchart LR`: node ids `n0, n1, …` in path order, labels in quotes with
  /// `<br/>` between lines, the bottleneck in class `bottleneck`.
  public static func mermaid(_ scenario: Scenario, result: RunResult?) -> String {
    let topology = DrawnGraph(scenario, result: result)
    var lines = ["flowchart LR"]
    for (index, node) in topology.nodes.enumerated() {
      var label = mermaidText(node.kind == "client" ? "client" : node.kind + " " + node.name)
      let facts = node.details + node.figures
      if !facts.isEmpty { label += "<br/>" + mermaidText(facts.joined(separator: " · ")) }
      let shape: (String, String)
      switch node.kind {
      case "client": shape = ("([", "])")
      case "database", "replica", "shard": shape = ("[(", ")]")
      default: shape = ("[", "]")
      }
      lines.append("  n\(index)" + shape.0 + "\"" + label + "\"" + shape.1)
    }
    for edge in topology.edges {
      let arrow = edge.label.isEmpty ? " --> " : " -- \"" + mermaidText(edge.label) + "\" --> "
      lines.append("  n\(edge.from)" + arrow + "n\(edge.to)")
    }
    let unreached = topology.nodes.indices.filter { topology.nodes[$0].unreached }
    if !unreached.isEmpty {
      lines.append("  classDef unreached stroke-dasharray:4 3,color:#888888")
      lines.append("  class " + unreached.map { "n\($0)" }.joined(separator: ",") + " unreached")
    }
    if let index = topology.nodes.firstIndex(where: \.bottleneck) {
      lines.append("  classDef bottleneck fill:#f8d0d0,stroke:#c00000,stroke-width:2px")
      lines.append("  class n\(index) bottleneck")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Text safe inside a quoted Mermaid label: `"` `<` `>` `#` as entity codes.
  static func mermaidText(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "\"": out += "#quot;"
      case "<": out += "#lt;"
      case ">": out += "#gt;"
      case "#": out += "#35;"
      case "\n", "\r\n", "\r": out += " "
      default: out.append(character)
      }
    }
    return out
  }
}
