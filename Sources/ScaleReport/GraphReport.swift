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

  /// An indented tree: client → rate limits → balancers with their servers → what every
  /// server calls (queues, caches, databases with replicas and shards).
  public static func text(_ scenario: Scenario, result: RunResult?) -> String {
    let topology = Topology(scenario, result: result)
    func label(_ kind: String, _ name: String) -> String {
      guard let node = topology.nodes.first(where: { $0.id == kind + ":" + name }) else {
        return kind + " " + name
      }
      return nodeLabel(node)
    }
    var servers: [String: Tree] = [:]
    for s in scenario.servers { servers[s.name] = Tree(label: label("server", s.name)) }
    let added = Topology.addedServers(scenario, result: result)
    for name in added { servers[name] = Tree(label: label("server", name)) }

    var tier: [Tree] = []
    var placed = Set<String>()
    for b in scenario.balancers {
      var node = Tree(label: label("balancer", b.name))
      var backends = Topology.backends(b, scenario: scenario).map(\.server)
      if tier.isEmpty { backends += added }
      for server in backends {
        if let s = servers[server] {
          node.children.append(s)
          placed.insert(server)
        }
      }
      tier.append(node)
    }
    for name in scenario.servers.map(\.name) + added where !placed.contains(name) {
      if let tree = servers[name] { tier.append(tree) }
    }
    var downstream: [Tree] = []
    for q in scenario.queues { downstream.append(Tree(label: "async → " + label("queue", q.name))) }
    for c in scenario.caches { downstream.append(Tree(label: "reads → " + label("cache", c.name))) }
    for db in scenario.databases {
      var node = Tree(
        label: (scenario.caches.isEmpty ? "reads, writes → " : "misses, writes → ")
          + label("database", db.name))
      node.children = partTrees(Topology.parts(of: db, result: result), label: label)
      downstream.append(node)
    }
    if !downstream.isEmpty && !scenario.servers.isEmpty {
      tier.append(Tree(label: "↓ every server calls", children: downstream))
    } else {
      tier += downstream
    }

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
    if let result, let name = Topology.bottleneck(result),
      !topology.nodes.contains(where: {
        $0.name == name
      })
    {
      lines.append("bottleneck: " + name)
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Shards and replicas as a tree: a part whose name continues another's with `/` hangs
  /// under it (`orders/shard-1/replica-1` under `orders/shard-1`).
  static func partTrees(_ parts: [ComponentStats], label: (String, String) -> String) -> [Tree] {
    var known: [String: Int] = [:]
    var parentOf: [String: String] = [:]
    for part in parts {
      known[part.name] = 0
      if let parent = Topology.parent(of: part.name, among: known) { parentOf[part.name] = parent }
    }
    func build(_ parent: String?) -> [Tree] {
      parts.filter { parentOf[$0.name] == parent }.map { part in
        Tree(label: label(part.kind.rawValue, part.name), children: build(part.name))
      }
    }
    return build(nil)
  }

  static func nodeLabel(_ node: Topology.Node) -> String {
    var text = node.kind == "client" ? "client" : node.kind + " " + node.name
    let facts = node.details + node.figures
    if !facts.isEmpty { text += " · " + facts.joined(separator: " · ") }
    if node.bottleneck { text += "  ◀ bottleneck" }
    return text
  }

  /// Graphviz DOT: `digraph scale`, left to right, node ids `"kind:name"`, labels with the
  /// details on a second line, edges in request-path order; the bottleneck filled red.
  public static func dot(_ scenario: Scenario, result: RunResult?) -> String {
    let topology = Topology(scenario, result: result)
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
    let topology = Topology(scenario, result: result)
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
