import ScaleModel

/// One self-contained HTML page: inline CSS, inline SVG, no script, no external resource (it
/// opens offline and can be attached to a CI run). Reports add titled sections of HTML.
public struct HTMLPage: Sendable {
  public var title: String
  /// A line under the title (seed, duration, …).
  public var subtitle: String
  var sections: [String] = []

  public init(title: String, subtitle: String = "") {
    self.title = title
    self.subtitle = subtitle
  }

  /// A `<section>` with a heading; `id` names it for tests and links.
  public mutating func add(section id: String, heading: String, _ html: String) {
    sections.append(
      HTMLText.element(
        "section", [("id", id)], HTMLText.element("h2", [], HTMLText.escape(heading)) + html))
  }

  /// A paragraph of plain text.
  public static func paragraph(_ text: String, class name: String = "") -> String {
    HTMLText.element("p", name.isEmpty ? [] : [("class", name)], HTMLText.escape(text))
  }

  /// A table: header and rows of plain text; columns whose title is in `numeric` are
  /// right-aligned. With more than `fold` rows, the rest are in a collapsed `<details>`;
  /// beyond `limit` rows a note sends the reader to the CSV and JSON reports, so a pool of
  /// 10 000 servers does not make a page of megabytes.
  public static func table(
    header: [String], rows allRows: [[String]], numeric: Set<Int> = [], fold: Int = 50,
    limit: Int = 500, class name: String = ""
  ) -> String {
    let rows = Array(allRows.prefix(Swift.max(limit, fold)))
    let omitted = allRows.count - rows.count
    let note =
      omitted > 0
      ? paragraph(
        "\(Format.count(omitted)) more rows in the CSV and JSON reports.", class: "note")
      : ""
    func row(_ cells: [String], tag: String) -> String {
      HTMLText.element(
        "tr", [],
        cells.enumerated().map { i, text in
          HTMLText.element(
            tag, numeric.contains(i) ? [("class", "num")] : [], HTMLText.escape(text))
        }.joined())
    }
    let head = HTMLText.element("thead", [], row(header, tag: "th"))
    func body(_ rows: ArraySlice<[String]>) -> String {
      HTMLText.element("tbody", [], rows.map { row($0, tag: "td") }.joined())
    }
    let attributes = name.isEmpty ? [] : [("class", name)]
    guard rows.count > fold else {
      return HTMLText.element("table", attributes, head + body(rows[...])) + note
    }
    return HTMLText.element("table", attributes, head + body(rows.prefix(fold)))
      + HTMLText.element(
        "details", [],
        HTMLText.element("summary", [], "\(Format.count(rows.count - fold)) more rows")
          + HTMLText.element("table", attributes, head + body(rows.dropFirst(fold)))) + note
  }

  static let css = """
    body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;\
    margin:0 auto;max-width:1100px;padding:16px 24px}
    h1{font-size:22px;margin:8px 0 2px}h2{font-size:17px;margin:28px 0 8px;\
    border-bottom:1px solid #ccc;padding-bottom:4px}
    .subtitle,.note{color:#555}.note{font-size:12px}
    svg.chart,svg.topology{width:100%;height:auto;display:block}svg.chart{max-width:900px}
    svg text{font:11px system-ui,sans-serif;fill:#222}svg .axis-label{font-size:12px;fill:#444}
    svg .marker-label{font-size:10px;fill:#555}svg .node .name{font-weight:600}
    svg .fact{font-size:10.5px}
    figure{margin:12px 0 20px}figcaption{font-weight:600}
    ul.legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 16px;\
    font-size:12px}ul.legend li{display:flex;align-items:center;gap:4px}
    table{border-collapse:collapse;margin:6px 0 14px;font-size:13px}
    th,td{padding:3px 10px;border-bottom:1px solid #e3e3e3;text-align:left}
    th{background:#f4f4f4}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
    .verdicts li{margin:4px 0;list-style:none}.badge{display:inline-block;min-width:9em;\
    font-weight:700;padding:1px 6px;border-radius:3px;margin-right:8px}
    .pass .badge{background:#dff0e6;color:#00603d}.fail .badge{background:#fbe1d4;\
    color:#8a2d00}.inconclusive .badge{background:#eee;color:#333}
    details summary{cursor:pointer;color:#0072B2}
    """

  /// The whole document.
  public func render() -> String {
    var out = [
      "<!DOCTYPE html>",
      "<html lang=\"en\">",
      "<head>",
      "<meta charset=\"utf-8\">",
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
      "<meta name=\"generator\" content=\"scale\">",
      HTMLText.element("title", [], HTMLText.escape(title)),
      HTMLText.element("style", [], HTMLPage.css),
      "</head>",
      "<body>",
      HTMLText.element("h1", [], HTMLText.escape(title)),
    ]
    if !subtitle.isEmpty {
      out.append(HTMLPage.paragraph(subtitle, class: "subtitle"))
    }
    out += sections
    out += ["</body>", "</html>", ""]
    return out.joined(separator: "\n")
  }
}
