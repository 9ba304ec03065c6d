import Foundation
import Testing

@testable import ParkShare

/// `parkshare ledger verify`, the record and head on every statement, and a record HEAD does not
/// name yet taken up only when it re-settles (LedgerTests.Fixture: one bundle per quarter).
@Suite struct LedgerVerifyTests {
  func verify(_ f: LedgerTests.Fixture, _ extra: [String] = []) throws -> (
    status: Int32, out: String, err: String
  ) {
    try runParkshare(["ledger", "verify", f.ledger] + extra)
  }

  /// Settled, amended from corrected data, and continued: every record holds, the amendment and
  /// the next quarter re-settle to their bytes; the original, whose readings the correction
  /// replaced, is checked but cannot be re-settled (a warning, not a failure).
  @Test func anIntactLedgerWithAnAmendmentVerifies() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1", ["--issued", "2026-04-03"]).status == 0)
    let readings = f.t.folder.appendingPathComponent("2026Q1/readings.csv")
    let text = try String(contentsOf: readings, encoding: .utf8)
    try text.replacingOccurrences(of: "1500.5", with: "2500.5").write(
      to: readings, atomically: true, encoding: .utf8)
    let amended = try f.settle(
      "2026Q1", ["--amend", "--reason", "re-read", "--issued", "2026-04-20"])
    #expect(amended.status == 0, "\(amended.err)")
    #expect(try f.settle("2026Q2", ["--issued", "2026-07-03"]).status == 0)
    let r = try verify(f)
    #expect(r.status == 0, "\(r.err)")
    #expect(
      r.out.contains(
        "0002-2026Q1-amendment.json  amendment 2026Q1  chain and digests hold; re-settled to the same bytes"
      ))
    #expect(
      r.out.contains(
        "0003-2026Q2.json  settlement 2026Q2  chain and digests hold; re-settled to the same bytes")
    )
    #expect(
      r.out.contains("0001-2026Q1.json  settlement 2026Q1  chain and digests hold; not re-settled"))
    #expect(r.err.contains("warning[not-resettled]"))
    #expect(r.err.contains("(replaced, as recorded in '0002-2026Q1-amendment.json')"))
  }

  /// The statement shows its record and that record's SHA-256 (HEAD's digest once written);
  /// `--expect-head` confirms it, and refuses a digest the ledger does not hold.
  @Test func statementsShowTheirRecordAndHead() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let q1 = try f.settle("2026Q1")
    let issue = try #require(try LedgerTests.json(q1.out)["issue"] as? [String: Any])
    let record = try Data(contentsOf: URL(fileURLWithPath: f.ledger + "/0001-2026Q1.json"))
    let digest = SHA256.hex(record)
    #expect(issue["record"] as? Int == 1)
    #expect(issue["head"] as? String == digest)
    #expect(
      try String(contentsOfFile: f.ledger + "/HEAD", encoding: .utf8) == "1 \(digest)\n")
    // The record itself does not hold its own digest.
    #expect(!String(decoding: record, as: UTF8.self).contains(digest))
    #expect(try verify(f, ["--expect-head", digest]).status == 0)
    let stale = try verify(f, ["--expect-head", String(repeating: "ab", count: 32)])
    #expect(stale.status == 1)
    #expect(stale.err.contains("no record of the ledger has the digest abab"))
    #expect(try verify(f, ["--expect-head", "abc"]).status == 64)
    // The text statement prints the same line.
    #expect(try f.settle("2026Q2", ["--format", "text"]).out.contains("\nledger record 2, head "))
  }

  /// HEAD moved back one record over an edited last record looks like a settle interrupted
  /// after writing it: the record is taken up only if it re-settles, and this one does not, so
  /// the next period cannot continue from the forged state.
  @Test func headMovedBackOverAnEditedRecordIsNotTakenUp() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    #expect(try f.settle("2026Q2").status == 0)
    let second = f.ledger + "/0002-2026Q2.json"
    let text = try String(contentsOfFile: second, encoding: .utf8)
    #expect(text.contains("\"net\" : \"5000.00\""))
    try text.replacingOccurrences(of: "\"net\" : \"5000.00\"", with: "\"net\" : \"5900.00\"")
      .write(toFile: second, atomically: true, encoding: .utf8)
    let first = try Data(contentsOf: URL(fileURLWithPath: f.ledger + "/0001-2026Q1.json"))
    try "1 \(SHA256.hex(first))\n".write(
      toFile: f.ledger + "/HEAD", atomically: true, encoding: .utf8)
    let next = try f.settle("2026Q3")
    #expect(next.status == 1)
    #expect(next.err.contains("'0002-2026Q2.json' follows it unconfirmed"), "\(next.err)")
    #expect(next.err.contains("it is not taken up: re-settling 2026Q2"), "\(next.err)")
    let journal = try runParkshare(["journal", "--ledger", f.ledger, "--format", "beancount"])
    #expect(journal.status == 1)
    let v = try verify(f)
    #expect(v.status == 1)
    #expect(v.err.contains("HEAD names record 1, but record 2 ('0002-2026Q2.json') follows it"))
  }
}

extension LedgerVerifyTests {
  /// A first settle that fails (here: a period before the term) leaves no empty ledger folder
  /// behind, which a later reader would otherwise take for a ledger.
  @Test func aFailedFirstSettleLeavesNoLedgerFolder() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let r = try f.settle("2026Q2")
    #expect(r.status == 1)
    #expect(!FileManager.default.fileExists(atPath: f.ledger))
    #expect(try f.settle("2026Q1").status == 0)
    #expect(FileManager.default.fileExists(atPath: f.ledger + "/HEAD"))
  }
}

extension LedgerVerifyTests {
  /// A recorded settlement's HTML shows the record and its head on every page, as the text does.
  @Test func theHTMLShowsTheRecordAndHead() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let out = f.t.folder.appendingPathComponent("out").path
    let r = try f.settle("2026Q1", ["--format", "all", "--out", out])
    #expect(r.status == 0, "\(r.err)")
    let digest = SHA256.hex(
      try Data(contentsOf: URL(fileURLWithPath: f.ledger + "/0001-2026Q1.json")))
    let html = try String(contentsOfFile: out + "/chain-2026Q1.html", encoding: .utf8)
    // The summary page and each party's page (bank, op).
    #expect(html.components(separatedBy: "账本记录: 1</span>").count == 4)
    #expect(html.contains("<span class=\"digest\">\(digest)</span>"))
  }
}

/// The workbook of a recorded settlement has a Ledger sheet with the record and its head, as
/// openpyxl reads it.
@Suite(.enabled(if: Tools.python("openpyxl") || Tools.inCI))
struct LedgerWorkbookTests {
  @Test func theWorkbookHasALedgerSheet() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let out = f.t.folder.appendingPathComponent("out").path
    let r = try f.settle("2026Q1", ["--format", "xlsx", "--out", out])
    #expect(r.status == 0, "\(r.err)")
    let digest = SHA256.hex(
      try Data(contentsOf: URL(fileURLWithPath: f.ledger + "/0001-2026Q1.json")))
    let read = try JournalToolsTests.run(
      "python3", ["-c", WorkbookTests.reader, out + "/chain-2026Q1.xlsx"])
    #expect(read.status == 0, "\(read.out)")
    let book = try #require(
      try JSONSerialization.jsonObject(with: Data(read.out.utf8)) as? [String: [String: Any]])
    let rows = try #require(book["Ledger"]?["rows"] as? [[Any]])
    #expect(rows.count == 4)
    #expect(rows[1][0] as? String == "record" && rows[1][1] as? String == "1")
    #expect(rows[2][0] as? String == "head" && rows[2][1] as? String == digest)
    // The issue date is a date cell, here and on the About sheet, with the statements' numbers.
    #expect(
      rows[3][0] as? String == "issued" && (rows[3][1] as? String)?.hasPrefix("date:") == true)
    let about = try #require(book["About"]?["rows"] as? [[Any]])
    #expect(
      about.contains {
        $0.first as? String == "issued" && ($0.last as? String)?.hasPrefix("date:") == true
      })
    #expect(
      about.contains {
        $0.first as? String == "statements" && ($0.last as? String)?.hasPrefix("000001") == true
      })
  }
}

extension LedgerVerifyTests {
  /// The closing state in a record's header (what the next period opens from) edited apart
  /// from its settlement, and HEAD recomputed so the chain holds: the next settle refuses it,
  /// and `ledger verify` names the field.
  @Test func aHeaderEditedApartFromItsSettlementIsCaught() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    #expect(try f.settle("2026Q2").status == 0)
    let second = f.ledger + "/0002-2026Q2.json"
    let text = try String(contentsOfFile: second, encoding: .utf8)
    let header = "\"closing\" : {\"arrears\":{\"p/1/bank\":\"1000\"}"
    #expect(text.contains(header))
    try text.replacingOccurrences(
      of: header, with: "\"closing\" : {\"arrears\":{\"p/1/bank\":\"0\"}"
    )
    .write(toFile: second, atomically: true, encoding: .utf8)
    let edited = try Data(contentsOf: URL(fileURLWithPath: second))
    try "2 \(SHA256.hex(edited))\n".write(
      toFile: f.ledger + "/HEAD", atomically: true, encoding: .utf8)
    let next = try f.settle("2026Q3")
    #expect(next.status == 1)
    #expect(
      next.err.contains("gives a closing state that is not the one its settlement closed with"))
    let v = try verify(f)
    #expect(v.status == 1)
    #expect(
      v.err.contains(
        "'0002-2026Q2.json' says its closing state is {\"arrears\":{\"p/1/bank\":\"0\"}"))
    #expect(v.out.contains("0002-2026Q2.json  settlement 2026Q2  FAILED"))
  }
}
