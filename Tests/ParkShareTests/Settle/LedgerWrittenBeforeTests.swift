import Foundation
import Testing

/// A ledger written by the engine before the records were encoded by the shared encoder
/// (Fixtures/ledgers/written-before-usecases: 2026-01, 2026-02, and 2026-02 amended from a
/// corrected certificate price). It must keep verifying and settling, and the same settlements
/// written today must give the same bytes, so a ledger's digests never depend on when it was
/// written.
@Suite struct LedgerWrittenBeforeTests {
  static let fixture = Paths.fixtures.appendingPathComponent("ledgers/written-before-usecases")

  /// A scratch copy of the fixture folder (contract, bundles, ledger).
  func scratch() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-before-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: Self.fixture, to: url)
    return url
  }

  @Test func itVerifiesAndSettlesTheNextPeriod() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let before = try runParkshare(["ledger", "verify", "ledger"], cwd: dir)
    #expect(before.status == 0, "\(before.err)")
    #expect(before.out.hasSuffix("3 records, head \(try head(dir)): verified\n"), "\(before.out)")
    let next = try runParkshare(
      [
        "settle", "standard.contract", "--data", "2026-03", "--period", "2026-03", "--ledger",
        "ledger", "--issued", "2026-04-05",
      ], cwd: dir)
    #expect(next.status == 0, "\(next.err)")
    let after = try runParkshare(["ledger", "verify", "ledger"], cwd: dir)
    #expect(after.status == 0, "\(after.err)")
    #expect(after.out.contains("4 records"), "\(after.out)")
  }

  /// The fixture's three settles run again into a new ledger: every record, and HEAD, byte for
  /// byte the same as the ones written before.
  @Test func theSameSettlementsGiveTheSameBytes() throws {
    let dir = try scratch()
    defer { try? FileManager.default.removeItem(at: dir) }
    let runs: [[String]] = [
      ["--data", "2026-01", "--period", "2026-01", "--issued", "2026-02-05"],
      ["--data", "2026-02", "--period", "2026-02", "--issued", "2026-03-05"],
      [
        "--data", "2026-02-corrected", "--period", "2026-02", "--amend", "--reason",
        "certificate price corrected", "--issued", "2026-03-20",
      ],
    ]
    for args in runs {
      let r = try runParkshare(
        ["settle", "standard.contract", "--ledger", "again"] + args, cwd: dir)
      #expect(r.status == 0, "\(r.err)")
    }
    for name in [
      "0001-2026-01.json", "0002-2026-02.json", "0003-2026-02-amendment.json", "HEAD",
    ] {
      let old = try Data(contentsOf: dir.appendingPathComponent("ledger/" + name))
      let new = try Data(contentsOf: dir.appendingPathComponent("again/" + name))
      #expect(old == new, "\(name) differs from the record written before")
    }
  }

  func head(_ dir: URL) throws -> String {
    let text = try String(contentsOf: dir.appendingPathComponent("ledger/HEAD"), encoding: .utf8)
    return String(text.split(separator: " ")[1].dropLast())
  }
}
