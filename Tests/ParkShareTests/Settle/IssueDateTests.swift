import Foundation
import Testing

@testable import ParkShare

/// Issue dates are checked: not before the period has ended, not before the ledger's latest
/// issue, and only for statements recorded in a ledger.
@Suite struct IssueDateTests {
  @Test func aStatementIsNotIssuedBeforeItsPeriodEnds() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let early = try f.settle("2026Q1", ["--issued", "2026-03-31"])
    #expect(early.status == 1)
    #expect(
      early.err.contains(
        "statements of 2026Q1 cannot be issued on 2026-03-31, before the period has ended"),
      "\(early.err)")
    #expect(early.err.contains("issue them on 2026-04-01 or later"))
    #expect(!FileManager.default.fileExists(atPath: f.ledger + "/0001-2026Q1.json"))
    #expect(try f.settle("2026Q1", ["--issued", "2026-04-01"]).status == 0)
  }

  @Test func issueDatesFollowTheStatementNumbers() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1", ["--issued", "2026-07-20"]).status == 0)
    let back = try f.settle("2026Q2", ["--issued", "2026-07-10"])
    #expect(back.status == 1)
    #expect(
      back.err.contains("the ledger already issued statements on 2026-07-20"), "\(back.err)")
    #expect(try f.settle("2026Q2", ["--issued", "2026-07-20"]).status == 0)
  }

  /// A payment recorded on 2026-04-20 against Q1's statements: an amendment of Q1 is not
  /// issued before it (it would be booked before money paid against what it corrects).
  @Test func issueDatesFollowTheRecordedPayments() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1", ["--issued", "2026-04-02"]).status == 0)
    let paid = try runParkshare([
      "pay", "--ledger", f.ledger, "--party", "bank", "--amount", "100.00", "--date",
      "2026-04-20", "--ref", "P1",
    ])
    #expect(paid.status == 0, "\(paid.err)")
    try f.correctQ1()
    let amend = ["--amend", "--reason", "re-read"]
    let back = try f.settle("2026Q1", amend + ["--issued", "2026-04-10"], data: "2026Q1-fix")
    #expect(back.status == 1)
    #expect(
      back.err.contains(
        "statements cannot be issued on 2026-04-10: the ledger's payment book already records a payment on 2026-04-20"
      ), "\(back.err)")
    let ok = try f.settle("2026Q1", amend + ["--issued", "2026-04-20"], data: "2026Q1-fix")
    #expect(ok.status == 0, "\(ok.err)")
  }

  @Test func anIssueDateWithoutALedgerIsAUsageError() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    let r = try runParkshare([
      "settle", f.t.folder.appendingPathComponent("test.contract").path, "--data",
      f.t.folder.appendingPathComponent("2026Q1").path, "--period", "2026Q1", "--issued",
      "2026-04-01",
    ])
    #expect(r.status == 64)
    #expect(r.err.contains("--issued dates statements recorded in a ledger"), "\(r.err)")
  }
}
