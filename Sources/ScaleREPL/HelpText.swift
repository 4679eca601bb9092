import ScaleLanguage

/// The text `.help` prints: the meta-commands (from `MetaCommand.all`), then how statements
/// (from `KeywordDocs`) and step mode work.
public enum HelpText {
  public static var text: String {
    let usages = MetaCommand.all.map { info in
      info.argument.map { "\(info.name) \($0)" } ?? info.name
    }
    let width = (usages.map(\.count).max() ?? 0) + 2
    var lines = ["Commands:"]
    for (usage, info) in zip(usages, MetaCommand.all) {
      lines.append("  " + usage + String(repeating: " ", count: width - usage.count) + info.summary)
    }
    // What each statement does, from the table the language server's hover reads.
    lines += ["", "Statements:"]
    let keywords = StatementSchema.statementKeywords
    let keywordWidth = (keywords.map(\.count).max() ?? 0) + 2
    for keyword in keywords {
      let summary = KeywordDocs.statement(keyword)?.summary ?? ""
      lines.append(
        "  " + keyword + String(repeating: " ", count: keywordWidth - keyword.count) + summary)
    }
    lines += [
      "",
      "Anything else is a statement of the language (see docs/language.md); the topology",
      "grows as you type. A `{` block continues on the next lines until its `}`.",
      "Step mode: `.step 10s` starts the simulation; between steps, actions typed without",
      "`at` happen now: `fail web-2`, `recover web-2`, `add server web-4 cpu 4`,",
      "`traffic 3000 rps`. Tab completes; Ctrl-C cancels the line or a running step.",
    ]
    return lines.joined(separator: "\n") + "\n"
  }
}
