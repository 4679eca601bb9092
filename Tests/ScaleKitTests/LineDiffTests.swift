import ScaleKit
import Testing

@Test func equalTextsHaveNoDiff() {
  #expect(LineDiff.unified(old: "a\nb\n", new: "a\nb\n", name: "x.scale") == "")
}

@Test func changedLineShowsAsRemovedAndAdded() {
  let diff = LineDiff.unified(
    old: "seed 1\nserver  web-1 cpu 4\nbalancer weighted\n",
    new: "seed 1\nserver web-1 cpu 4\nbalancer weighted\n", name: "x.scale")
  #expect(
    diff == """
      --- x.scale
      +++ x.scale (formatted)
      @@ -1,3 +1,3 @@
       seed 1
      -server  web-1 cpu 4
      +server web-1 cpu 4
       balancer weighted

      """)
}

@Test func distantChangesMakeSeparateHunks() {
  let old = (1...20).map { "line \($0)" }.joined(separator: "\n")
  var lines = (1...20).map { "line \($0)" }
  lines[1] = "LINE 2"
  lines[17] = "LINE 18"
  let diff = LineDiff.unified(old: old, new: lines.joined(separator: "\n"), name: "f")
  #expect(diff.components(separatedBy: "@@ -").count == 3)
  #expect(diff.contains("-line 2\n+LINE 2\n"))
  #expect(diff.contains("-line 18\n+LINE 18\n"))
}

@Test func removedTrailingBlankLines() {
  let diff = LineDiff.unified(old: "a\n\n\n", new: "a\n", name: "f")
  #expect(diff.contains("@@ -1,3 +1,1 @@"))
  #expect(diff.filter { $0 == "-" }.count >= 2)
}
