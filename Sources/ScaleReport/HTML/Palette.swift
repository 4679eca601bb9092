/// Colours and line styles of the HTML report. Series take the Okabe–Ito palette (Okabe & Ito,
/// "Color Universal Design", 2008: distinguishable with every common colour-vision
/// deficiency) and, so that colour is never the only cue, a dash pattern and a point marker
/// each. Utilisation uses a light-to-dark blue scale whose bands are also written as text.
enum Palette {
  /// Okabe–Ito, without yellow (too faint on white): blue, vermillion, bluish green, orange,
  /// reddish purple, sky blue, black.
  static let series = ["#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#000000"]
  /// Dash patterns (SVG `stroke-dasharray`), "" solid.
  static let dashes = ["", "6 3", "2 3", "8 3 2 3"]
  static let markers: [Marker] = [.circle, .square, .triangle, .diamond]

  enum Marker: String {
    case circle, square, triangle, diamond

    /// The marker's SVG shape centred on (x, y).
    func shape(x: Double, y: Double, colour: String) -> String {
      let n = HTMLText.number
      switch self {
      case .circle:
        return HTMLText.empty(
          "circle", [("cx", n(x)), ("cy", n(y)), ("r", "2.5"), ("fill", colour)])
      case .square:
        return HTMLText.empty(
          "rect",
          [("x", n(x - 2.5)), ("y", n(y - 2.5)), ("width", "5"), ("height", "5"), ("fill", colour)])
      case .triangle:
        return HTMLText.empty(
          "path",
          [
            ("d", "M\(n(x)) \(n(y - 3))L\(n(x + 3)) \(n(y + 2.5))L\(n(x - 3)) \(n(y + 2.5))Z"),
            ("fill", colour),
          ])
      case .diamond:
        return HTMLText.empty(
          "path",
          [
            (
              "d",
              "M\(n(x)) \(n(y - 3))L\(n(x + 3)) \(n(y))L\(n(x)) \(n(y + 3))L\(n(x - 3)) \(n(y))Z"
            ), ("fill", colour),
          ])
      }
    }
  }

  struct Style {
    var colour: String
    var dash: String
    var marker: Marker
  }

  /// The style of the `index`th series: colours cycle fastest, then dashes, so the first 28
  /// series differ in colour and dash or marker.
  static func style(_ index: Int) -> Style {
    let i = Swift.max(0, index)
    return Style(
      colour: series[i % series.count], dash: dashes[(i / series.count + i) % dashes.count],
      marker: markers[i % markers.count])
  }

  /// Utilisation bands: upper bound (exclusive, the last inclusive), fill, text colour, label.
  static let utilisationBands: [(upper: Double, fill: String, text: String, label: String)] = [
    (0.25, "#EFF3FF", "#000000", "<25%"),
    (0.5, "#BDD7E7", "#000000", "25–50%"),
    (0.75, "#6BAED6", "#000000", "50–75%"),
    (0.9, "#3182BD", "#FFFFFF", "75–90%"),
    (Double.infinity, "#08519C", "#FFFFFF", "≥90%"),
  ]

  /// The band of a utilisation share (0…1; non-finite counts as idle).
  static func band(_ share: Double) -> Int {
    let value = share.isFinite ? share : 0
    return utilisationBands.firstIndex { value < $0.upper } ?? (utilisationBands.count - 1)
  }

  /// Event lines on time axes and the highlighted answer of `scale capacity`.
  static let event = "#555555"
  static let bound = "#D55E00"
  static let grid = "#E5E5E5"
}
