import ScaleLanguage
import Testing

@testable import ScaleREPL

@Test func helpAlignsEveryCommandInOrder() {
  let lines = HelpText.text.split(separator: "\n", omittingEmptySubsequences: false)
  #expect(lines.first == "Commands:")
  let commands = lines.dropFirst().prefix(MetaCommand.all.count)
  #expect(commands.count == MetaCommand.all.count)
  for (line, info) in zip(commands, MetaCommand.all) {
    #expect(line.hasPrefix("  \(info.name)"))
    #expect(line.hasSuffix(info.summary))
    // Summaries start in one column.
    #expect(line.firstRange(of: info.summary)?.lowerBound.utf16Offset(in: line) == 18)
  }
  #expect(HelpText.text.hasSuffix("Ctrl-C cancels the line or a running step.\n"))
}

@Test func helpListsEveryStatementWithItsDocumentation() {
  let text = HelpText.text
  #expect(text.contains("\nStatements:\n"))
  for keyword in StatementSchema.statementKeywords {
    let summary = KeywordDocs.statement(keyword)?.summary
    #expect(summary != nil, "no documentation for `\(keyword)`")
    #expect(text.contains("  \(keyword) ") && text.contains(summary ?? "?"))
  }
}
