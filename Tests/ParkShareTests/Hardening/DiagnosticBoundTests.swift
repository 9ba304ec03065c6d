import Foundation
import Testing

@testable import ParkShare

/// A file with 400,000 mistakes (issue 12, section 4) used to print all of them: minutes and
/// hundreds of megabytes of output. Each file now prints its first 200 problems, then one
/// `more-problems` line with the count of the rest, last.
@Suite struct DiagnosticBoundTests {
  static let head = """
    contract t "test deal"
    currency CNY rounding half-up
    settle quarterly from 2026Q1 to 2027Q4
    party a "甲方" operator

    """

  @Test func fourHundredThousandProblemsPrintTheFirstTwoHundredAndACountLast() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-many-\(UUID().uuidString).contract")
    defer { try? FileManager.default.removeItem(at: url) }
    try Data((Self.head + String(repeating: "?\n", count: 400_000)).utf8).write(to: url)
    let run = try runParkshare(["check", url.path])
    #expect(run.status == 1)
    let headers = run.err.split(separator: "\n").filter { $0.contains(": error[") }
    #expect(headers.count == DiagnosticRenderer.shownPerFile + 1)
    #expect(headers.dropLast().allSatisfy { $0.contains("error[bad-character]") })
    #expect(
      headers.first?.hasSuffix(".contract:5:1: error[bad-character]: unexpected character '?'")
        == true)
    #expect(headers[199].contains(".contract:204:1: error[bad-character]"))
    #expect(
      headers.last == "\(url.path): error[more-problems]: 399,800 more problems in this file")
    #expect(
      run.err.hasSuffix("  hint: 400,000 in all; the first 200 are shown: fix them and run again\n")
    )
    #expect(run.err.utf8.count < 200 * 200, "bounded output, not 400,000 excerpts")
  }

  @Test func theBoundIsPerFileAndCountsWarningsAsWarnings() {
    let at = { (file: String, line: Int) in
      SourceRange(
        file: file, start: .init(line: line, column: 1), end: .init(line: line, column: 2))
    }
    let warnings = (1...203).map { Diagnostic.warning(.unusedInput, "w\($0)", at: at("a", $0)) }
    let errors = (1...201).map { Diagnostic.error(.syntax, "e\($0)", at: at("b", $0)) }
    let out = DiagnosticRenderer(sources: []).render(warnings + errors)
    let lines = out.split(separator: "\n")
    #expect(lines.filter { $0.hasPrefix("a:") && !$0.contains("more-problems") }.count == 200)
    #expect(lines.filter { $0.hasPrefix("b:") && !$0.contains("more-problems") }.count == 200)
    #expect(
      lines.suffix(4) == [
        "a: warning[more-problems]: 3 more problems in this file",
        "  hint: 203 in all; the first 200 are shown: fix them and run again",
        "b: error[more-problems]: 1 more problem in this file",
        "  hint: 201 in all; the first 200 are shown: fix them and run again",
      ])
  }

  /// The readings reader's own count of a kind comes after the rows it counts.
  @Test func aMoreProblemsCountSortsAfterTheProblemsOfItsFile() {
    let row = SourceRange(
      file: "r.csv", start: .init(line: 9, column: 1), end: .init(line: 9, column: 2))
    let ds: [Diagnostic] = [
      .error(.moreProblems, "1 more", at: .whole("r.csv")),
      .error(.badKWh, "x", at: row),
      .error(.unreadableFile, "cannot read", at: .whole("q.csv")),
    ]
    #expect(ds.ordered.map(\.id) == [.unreadableFile, .badKWh, .moreProblems])
  }
}
