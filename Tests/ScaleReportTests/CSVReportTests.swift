import ScaleModel
import Testing

@testable import ScaleReport

/// A minimal RFC 4180 reader for checking the writer.
private func readCSV(_ text: String) -> [[String]] {
  var rows: [[String]] = []
  var row: [String] = []
  var field = ""
  var quoted = false
  var chars = Array(text.unicodeScalars)[...]
  while let c = chars.popFirst() {
    if quoted {
      if c == "\"" {
        if chars.first == "\"" {
          field.unicodeScalars.append("\"")
          chars = chars.dropFirst()
        } else {
          quoted = false
        }
      } else {
        field.unicodeScalars.append(c)
      }
    } else if c == "\"" {
      quoted = true
    } else if c == "," {
      row.append(field)
      field = ""
    } else if c == "\n" {
      row.append(field)
      rows.append(row)
      row = []
      field = ""
    } else {
      field.unicodeScalars.append(c)
    }
  }
  return rows
}

@Test func timeSeriesHasOneRowPerIntervalAndStableColumns() {
  let rows = readCSV(CSVReport.timeSeries(Fixtures.shopResult))
  #expect(rows.count == 1 + 12)
  #expect(rows.allSatisfy { $0.count == rows[0].count })
  #expect(
    Array(rows[0].prefix(11)) == [
      "start", "end", "offered", "completed", "errors", "in_flight", "p50", "p99", "servers",
      "web-1 utilisation",
      "web-1 queue",
    ])
  #expect(
    rows[0].suffix(8) == [
      "jobs utilisation", "jobs queue", "rejected", "timed_out", "unavailable", "breaker_open",
      "sessions hit rate", "orders stale reads",
    ])
  #expect(rows[1][0] == "30.0")
  #expect(rows[1][7] == "0.018")
}

@Test func componentsHaveEveryField() {
  let rows = readCSV(CSVReport.components(Fixtures.shopResult))
  #expect(rows.count == 1 + Fixtures.shopResult.components.count)
  #expect(rows.allSatisfy { $0.count == 31 })
  #expect(rows[1][0] == "web-1")
  #expect(rows[1].last == "true")
}

@Test func fieldsAreQuotedByRFC4180() {
  var result = Fixtures.smallResult
  result.components[0].name = "a,\"b\"\r\nc"
  let text = CSVReport.components(result)
  #expect(text.contains("\"a,\"\"b\"\"\r\nc\",server"))
  #expect(readCSV(text)[1][0] == "a,\"b\"\r\nc")
  #expect(CSVReport.field("plain") == "plain")
}
