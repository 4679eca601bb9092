import ScaleModel

/// CSV tables for spreadsheets and plotting: a header row, then one row per interval or
/// component. Fields are quoted by RFC 4180 (a field holding `,` `"` CR or LF is wrapped in
/// quotes with `"` doubled); lines end in LF. Numbers are plain decimals (Swift's shortest
/// round-trip text), times in seconds, shares 0…1.
public enum CSVReport {
  /// One row per interval: `start,end,offered,completed,errors,in_flight,p50,p99,servers`
  /// (`in_flight`: requests present at the interval's end), then for
  /// each component with a series `<name> utilisation` and `<name> queue` (declaration
  /// order, then any other names sorted), the interval's errors by cause
  /// (`rejected,timed_out,unavailable,breaker_open`), `<cache> hit rate` per cache and
  /// `<database> stale reads` (share of reads) per database with replicas, and per pool
  /// `<pool> throughput` (answers per second), `<pool> p50`, `<pool> p90`, `<pool> p99` (time
  /// in the pool) and `<pool> errors` (its utilisation and queue are among the components'). A
  /// value missing in an interval is an empty field.
  public static func timeSeries(_ result: RunResult) -> String {
    let names = TextReport.seriesNames(result, \.utilisation)
    let queueNames = Set(TextReport.seriesNames(result, \.queueLength))
    let allNames =
      names
      + TextReport.seriesNames(result, \.queueLength).filter {
        !names.contains($0)
      }
    var header = [
      "start", "end", "offered", "completed", "errors", "in_flight", "p50", "p99", "servers",
    ]
    for name in allNames {
      header.append(name + " utilisation")
      header.append(name + " queue")
    }
    let caches = TextReport.seriesNames(result, \.hitRate)
    let databases = TextReport.seriesNames(result, \.staleReads)
    header += ["rejected", "timed_out", "unavailable", "breaker_open"]
    header += caches.map { $0 + " hit rate" } + databases.map { $0 + " stale reads" }
    let pools = TextReport.poolSeriesNames(result)
    for name in pools {
      header += ["throughput", "p50", "p90", "p99", "errors"].map { name + " " + $0 }
    }
    var rows = [header]
    for i in result.intervals {
      var row = [
        number(i.start), number(i.end), String(i.offered), String(i.completed),
        String(i.errors), String(i.inFlight), number(i.latency.p50), number(i.latency.p99),
        String(i.servers),
      ]
      for name in allNames {
        row.append(i.utilisation[name].map(number) ?? "")
        row.append(queueNames.contains(name) ? (i.queueLength[name].map(number) ?? "") : "")
      }
      let causes = i.errorCauses
      row += [causes.rejected, causes.timedOut, causes.unavailable, causes.breakerOpen].map {
        String($0)
      }
      row += caches.map { i.hitRate[$0].map(number) ?? "" }
      row += databases.map { i.staleReads[$0].map(number) ?? "" }
      let span = i.end - i.start
      for name in pools {
        guard let p = i.pools[name] else {
          row += Array(repeating: "", count: 5)
          continue
        }
        let quantiles = p.latency.count > 0 ? [p.latency.p50, p.latency.p90, p.latency.p99] : []
        row.append(span > 0 ? number(Double(p.completed) / span) : "")
        row += quantiles.isEmpty ? ["", "", ""] : quantiles.map(number)
        row.append(String(p.errors.total))
      }
      rows.append(row)
    }
    return table(rows)
  }

  /// One row per component in declaration order, every field of `ComponentStats`; then one
  /// row per route (kind `route`) in declaration order.
  public static func components(_ result: RunResult) -> String {
    let header = [
      "name", "kind", "cores", "arrivals", "completed", "errors", "rejected", "timed_out",
      "unavailable", "breaker_open", "utilisation", "mean_queue", "max_queue",
      "mean_in_system", "latency_count", "latency_mean", "p50", "p90", "p95", "p99", "p999",
      "latency_max", "hits", "misses", "hit_rate", "evictions", "reads", "writes",
      "stale_reads", "down_time", "healthy",
    ]
    var rows = [header]
    for c in result.components {
      let l = c.latency
      rows.append([
        c.name, c.kind.rawValue, String(c.cores), String(c.arrivals), String(c.completed),
        String(c.errors.total), String(c.errors.rejected), String(c.errors.timedOut),
        String(c.errors.unavailable), String(c.errors.breakerOpen), number(c.utilisation),
        number(c.meanQueueLength), String(c.maxQueueLength), number(c.meanInSystem),
        String(l.count), number(l.mean), number(l.p50), number(l.p90), number(l.p95),
        number(l.p99), number(l.p999), number(l.max), String(c.hits), String(c.misses),
        number(c.hitRate), String(c.evictions), String(c.reads), String(c.writes),
        String(c.staleReads), number(c.downTime), c.healthy ? "true" : "false",
      ])
    }
    // Then one row per route (request class), kind `route`: `arrivals` is the route's offered
    // requests, the latency columns its end-to-end latency; the columns only a component has
    // are empty fields.
    for r in result.routes {
      let l = r.latency
      let fields = [
        r.name, "route", "", String(r.offered), String(r.completed), String(r.errors.total),
        String(r.errors.rejected), String(r.errors.timedOut), String(r.errors.unavailable),
        String(r.errors.breakerOpen), "", "", "", "", String(l.count), number(l.mean),
        number(l.p50), number(l.p90), number(l.p95), number(l.p99), number(l.p999),
        number(l.max),
      ]
      rows.append(fields + Array(repeating: "", count: Swift.max(0, header.count - fields.count)))
    }
    return table(rows)
  }

  static func number(_ x: Double) -> String {
    Format.machine(x) ?? ""
  }

  static func table(_ rows: [[String]]) -> String {
    rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
  }

  /// One field, quoted when RFC 4180 requires it.
  static func field(_ text: String) -> String {
    let needsQuotes = text.unicodeScalars.contains {
      $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r"
    }
    guard needsQuotes else { return text }
    var quoted = "\""
    for character in text {
      quoted.append(character)
      if character == "\"" { quoted.append("\"") }
    }
    return quoted + "\""
  }
}
