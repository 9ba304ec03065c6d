import Foundation
import Testing

@testable import ParkShare

/// docs/errors.md, the bad-input catalogue: every diagnostic id in the code, with a real example
/// (rendered from a fixture that triggers it) and the fix. The page is generated here and held
/// as a golden file (PARKSHARE_RECORD=1 rewrites it; review it with git diff).
@Suite struct ErrorCatalogueTests {
  /// Ids written as string literals where diagnostics are made, and those built at run time.
  static func idsInCode() throws -> Set<String> {
    let pattern = try NSRegularExpression(
      pattern:
        #"(?:\berror|\bwarning|\bfail|\bbad|Diagnostic\(\.warning,|Diagnostic\(\.error,)\(?\s*"([a-z][a-z0-9-]*)""#
    )
    var ids: Set<String> = [
      "unexpected-member", "unexpected-vintage", "unexpected-month", "line-too-long",
    ]
    let sources = Paths.root.appendingPathComponent("Sources")
    let files =
      FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String } ?? []
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
      for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        ids.insert(String(text[Range(m.range(at: 1), in: text)!]))
      }
    }
    return ids
  }

  /// For each id a fixture triggers: the fixture and the diagnostic rendered.
  static func examples() throws -> [String: (fixture: String, text: String, hint: String?)] {
    var out: [String: (String, String, String?)] = [:]
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
    return out
  }

  /// Diagnostics of commands and files rather than of a contract or a bundle: when they happen,
  /// what to do, and the test that triggers each.
  static let others: [String: (when: String, fix: String, test: String)] = [
    "bad-accounts": (
      "a journal account file line is not `KEY = TEMPLATE` with a known key and an account type",
      "fix the line the error names", "JournalAccountsTests"
    ),
    "bad-assets": (
      "a fairness assets file names a revenue or party the contract does not have, or a line is not `REVENUE: PARTY, PARTY`",
      "use the contract's revenue and party ids", "FairnessTests"
    ),
    "bad-scenario": (
      "a scenario file is not valid JSON of the documented shape, or lacks data, period or discountRate",
      "see docs/negotiation.md; numbers are decimal strings", "SimulateTests"
    ),
    "bad-state": (
      "an opening state file is unreadable, of another contract, or does not close the period before",
      "pass the closing state of the previous period",
      "EvaluatorTests.anOpeningStateMustCloseThePreviousPeriod"
    ),
    "changed-file": (
      "a data file was removed, replaced, grown or truncated, or a readings file appeared, while the bundle was read (each file's device, inode, size and modification time are compared before and after)",
      "wait until the data is complete, then run again",
      "FailureInjectionTests.aFileChangedWhileItIsReadIsCaught"
    ),
    "cannot-allocate": (
      "a pool step cannot be computed for the period (a step table with no row for the KPI, a negative metric)",
      "check the data behind the named step", "AllocationTests"
    ),
    "ledger": (
      "the ledger refuses: the period is settled already, out of order, an amendment of an earlier period, another contract's ledger, or records were changed, removed or added",
      "settle the next period, use --amend for the latest, or restore the ledger from its backup",
      "LedgerTests"
    ),
    "missing-file": (
      "a file named on the command line or in a bundle cannot be read", "check the path",
      "BundleFixtureTests (readings-none), CLITests.missingFileIsAnError"
    ),
    "more-problems": (
      "a readings file has more than 20 problems of one kind",
      "fix the ones shown; the count says how many rows in all",
      "BundleFixtureTests (readings-many-problems)"
    ),
    "no-opening-state": (
      "a period after the first of the term is computed without the previous closing state, and the contract carries certificates or triggers",
      "pass --opening or settle with --ledger",
      "EvaluatorTests.aTriggeredReductionStaysThroughTheState"
    ),
    "not-utf8": (
      "a contract or data file is not UTF-8 text", "save it as UTF-8",
      "(by inspection: the file is read as UTF-8 first)"
    ),
    "pool-note": (
      "a pool leaves money unallocated (a negative pool, a remainder no step takes, a cap with no one to hand the excess to)",
      "add a split, or accept the unallocated amount shown", "AllocationPropertyTests"
    ),
    "too-large": (
      "a contract is over \(Limits.size(Limits.contractBytes)), or a registry, meter registry, facts or scenario file over \(Limits.size(Limits.tableBytes)); refused by its size before it is read",
      "check that it is the right file",
      "LimitsTests.aFiftyMegabyteContractIsRefusedBeforeItIsRead, LimitsTests.aHugeRegistryFileIsRefusedByItsSize"
    ),
    "unreadable-file": (
      "a contract file cannot be read", "check the path", "CLITests.missingFileIsAnError"
    ),
    "unwritable-file": (
      "an output file cannot be written (permissions, disk full); nothing is written, and files this run wrote are taken back",
      "free space or fix permissions and run again",
      "FailureInjectionTests.everyWriteStepCanFailWithoutLoss"
    ),
    "would-overwrite": (
      "an output or state file exists with other content; nothing is written",
      "choose another path; a statement already issued is a record",
      "RevenueCommandTests, SettleCommandTests"
    ),
    "reserved-name": (
      "a keyword is bound as a name; a safety net, as the parser already refuses keywords where names go (`expected an input id, found 'from'`)",
      "choose another name", "(unreachable from contract text: the parser answers first)"
    ),
    "kwh-overflow": (
      "a meter's kWh for one interval of the day add up past 9.2 billion kWh over the period",
      "check that the readings are in kWh, not Wh", "(by construction: needs more than 9.2e12 kWh)"
    ),
  ]

  static func render(
    _ ids: Set<String>, _ examples: [String: (fixture: String, text: String, hint: String?)]
  ) -> String {
    var out = """
      # Diagnostics: the bad-input catalogue

      Every diagnostic parkshare can print, by its stable id (the `id` of `--json` output). Each
      has a real example, rendered from the fixture under `Tests/ParkShareTests/` that triggers it;
      its `hint:` line is the fix. This page is generated by `ErrorCatalogueTests` (run the tests with
      `PARKSHARE_RECORD=1` to rewrite it) and a test fails when an id in the code is missing here.

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
      | indentation | \(Limits.nesting) levels | `too-deep` |
      | lines under one clause (tiers, schedule and table rows, bands, steps) | \(Limits.grouped(Limits.blockLines)) | `too-many` |
      | parties, counting registry members | \(Limits.grouped(Limits.parties)) | `too-many` |
      | numbers | 38 significant digits, 28 decimals; arithmetic past that is `overflow`, naming the clause | `overflow` |


      """
    for id in ids.sorted() where examples[id] != nil {
      let e = examples[id]!
      out += "## `\(id)`\n\nexample (`\(e.fixture)`):\n\n```\n\(e.text)```\n\n"
    }
    out += "## Commands and files\n\n| id | when | fix | triggered by |\n|---|---|---|---|\n"
    for id in ids.sorted() where examples[id] == nil {
      let o = others[id]
      out += "| `\(id)` | \(o?.when ?? "?") | \(o?.fix ?? "?") | \(o?.test ?? "?") |\n"
    }
    return out
  }

  @Test func everyIdIsInTheCatalogue() throws {
    let ids = try Self.idsInCode()
    let examples = try Self.examples()
    // Each id is triggered by a fixture, or described with the test that triggers it.
    let undocumented = ids.filter { examples[$0] == nil && Self.others[$0] == nil }
    #expect(
      undocumented.isEmpty, "ids with neither a fixture nor an entry: \(undocumented.sorted())")
    // Every example id is one the code makes (no stale fixture ids).
    #expect(Set(examples.keys).isSubset(of: ids), "\(Set(examples.keys).subtracting(ids).sorted())")
    let page = Self.render(ids, examples)
    let url = Paths.root.appendingPathComponent("docs/errors.md")
    #expect(try page == Golden.check(page, at: url))
  }
}
