import ScaleKit
import Testing

private let header = Sweep.csvHeader

@Test func mergeSortsByIndexAndDropsDuplicates() throws {
  let a =
    header + "\n0,servers,1,false,1,1,1,0,0,0,1,web-1\n2,servers,3,true,1,1,1,0,0,0,0.5,web-1\n"
  let b =
    header + "\n1,servers,2,true,1,1,1,0,0,0,0.7,web-1\n2,servers,3,true,1,1,1,0,0,0,0.5,web-1\n"
  let merged = try Sweep.merge([b, a])
  let lines = merged.split(separator: "\n")
  #expect(lines.count == 4)
  #expect(lines[1].hasPrefix("0,") && lines[2].hasPrefix("1,") && lines[3].hasPrefix("2,"))
}

@Test func mergeRejectsForeignOrConflictingInput() {
  #expect(throws: Sweep.MergeError.headerMismatch(0)) { try Sweep.merge(["a,b\n1,2\n"]) }
  let a = header + "\n0,servers,1,false,1,1,1,0,0,0,1,web-1\n"
  let b = header + "\n0,servers,1,true,1,1,1,0,0,0,1,web-1\n"
  #expect(throws: Sweep.MergeError.conflictingRows(0)) { try Sweep.merge([a, b]) }
}
