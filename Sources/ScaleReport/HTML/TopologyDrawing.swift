import ScaleModel

/// The topology as an SVG: the nodes and edges of `DrawnGraph` (the edges `scale graph` and
/// the engine use), in columns along the request path, each station filled by its utilisation
/// band (and its utilisation written in it), the bottleneck outlined in a thick dashed line and
/// labelled. More than `maxPerColumn` nodes of one kind in a column (a pool of 10 000 servers,
/// a database's 512 stations) are drawn as one box with their count and utilisation range.
struct TopologyDrawing {
  static let maxPerColumn = 8
  static let boxWidth = 150.0
  static let columnGap = 46.0
  static let rowGap = 14.0
  static let lineHeight = 13.0
  static let margin = 10.0

  struct Box {
    var id: String
    var kind: String
    var lines: [String]
    var utilisation: Double?
    var bottleneck: Bool
    var unreached: Bool
    var column: Int
    var members: Int
    var x = 0.0
    var y = 0.0
    var height = 0.0
  }

  /// Column of a node kind along the path.
  static func rank(_ kind: String) -> Int {
    switch kind {
    case "client": return 0
    case "rate-limit": return 1
    case "balancer": return 2
    case "server": return 3
    case "queue", "cache": return 4
    case "database": return 5
    case "shard": return 6
    default: return 7
    }
  }

  static let stationKinds: Set<String> = ["server", "queue", "database", "shard", "replica"]

  var boxes: [Box] = []
  var edges: [(from: Int, to: Int, label: String)] = []
  var width = 0.0
  var height = 0.0

  init(_ scenario: Scenario, result: RunResult) {
    let graph = DrawnGraph(scenario, result: result)
    var stats: [String: ComponentStats] = [:]
    for c in result.components where stats[c.name] == nil { stats[c.name] = c }
    // Group by (column, kind), keeping first-seen order.
    var groups: [(column: Int, kind: String, nodes: [Int])] = []
    var groupOf: [String: Int] = [:]
    for (i, node) in graph.nodes.enumerated() {
      let key = node.kind + "\u{0}" + String(TopologyDrawing.rank(node.kind))
      if let g = groupOf[key] {
        groups[g].nodes.append(i)
      } else {
        groupOf[key] = groups.count
        groups.append((TopologyDrawing.rank(node.kind), node.kind, [i]))
      }
    }
    var boxOf = [Int](repeating: 0, count: graph.nodes.count)
    for group in groups {
      if group.nodes.count > TopologyDrawing.maxPerColumn {
        let members = group.nodes.map { graph.nodes[$0] }
        let utils = members.compactMap { stats[$0.name]?.utilisation }
        var lines = ["\(Format.count(members.count)) \(group.kind)s"]
        if let low = utils.min(), let high = utils.max() {
          let mean = utils.reduce(0, +) / Double(utils.count)
          lines.append("util " + Format.percent1(low) + "…" + Format.percent1(high))
          lines.append("mean " + Format.percent1(mean))
        }
        let hot = members.first { $0.bottleneck }
        if let hot { lines.append("bottleneck: " + hot.name) }
        let down = members.filter { stats[$0.name]?.healthy == false }.count
        if down > 0 { lines.append("\(Format.count(down)) down") }
        let mean = utils.isEmpty ? nil : utils.reduce(0, +) / Double(utils.count)
        for i in group.nodes { boxOf[i] = boxes.count }
        boxes.append(
          Box(
            id: group.kind + ":*", kind: group.kind, lines: lines, utilisation: mean,
            bottleneck: hot != nil, unreached: members.allSatisfy(\.unreached),
            column: group.column, members: members.count))
      } else {
        for i in group.nodes {
          let node = graph.nodes[i]
          boxOf[i] = boxes.count
          let station = TopologyDrawing.stationKinds.contains(node.kind)
          var lines = [node.kind + " " + node.name]
          lines += Array((node.figures + node.details).prefix(3))
          if node.bottleneck { lines.append("▲ bottleneck") }
          boxes.append(
            Box(
              id: node.id, kind: node.kind, lines: lines,
              utilisation: station ? stats[node.name]?.utilisation : nil,
              bottleneck: node.bottleneck, unreached: node.unreached,
              column: TopologyDrawing.rank(node.kind), members: 1))
        }
      }
    }
    var seen = Set<Int>()
    for edge in graph.edges where edge.from < boxOf.count && edge.to < boxOf.count {
      let from = boxOf[edge.from]
      let to = boxOf[edge.to]
      guard from != to, seen.insert(from * (boxes.count + 1) + to).inserted else { continue }
      edges.append((from, to, edge.label))
    }
    layout()
  }

  mutating func layout() {
    let used = Array(Set(boxes.map(\.column))).sorted()
    var place: [Int: Int] = [:]
    for (i, column) in used.enumerated() { place[column] = i }
    var y = [Double](repeating: TopologyDrawing.margin, count: used.count)
    for i in boxes.indices {
      let column = place[boxes[i].column] ?? 0
      boxes[i].height = Double(boxes[i].lines.count) * TopologyDrawing.lineHeight + 10
      boxes[i].x =
        TopologyDrawing.margin + Double(column)
        * (TopologyDrawing.boxWidth + TopologyDrawing.columnGap)
      boxes[i].y = y[column]
      y[column] += boxes[i].height + TopologyDrawing.rowGap
    }
    width =
      2 * TopologyDrawing.margin + Double(used.count) * TopologyDrawing.boxWidth
      + Double(Swift.max(0, used.count - 1)) * TopologyDrawing.columnGap
    height = (y.max() ?? 0) + TopologyDrawing.margin
  }

  func svg() -> String {
    let n = HTMLText.number
    var out = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"topology\" id=\"topology\" "
        + "viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" aria-label=\"topology\" "
        + "style=\"max-width:\(n(width))px\">",
      "<defs><marker id=\"arrow\" viewBox=\"0 0 8 8\" refX=\"8\" refY=\"4\" markerWidth=\"7\" "
        + "markerHeight=\"7\" orient=\"auto\"><path d=\"M0 0L8 4L0 8Z\" fill=\"#555555\"/></marker></defs>",
    ]
    for edge in edges where edge.from < boxes.count && edge.to < boxes.count {
      let a = boxes[edge.from]
      let b = boxes[edge.to]
      let forward = b.x > a.x
      let x1 = forward ? a.x + TopologyDrawing.boxWidth : a.x + TopologyDrawing.boxWidth / 2
      let y1 = forward ? a.y + a.height / 2 : a.y + a.height
      let x2 = forward ? b.x : b.x + TopologyDrawing.boxWidth / 2
      let y2 = forward ? b.y + b.height / 2 : b.y
      let bend = forward ? (x2 - x1) / 2 : 0
      let path =
        forward
        ? "M\(n(x1)) \(n(y1))C\(n(x1 + bend)) \(n(y1)) \(n(x2 - bend)) \(n(y2)) \(n(x2)) \(n(y2))"
        : "M\(n(x1)) \(n(y1))L\(n(x2)) \(n(y2))"
      out.append(
        HTMLText.element(
          "g", [("class", "edge"), ("data-from", a.id), ("data-to", b.id)],
          HTMLText.title(a.id + " → " + b.id + (edge.label.isEmpty ? "" : " (" + edge.label + ")"))
            + HTMLText.empty(
              "path",
              [
                ("d", path), ("fill", "none"), ("stroke", "#555555"), ("marker-end", "url(#arrow)"),
              ])))
    }
    for box in boxes {
      let band = box.utilisation.map { Palette.utilisationBands[Palette.band($0)] }
      var rect: [(String, String)] = [
        ("x", n(box.x)), ("y", n(box.y)), ("width", n(TopologyDrawing.boxWidth)),
        ("height", n(box.height)), ("rx", "4"), ("fill", band?.fill ?? "#FFFFFF"),
        ("stroke", box.bottleneck ? Palette.bound : (box.unreached ? "#999999" : "#333333")),
        ("stroke-width", box.bottleneck ? "3" : "1"),
      ]
      if box.bottleneck || box.unreached { rect.append(("stroke-dasharray", "6 3")) }
      var texts: [String] = []
      for (i, line) in box.lines.enumerated() {
        texts.append(
          HTMLText.element(
            "text",
            [
              ("x", n(box.x + 6)), ("y", n(box.y + 15 + Double(i) * TopologyDrawing.lineHeight)),
              ("fill", band?.text ?? "#000000"), ("class", i == 0 ? "name" : "fact"),
            ],
            HTMLText.escape(
              i == 0 ? TextTable.fitKeepingEnd(line, width: 24) : TextTable.fit(line, width: 24))))
      }
      var attributes = [
        ("class", "node" + (box.bottleneck ? " bottleneck" : "")), ("data-id", box.id),
        ("data-kind", box.kind),
      ]
      if let u = box.utilisation { attributes.append(("data-utilisation", Format.percent1(u))) }
      if box.members > 1 { attributes.append(("data-members", String(box.members))) }
      out.append(
        HTMLText.element(
          "g", attributes,
          HTMLText.title(box.lines.joined(separator: "\n")) + HTMLText.empty("rect", rect)
            + texts.joined()))
    }
    out.append("</svg>")
    return out.joined(separator: "\n")
  }
}
