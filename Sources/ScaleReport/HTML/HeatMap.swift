import ScaleModel

/// An SVG heat map over time: one row per station (or, for large pools, per utilisation
/// band), one column per interval, each cell shaded by a share 0…1 in the bands of
/// `Palette.utilisationBands` (light idle, dark saturated; the legend names every band and each
/// cell's `<title>` gives its value, so colour is not the only cue). Timeline events are drawn
/// as on the line charts.
struct HeatMap {
  struct Row {
    var label: String
    /// One share per column (0…1).
    var values: [Double]
  }

  var id: String
  var title: String
  var rows: [Row]
  /// Each column's time span.
  var columns: [(start: Double, end: Double)]
  var markers: [LineChart.Marker] = []
  /// What a cell's share is (`utilisation`, `share of servers`), for read-outs and legend.
  var measure: String

  static let width = 720.0
  static let left = 150.0
  static let right = 16.0
  static let top = 22.0
  static let bottom = 40.0
  static let rowHeight = 14.0

  func svg() -> String {
    let n = HTMLText.number
    let plotW = HeatMap.width - HeatMap.left - HeatMap.right
    let plotH = Double(rows.count) * HeatMap.rowHeight
    let height = HeatMap.top + plotH + HeatMap.bottom
    let xLow = columns.first?.start ?? 0
    let xHigh = columns.last?.end ?? 1
    let span = xHigh - xLow > 0 ? xHigh - xLow : 1
    func px(_ x: Double) -> Double { HeatMap.left + (x - xLow) / span * plotW }
    let time = Axis("time", .time)
    var out: [String] = [
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart heatmap\" id=\"\(HTMLText.escape(id))\" "
        + "viewBox=\"0 0 \(n(HeatMap.width)) \(n(height))\" role=\"img\" "
        + "aria-label=\"\(HTMLText.escape(title))\">",
      HTMLText.title(title),
    ]
    for (r, row) in rows.enumerated() {
      let y = HeatMap.top + Double(r) * HeatMap.rowHeight
      var cells: [String] = []
      for (c, column) in columns.enumerated() where c < row.values.count {
        let value = row.values[c]
        let band = Palette.utilisationBands[Palette.band(value)]
        let x0 = px(column.start)
        let x1 = px(column.end)
        cells.append(
          HTMLText.element(
            "rect",
            [
              ("x", n(x0)), ("y", n(y)), ("width", n(Swift.max(0.5, x1 - x0))),
              ("height", n(HeatMap.rowHeight - 1)), ("fill", band.fill),
            ],
            HTMLText.title(
              row.label + " " + time.text(column.start) + "–" + time.text(column.end) + ": "
                + measure + " " + Format.percent1(value))))
      }
      out.append(
        HTMLText.element(
          "g", [("class", "row"), ("data-row", row.label)],
          HTMLText.element(
            "text",
            [
              ("x", n(HeatMap.left - 6)), ("y", n(y + HeatMap.rowHeight - 3)),
              ("text-anchor", "end"),
            ],
            HTMLText.escape(TextTable.fitKeepingEnd(row.label, width: 22))) + cells.joined()))
    }
    var axis: [String] = []
    let ticks = Axis.ticks(low: xLow, high: xHigh, count: 6, time: true)
    for value in ticks.values where value >= xLow - 1e-9 && value <= xHigh + 1e-9 {
      axis.append(
        HTMLText.element(
          "text",
          [("x", n(px(value))), ("y", n(HeatMap.top + plotH + 16)), ("text-anchor", "middle")],
          HTMLText.escape(time.text(value))))
    }
    axis.append(
      HTMLText.element(
        "text",
        [
          ("x", n(HeatMap.left + plotW / 2)), ("y", n(height - 4)), ("text-anchor", "middle"),
          ("class", "axis-label"),
        ], "time"))
    out.append(HTMLText.element("g", [("class", "axes")], axis.joined()))
    for marker in markers where marker.x.isFinite {
      let x = px(Swift.min(Swift.max(marker.x, xLow), xHigh))
      out.append(
        HTMLText.element(
          "g", [("class", "marker " + marker.kind), ("data-kind", marker.kind)],
          HTMLText.title(marker.detail)
            + HTMLText.empty(
              "line",
              [
                ("x1", n(x)), ("x2", n(x)), ("y1", n(HeatMap.top)), ("y2", n(HeatMap.top + plotH)),
                ("stroke", "#D55E00"), ("stroke-dasharray", "3 3"),
              ])
            + HTMLText.element(
              "text", [("x", n(x + 2)), ("y", n(HeatMap.top - 2)), ("class", "marker-label")],
              HTMLText.escape(marker.label))))
    }
    out.append("</svg>")
    return out.joined(separator: "\n")
  }

  /// The bands, each with its swatch and range.
  func legend() -> String {
    let items = Palette.utilisationBands.map { band in
      HTMLText.element(
        "li", [],
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"14\" height=\"12\" aria-hidden=\"true\">"
          + HTMLText.empty(
            "rect",
            [
              ("width", "14"), ("height", "12"), ("fill", band.fill), ("stroke", "#999999"),
            ]) + "</svg> " + HTMLText.escape(band.label))
    }
    return HTMLText.element(
      "ul", [("class", "legend")],
      HTMLText.element("li", [], HTMLText.escape(measure) + ":") + items.joined())
  }

  func figure(note: String = "") -> String {
    HTMLText.element(
      "figure", [("class", "chart-figure"), ("data-chart", id)],
      HTMLText.element("figcaption", [], HTMLText.escape(title)) + legend() + svg()
        + (note.isEmpty ? "" : HTMLText.element("p", [("class", "note")], HTMLText.escape(note))))
  }
}
