import Foundation
import Testing

@testable import ParkShare

/// docs/errors.md, the bad-input catalogue: every case of `DiagnosticID`, with its summary, a real
/// example (rendered from a fixture that triggers it) and the fix. The page is generated here and
/// held as a golden file (PARKSHARE_RECORD=1 rewrites it; review it with git diff). A fixture
/// cannot produce an id outside the enum (it would not compile), and a case no fixture produces
/// fails here.
@Suite struct ErrorCatalogueTests {
  /// For each id a fixture triggers: the fixture and the diagnostic rendered.
  typealias Example = (fixture: String, text: String, hint: String?)

  static func examples() throws -> [DiagnosticID: Example] {
    var out: [DiagnosticID: Example] = [:]
    for name in DiagnosticGoldenTests.names {
      let url = Paths.brokenContracts.appendingPathComponent(name)
      let text = try String(contentsOf: url, encoding: .utf8)
      let source = SourceFile(path: name, text: text)
      let result = Checker.check(source) { file in
        (
          file,
          try String(
            contentsOf: Paths.brokenContracts.appendingPathComponent(file), encoding: .utf8)
        )
      }
      let renderer = DiagnosticRenderer(sources: [source] + result.sources)
      for d in result.diagnostics where out[d.id] == nil {
        out[d.id] = ("Fixtures/contracts/\(name)", renderer.render(d), d.hint)
      }
    }
    for name in BundleFixtureTests.names {
      let r = try BundleFixtureTests.run(name)
      for d in r.diagnostics where out[d.id] == nil {
        let text = r.renderer.render(d).replacingOccurrences(
          of: BundleFixtureTests.folder.path + "/", with: "")
        out[d.id] = ("Fixtures/bundles/\(name)", text, d.hint)
      }
    }
    // Command fixtures: their expected output (held equal to what they print by
    // CommandFixtureTests), shown after the commands that produce it.
    let folder = CommandFixtureTests.folder
    for name in CommandFixtureTests.names {
      let script = try String(
        contentsOf: folder.appendingPathComponent(name).appendingPathComponent("run"),
        encoding: .utf8)
      // The commands without the comment and the copying of shared fixture files.
      let commands = script.split(separator: "\n")
        .filter { !$0.hasPrefix("#") && !$0.hasPrefix("cp ") && !$0.hasPrefix("mkdir ") }
        .map { "$ " + $0 + "\n" }.joined()
      let printed = try String(
        contentsOf: folder.appendingPathComponent(name + ".expected"), encoding: .utf8)
      for (id, block) in diagnosticBlocks(printed) where out[id] == nil {
        out[id] = ("Fixtures/commands/\(name)", commands + block, nil)
      }
    }
    return out
  }

  /// Rendered diagnostics cut apart: each begins at its `...: error[id]: ` line and runs to the
  /// next one.
  static func diagnosticBlocks(_ text: String) -> [(id: DiagnosticID, text: String)] {
    let header = #/^\S[^\n]*?: (?:error|warning)\[([a-z0-9-]+)\]: /#
    var blocks: [(id: DiagnosticID, text: String)] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
      if let m = line.firstMatch(of: header) {
        // Printed by the code, so always a case; a text edited by hand is caught here.
        guard let id = DiagnosticID(rawValue: String(m.1)) else {
          Issue.record("'\(m.1)' in a command fixture's expected output is no diagnostic id")
          continue
        }
        blocks.append((id, ""))
      }
      if !blocks.isEmpty { blocks[blocks.count - 1].text += line + "\n" }
    }
    return blocks
  }

  /// Ids no fixture can trigger, with when they happen, the fix and the test that triggers each.
  static let others: [DiagnosticID: (when: String, fix: String, test: String)] = [
    .changedFile: (
      "a data file was removed, replaced, grown or truncated, or a readings file appeared, while the bundle was read (each file's device, inode, size and modification time are compared before and after)",
      "wait until the data is complete, then run again",
      "FailureInjectionTests.aFileChangedWhileItIsReadIsCaught: a fixture is still, and this needs a file changing mid-run"
    )
  ]

  static func render(_ examples: [DiagnosticID: Example]) -> String {
    let ids = DiagnosticID.allCases.sorted { $0.rawValue < $1.rawValue }
    var out = """
      # Diagnostics: the bad-input catalogue

      Every diagnostic parkshare can print, by its stable id: the one in brackets in
      `file:line:col: error[id]: message`, and the `id` of `--json` output. Each has a real
      example, rendered from the fixture under `Tests/ParkShareTests/Fixtures` that triggers it (a
      broken contract, a data bundle, or for a command's own files a `commands/` script, shown
      with the commands it runs); its `hint:` line is the fix. One id needs a file to change while
      it is read, which no fixture can hold: it is listed at the end with the test that triggers
      it. This page is generated by `ErrorCatalogueTests` from the cases of `DiagnosticID` (run the
      tests with `PARKSHARE_RECORD=1` to rewrite it); a test fails when a case has no fixture.

      Errors stop the command (exit status 1) and nothing is written; warnings do not.

      ## Limits

      Inputs are untrusted. Past these bounds parkshare reports `too-large`, `line-too-long`,
      `too-deep` or `too-many` and goes on checking the rest of the file; it never crashes or runs
      out of memory (held by `LimitsTests` and `GigabyteReadingsTests`). Each is far above what a
      real contract needs.

      | what | limit | id |
      |---|---|---|
      | contract file | \(Limits.size(Limits.contractBytes)) | `too-large` |
      | registry, meter registry, facts, scenario file | \(Limits.size(Limits.tableBytes)) | `too-large` |
      | contract line | \(Limits.size(Limits.lineBytes)) | `line-too-long` |
      | readings line | \(Limits.size(ReadingsReader.lineLimit)) | `line-too-long` |
      | readings file | none: streamed in constant memory (1 GiB summed under a 128 MiB heap limit) | |
      | expression nesting | \(Parser.maxExpressionDepth) levels | `too-deep` |
      | expression depth, from its top to its deepest value (a sum of N terms is N - 1 deep) | \(Parser.maxExpressionHeight) operations | `too-deep` |
      | chains of definitions (`let a = b`, `let b = c`, ...) | none: checked and computed without recursion (100,000 tested) | |
      | diagnostics printed of one file | \(DiagnosticRenderer.shownPerFile), then one `more-problems` line with the count of the rest | `more-problems` |
      | indentation | \(Limits.nesting) levels | `too-deep` |
      | lines under one clause (tiers, schedule and table rows, bands, steps) | \(Limits.grouped(Limits.blockLines)) | `too-many` |
      | parties, counting registry members | \(Limits.grouped(Limits.parties)) | `too-many` |
      | numbers | 38 significant digits, 28 decimals; arithmetic past that is `overflow`, naming the clause | `overflow` |


      """
    for id in ids {
      guard let e = examples[id] else { continue }
      out += "## `\(id.rawValue)`\n\n\(sentence(id.summary))\n\n"
      out += "example (`\(e.fixture)`):\n\n```\n\(e.text)```\n\n"
    }
    out +=
      "## Triggered by a test only\n\n| id | when | fix | triggered by |\n|---|---|---|---|\n"
    for id in ids where examples[id] == nil {
      let o = others[id]
      out += "| `\(id.rawValue)` | \(o?.when ?? "?") | \(o?.fix ?? "?") | \(o?.test ?? "?") |\n"
    }
    return out
  }

  /// A summary as a sentence: capitalized, with a full stop.
  static func sentence(_ summary: String) -> String {
    summary.prefix(1).uppercased() + summary.dropFirst() + "."
  }

  @Test func everyIdIsInTheCatalogue() throws {
    let examples = try Self.examples()
    // Each case is triggered by a fixture, or described with the test that triggers it.
    let undocumented = DiagnosticID.allCases.filter {
      examples[$0] == nil && Self.others[$0] == nil
    }
    #expect(
      undocumented.isEmpty,
      "cases with neither a fixture nor an entry: \(undocumented.map(\.rawValue).sorted())")
    // And an entry is only for an id no fixture triggers.
    let stale = Self.others.keys.filter { examples[$0] != nil }
    #expect(stale.isEmpty, "entries for ids a fixture triggers: \(stale.map(\.rawValue))")
    let page = Self.render(examples)
    let url = Paths.root.appendingPathComponent("docs/errors.md")
    #expect(try page == Golden.check(page, at: url))
  }

  /// Every case has a summary of its own: two cases saying the same are one case, or unclear.
  @Test func everySummaryIsDistinct() {
    let summaries = DiagnosticID.allCases.map(\.summary)
    #expect(Set(summaries).count == summaries.count)
    #expect(summaries.allSatisfy { !$0.isEmpty && !$0.hasSuffix(".") })
  }
}
