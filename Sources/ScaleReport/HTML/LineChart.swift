/// An SVG line chart in the conventions of Grafana and k6 dashboards: x to the right (time or
/// a swept parameter), the value up with its unit on the ticks, a legend, one line per series
/// (percentiles as separate lines), each series in its own colour, dash pattern and point
/// marker. Vertical markers (timeline events, an answer) and horizontal bounds (`expect`
/// limits) are drawn over the plot; every point and marker has a `<title>` read-out on hover.
public struct LineChart: Sendable {
  public struct Series: Sendable {
    public var name: String
    /// (x, y); a nil y is a gap in the line.
    public var points: [(x: Double, y: Double?)]
    public init(_ name: String, _ points: [(x: Double, y: Double?)]) {
      self.name = name
      self.points = points
    }
  }

  /// A vertical line at `x`, labelled `label` (a timeline event's number, an answer).
  public struct Marker: Sendable {
    public var x: Double
    public var label: String
    /// The hover read-out.
    public var detail: String
    /// `event` or `answer` (a CSS class and a `data-kind`).
    public var kind: String
    public init(x: Double, label: String, detail: String, kind: String = "event") {
      self.x = x
      self.label = label
      self.detail = detail
      self.kind = kind
    }
  }

  /// A horizontal line at `y` (an `expect` bound).
  public struct Bound: Sendable {
    public var y: Double
    public var label: String
    public init(y: Double, label: String) {
      self.y = y
      self.label = label
    }
  }

  public var id: String
  public var title: String
  public var x: Axis
  public var y: Axis
  public var series: [Series]
  public var markers: [Marker] = []
  public var bounds: [Bound] = []
  /// The x range drawn (else the points' range).
  public var xDomain: ClosedRange<Double>?
  /// A shaded x range and its label (the warm-up).
  public var shaded: (range: ClosedRange<Double>, label: String)?
  /// The y axis starts at zero (counts, rates, latencies, shares).
  public var fromZero = true
  /// The y axis ends at 100 % at least (shares).
  public var upToOne = false

  public init(id: String, title: String, x: Axis, y: Axis, series: [Series]) {
    self.id = id
    self.title = title
    self.x = x
    self.y = y
    self.series = series
  }

  static let width = 720.0
  static let height = 240.0
  static let left = 70.0
  static let right = 16.0
  static let top = 22.0
  static let bottom = 40.0

  /// The chart as one `<svg>` element.
  public func svg() -> String {
    let n = HTMLText.number
    let plotW = LineChart.width - LineChart.left - LineChart.right
    let plotH = LineChart.height - LineChart.top - LineChart.bottom
    let xs = series.flatMap { $0.points.map(\.x) } + markers.map(\.x)
    let xLow = xDomain?.lowerBound ?? xs.min() ?? 0
    let xHigh = xDomain?.upperBound ?? xs.max() ?? 1
    let xSpan = xHigh - xLow > 0 ? xHigh - xLow : 1
    var ys = series.flatMap { $0.points.compactMap(\.y) }.filter(\.isFinite)
    ys += bounds.map(\.y).filter(\.isFinite)
    if fromZero { ys.append(0) }
    if upToOne { ys.append(1) }
    let yTicks = Axis.ticks(
      low: ys.min() ?? 0, high: ys.max() ?? 1, count: 4, time: false)
    let ySpan = yTicks.high - yTicks.low > 0 ? yTicks.high - yTicks.low : 1
    func px(_ x: Double) -> Double {
      LineChart.left + (x - xLow) / xSpan * plotW
    }
    func py(_ y: Double) -> Double {
      LineChart.top + plotH - (y - yTicks.low) / ySpan * plotH
    }

    var out: [String] = []
    out.append(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"\(HTMLText.escape(id))\" "
        + "viewBox=\"0 0 \(n(LineChart.width)) \(n(LineChart.height))\" role=\"img\" "
        + "aria-label=\"\(HTMLText.escape(title))\">")
    out.append(HTMLText.title(title))
    if let shaded {
      let a = px(Swift.max(xLow, shaded.range.lowerBound))
      let b = px(Swift.min(xHigh, shaded.range.upperBound))
      if b > a {
        out.append(
          HTMLText.element(
            "g", [("class", "shaded")],
            HTMLText.empty(
              "rect",
              [
                ("x", n(a)), ("y", n(LineChart.top)), ("width", n(b - a)), ("height", n(plotH)),
                ("fill", "#F2F2F2"),
              ])
              + HTMLText.element(
                "text", [("x", n(a + 3)), ("y", n(LineChart.top + plotH - 4)), ("class", "note")],
                HTMLText.escape(shaded.label))))
      }
    }
    // Grid and y ticks.
    var axis: [String] = []
    for value in yTicks.values {
      let y = py(value)
      axis.append(
        HTMLText.empty(
          "line",
          [
            ("x1", n(LineChart.left)), ("x2", n(LineChart.left + plotW)), ("y1", n(y)),
            ("y2", n(y)), ("stroke", Palette.grid),
          ]))
      axis.append(
        HTMLText.element(
          "text", [("x", n(LineChart.left - 6)), ("y", n(y + 4)), ("text-anchor", "end")],
          HTMLText.escape(self.y.text(value))))
    }
    let xTicks = Axis.ticks(low: xLow, high: xHigh, count: 6, time: x.unit == .time)
    // A parameter swept in whole steps (servers, shards) gets whole ticks only.
    let whole = x.unit == .number && xs.allSatisfy { $0 == $0.rounded() }
    for value in xTicks.values
    where value >= xLow - 1e-9 && value <= xHigh + 1e-9 && (!whole || value == value.rounded()) {
      let xx = px(value)
      axis.append(
        HTMLText.empty(
          "line",
          [
            ("x1", n(xx)), ("x2", n(xx)), ("y1", n(LineChart.top + plotH)),
            ("y2", n(LineChart.top + plotH + 4)), ("stroke", "#000000"),
          ]))
      axis.append(
        HTMLText.element(
          "text", [("x", n(xx)), ("y", n(LineChart.top + plotH + 16)), ("text-anchor", "middle")],
          HTMLText.escape(x.text(value))))
    }
    axis.append(
      HTMLText.empty(
        "path",
        [
          (
            "d",
            "M\(n(LineChart.left)) \(n(LineChart.top))V\(n(LineChart.top + plotH))H\(n(LineChart.left + plotW))"
          ), ("fill", "none"), ("stroke", "#000000"),
        ]))
    axis.append(
      HTMLText.element(
        "text",
        [
          ("x", n(LineChart.left + plotW / 2)), ("y", n(LineChart.height - 4)),
          ("text-anchor", "middle"), ("class", "axis-label"),
        ], HTMLText.escape(x.label + x.unitSuffix)))
    // The y label runs up the left edge (Grafana's place for it), clear of the markers'
    // labels along the top.
    axis.append(
      HTMLText.element(
        "text",
        [
          ("x", n(-(LineChart.top + plotH / 2))), ("y", "12"), ("transform", "rotate(-90)"),
          ("text-anchor", "middle"), ("class", "axis-label"),
        ], HTMLText.escape(y.label + y.unitSuffix)))
    out.append(HTMLText.element("g", [("class", "axes")], axis.joined()))

    // Bounds.
    for bound in bounds where bound.y.isFinite {
      let yy = py(bound.y)
      out.append(
        HTMLText.element(
          "g", [("class", "bound")],
          HTMLText.title(bound.label)
            + HTMLText.empty(
              "line",
              [
                ("x1", n(LineChart.left)), ("x2", n(LineChart.left + plotW)), ("y1", n(yy)),
                ("y2", n(yy)), ("stroke", Palette.bound), ("stroke-width", "1.5"),
                ("stroke-dasharray", "4 4"),
              ])
            + HTMLText.element(
              "text",
              [
                ("x", n(LineChart.left + plotW - 2)), ("y", n(yy - 4)), ("text-anchor", "end"),
                ("fill", Palette.bound),
              ], HTMLText.escape(bound.label))))
    }

    // Series.
    for (index, s) in series.enumerated() {
      let style = Palette.style(index)
      var path = ""
      var pen = false
      var dots: [String] = []
      let every = Swift.max(1, s.points.count / 24)
      for (i, point) in s.points.enumerated() {
        guard let value = point.y, value.isFinite else {
          pen = false
          continue
        }
        let xx = px(point.x)
        let yy = py(value)
        path += (pen ? "L" : "M") + n(xx) + " " + n(yy)
        pen = true
        let readout = s.name + " at " + x.text(point.x) + ": " + y.text(value)
        let visible = i % every == 0 || s.points.count == 1
        dots.append(
          HTMLText.element(
            "g", [("class", "point")],
            HTMLText.title(readout)
              + (visible ? style.marker.shape(x: xx, y: yy, colour: style.colour) : "")
              + HTMLText.empty(
                "circle", [("cx", n(xx)), ("cy", n(yy)), ("r", "5"), ("fill", "transparent")])))
      }
      var attributes = [
        ("d", path.isEmpty ? "M0 0" : path), ("fill", "none"), ("stroke", style.colour),
        ("stroke-width", "1.8"),
      ]
      if !style.dash.isEmpty { attributes.append(("stroke-dasharray", style.dash)) }
      out.append(
        HTMLText.element(
          "g",
          [
            ("class", "series"), ("data-series", s.name),
            ("data-marker", style.marker.rawValue),
          ], HTMLText.empty("path", attributes) + dots.joined()))
    }

    // Markers, merged when they would be drawn within 2 px of each other.
    var groups: [(x: Double, markers: [Marker])] = []
    for marker in markers.sorted(by: { $0.x < $1.x }) where marker.x.isFinite {
      let xx = px(Swift.min(Swift.max(marker.x, xLow), xHigh))
      if let last = groups.last, xx - last.x < 2, last.markers.first?.kind == marker.kind {
        groups[groups.count - 1].markers.append(marker)
      } else {
        groups.append((xx, [marker]))
      }
    }
    for group in groups {
      guard let first = group.markers.first else { continue }
      let label =
        group.markers.count == 1
        ? first.label : first.label + "–" + (group.markers.last?.label ?? "")
      let answer = first.kind == "answer"
      out.append(
        HTMLText.element(
          "g", [("class", "marker " + first.kind), ("data-kind", first.kind)],
          HTMLText.title(group.markers.map(\.detail).joined(separator: "\n"))
            + HTMLText.empty(
              "line",
              [
                ("x1", n(group.x)), ("x2", n(group.x)), ("y1", n(LineChart.top)),
                ("y2", n(LineChart.top + plotH)),
                ("stroke", answer ? Palette.bound : Palette.event),
                ("stroke-width", answer ? "2" : "1"), ("stroke-dasharray", answer ? "" : "3 3"),
              ])
            + HTMLText.element(
              "text",
              [
                ("x", n(group.x + 2)), ("y", n(LineChart.top - 2)), ("class", "marker-label"),
              ], HTMLText.escape(label))))
    }
    out.append("</svg>")
    return out.joined(separator: "\n")
  }

  /// The legend: one entry per series with its line, dash and marker drawn, as HTML.
  public func legend() -> String {
    var items: [String] = []
    for (index, s) in series.enumerated() {
      let style = Palette.style(index)
      var line = [
        ("x1", "1"), ("x2", "27"), ("y1", "6"), ("y2", "6"), ("stroke", style.colour),
        ("stroke-width", "2"),
      ]
      if !style.dash.isEmpty { line.append(("stroke-dasharray", style.dash)) }
      let swatch =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"28\" height=\"12\" aria-hidden=\"true\">"
        + HTMLText.empty("line", line) + style.marker.shape(x: 14, y: 6, colour: style.colour)
        + "</svg>"
      items.append(
        HTMLText.element("li", [("data-series", s.name)], swatch + " " + HTMLText.escape(s.name)))
    }
    if !bounds.isEmpty {
      items.append(
        HTMLText.element(
          "li", [("class", "bound")],
          "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"28\" height=\"12\" aria-hidden=\"true\">"
            + HTMLText.empty(
              "line",
              [
                ("x1", "1"), ("x2", "27"), ("y1", "6"), ("y2", "6"), ("stroke", Palette.bound),
                ("stroke-width", "1.5"), ("stroke-dasharray", "4 4"),
              ]) + "</svg> expect bound"))
    }
    return HTMLText.element("ul", [("class", "legend")], items.joined())
  }

  /// Title, legend and chart in a `<figure>`.
  public func figure(note: String = "") -> String {
    HTMLText.element(
      "figure", [("class", "chart-figure"), ("data-chart", id)],
      HTMLText.element("figcaption", [], HTMLText.escape(title)) + legend() + svg()
        + (note.isEmpty ? "" : HTMLText.element("p", [("class", "note")], HTMLText.escape(note))))
  }
}
