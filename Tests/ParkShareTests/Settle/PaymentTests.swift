import Foundation
import Testing

@testable import ParkShare

/// `parkshare pay` and what it records, with hand-computed numbers on `LedgerTests.Fixture`:
/// 2026Q1 issues the bank 4,000.00 (4 certificates of 1,000 CNY: 4,000 of its 5,000 fixed
/// pay), 2026Q2 5,000.00 (5 certificates); the operator gets 0.00 in both.
@Suite struct PaymentTests {
  static func pay(_ f: LedgerTests.Fixture, _ args: [String], fault: String? = nil) throws -> (
    status: Int32, out: String, err: String
  ) {
    var env = ProcessInfo.processInfo.environment
    env["PARKSHARE_FAULT"] = fault
    return try runParkshare(["pay", "--ledger", f.ledger] + args, environment: env)
  }

  static func bank(_ f: LedgerTests.Fixture, _ name: String, _ text: String) throws -> String {
    let path = f.t.folder.appendingPathComponent(name).path
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// The report's balances part as JSON.
  static func balances(_ f: LedgerTests.Fixture, _ extra: [String] = []) throws -> [String: Any] {
    let r = try runParkshare(
      ["report", "--ledger", f.ledger, "--from", "2026Q1", "--to", "2026Q2", "--format", "json"]
        + extra)
    #expect(r.status == 0, "\(r.err)")
    let o = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
    return try #require(o["balances"] as? [String: Any])
  }

  static func row(_ b: [String: Any], _ party: String) throws -> [String: String] {
    let rows = try #require(b["rows"] as? [[String: Any]])
    let r = try #require(rows.first { $0["party"] as? String == party })
    return r.compactMapValues { $0 as? String }
  }

  /// Two quarters settled, then the bank paid in three parts, a receipt and a write-off.
  static func year() throws -> LedgerTests.Fixture {
    let f = try LedgerTests.Fixture()
    #expect(try f.settle("2026Q1").status == 0)  // issued 2026-04-01
    #expect(try f.settle("2026Q2").status == 0)  // issued 2026-07-01
    let one = try pay(
      f, ["--party", "bank", "--amount", "2500.00", "--date", "2026-04-15", "--ref", "P1"])
    #expect(one.status == 0, "\(one.err)")
    #expect(one.out.contains("recorded 1 line in \(f.ledger)/payments/0001.json"))
    // A bank file as Excel saves it: BOM, CR LF, columns in another order.
    let file = try bank(
      f, "bank.csv",
      "\u{FEFF}reference,date,party,amount,kind,note\r\nP2,2026-05-10,bank,1500.00,,\r\n"
        + "P3,2026-07-20,bank,1000,payment,Q2 part\r\nR1,2026-08-01,bank,200.00,收款,returned\r\n"
        + "W1,2026-08-02,bank,0.50,write-off,\r\n")
    let lines = try pay(f, ["--bank", file])
    #expect(lines.status == 0, "\(lines.err)")
    #expect(lines.out.contains("recorded 4 lines in \(f.ledger)/payments/0002.json"))
    return f
  }

  @Test func closingIsSettledMinusPaidToTheFen() throws {
    let f = try Self.year()
    defer { f.t.remove() }
    // Up to 2026-07-31: settled 4,000.00 + 5,000.00 = 9,000.00; paid 2,500.00 + 1,500.00
    // + 1,000.00 = 5,000.00; closing 9,000.00 - 5,000.00 = 4,000.00.
    let july = try Self.row(try Self.balances(f, ["--as-of", "2026-07-31"]), "bank")
    #expect(x(july["settled"]!) == x("9000"))
    #expect(x(july["paid"]!) == x("5000"))
    #expect(x(july["closing"]!) == x("4000.00"))
    #expect(x(july["closing"]!) == (try x(july["settled"]!) - x(july["paid"]!)))
    // Up to the last date (2026-08-02): + 200.00 received - 0.50 written off = 4,199.50.
    let all = try Self.balances(f)
    #expect(all["asOf"] as? String == "2026-08-02")
    let bank = try Self.row(all, "bank")
    #expect(x(bank["received"]!) == x("200"))
    #expect(x(bank["writtenOff"]!) == x("0.5"))
    #expect(x(bank["closing"]!) == x("4199.50"))
    // FIFO: P1 and P2 (4,000.00) settle 2026Q1's statement; P3 and the write-off leave
    // 5,000.00 - 1,000.00 - 0.50 = 3,999.50 of 2026Q2's, 32 days old on 2026-08-02 (issued
    // 07-01); the receipt is owed back on its own, 1 day old. 3,999.50 + 200.00 = 4,199.50.
    let open = try #require(all["open"] as? [[String: Any]]).filter {
      $0["party"] as? String == "bank"
    }
    #expect(open.count == 2)
    #expect(open.first?["period"] as? String == "2026Q2")
    #expect((open.first?["open"] as? String).map(x) == x("3999.50"))
    #expect(open.first?["days"] as? Int == 32)
    #expect(open.last?["reference"] as? String == "R1")
    #expect((open.last?["open"] as? String).map(x) == x("200.00"))
    #expect(open.last?["days"] as? Int == 1)
    // The write-off closed what was owed to the bank: recorded on that side.
    let book = try PaymentBook.read(f.ledger)
    #expect(book.payments.map(\.reference) == ["P1", "P2", "P3", "R1", "W1"])
    #expect(book.payments.last?.side == .payable)
    #expect(try runParkshare(["ledger", "verify", f.ledger]).status == 0)
  }

  @Test func theTextReportShowsBalancesOnlyWithPayments() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let args = ["report", "--ledger", f.ledger, "--from", "2026Q1", "--to", "2026Q1"]
    let before = try runParkshare(args)
    #expect(!before.out.contains("balances as of"))
    #expect(
      try runParkshare(args + ["--as-of", "2026-05-01"]).out.contains("balances as of 2026-05-01"))
    #expect(
      try Self.pay(f, ["--party", "bank", "--amount", "1", "--date", "2026-04-02", "--ref", "A"])
        .status == 0)
    let after = try runParkshare(args)
    #expect(after.out.hasPrefix(before.out))
    #expect(after.out.contains("balances as of 2026-04-02"))
  }

  @Test func aBankFileIsRecordedWholeOrNotAtAll() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let file = try Self.bank(
      f, "bad.csv",
      "party,amount,date,reference\nbank,10.00,2026-04-02,A\nnobody,1,2026-04-02,B\n"
        + "bank,-1,2026-04-02,C\nbank,1.001,2026-03-31,D\nbank,1,2026-04-31,A\n")
    let r = try Self.pay(f, ["--bank", file])
    #expect(r.status == 1)
    for expected in [
      "bad.csv:3:1: error[payment-party]", "bad.csv:4:1: error[payment-amount]",
      "bad.csv:5:1: error[payment-amount]", "bad.csv:5:1: error[payment-date]",
      "bad.csv:6:1: error[payment-date]", "bad.csv:6:1: error[duplicate-reference]",
    ] {
      #expect(r.err.contains(expected), "\(expected): \(r.err)")
    }
    // Nothing recorded, not even the good first row.
    #expect(!FileManager.default.fileExists(atPath: f.ledger + "/payments"))
  }

  @Test func aReferenceOrNoteCannotForgeLines() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let file = try Self.bank(
      f, "forged.csv",
      "party,amount,date,reference,note\nbank,1,2026-04-02,\"A\n2026-04-02 * forged\",x\n"
        + "bank,1,2026-04-02,B,\"a\u{202E}b\"\n")
    let r = try Self.pay(f, ["--bank", file])
    #expect(r.status == 1)
    #expect(
      r.err.contains(
        "forged.csv:2:1: error[control-character]: the payment's reference holds U+000A"))
    #expect(
      r.err.contains("forged.csv:4:1: error[control-character]: the payment's note holds U+202E"))
  }

  @Test func aRetryOfRecordedPaymentsRecordsNothingAgain() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    let args = ["--party", "bank", "--amount", "10", "--date", "2026-04-02", "--ref", "A"]
    #expect(try Self.pay(f, args).status == 0)
    let again = try Self.pay(f, args)
    #expect(again.status == 0)
    #expect(again.out.contains("already recorded"))
    // The same reference with another amount is a duplicate.
    var other = args
    other[3] = "11"
    let dup = try Self.pay(f, other)
    #expect(dup.status == 1)
    #expect(dup.err.contains("error[duplicate-reference]"))
    #expect(try PaymentBook.read(f.ledger).payments.count == 1)
  }

  @Test func aWriteOffCannotExceedTheBalance() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    // The bank is owed 4,000.00 from 2026-04-01.
    let r = try Self.pay(
      f,
      [
        "--party", "bank", "--amount", "4000.01", "--date", "2026-04-02", "--ref", "W",
        "--kind", "write-off",
      ])
    #expect(r.status == 1)
    #expect(r.err.contains("is more than bank's balance of 4000.00 on 2026-04-02"))
  }

  @Test func verifyFindsAnEditedPayment() throws {
    let f = try LedgerTests.Fixture()
    defer { f.t.remove() }
    #expect(try f.settle("2026Q1").status == 0)
    for (ref, day) in [("A", "02"), ("B", "03")] {
      #expect(
        try Self.pay(
          f, ["--party", "bank", "--amount", "10", "--date", "2026-04-\(day)", "--ref", ref]
        )
        .status == 0)
    }
    let path = f.ledger + "/payments/0001.json"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    try text.replacingOccurrences(of: "\"10.00\"", with: "\"1.00\"").write(
      toFile: path, atomically: true, encoding: .utf8)
    let v = try runParkshare(["ledger", "verify", f.ledger])
    #expect(v.status == 1)
    #expect(v.err.contains("payment record 'payments/0001.json' was changed after it was recorded"))
    let refused = try Self.pay(
      f, ["--party", "bank", "--amount", "1", "--date", "2026-04-04", "--ref", "C"])
    #expect(refused.status == 1)
  }
}

/// The report's workbook with payments, read by openpyxl: the Balances sheet's closing balance
/// is the JSON report's, to the fen (`PaymentTests.year`: 4,199.50 for the bank).
@Suite(
  .enabled(if: Tools.python("openpyxl") || Tools.inCI, "python3 with openpyxl is not installed"))
struct PaymentWorkbookTests {
  @Test func theBalancesSheetHoldsTheClosingBalances() throws {
    let f = try PaymentTests.year()
    defer { f.t.remove() }
    let file = f.t.folder.appendingPathComponent("report.xlsx").path
    let r = try runParkshare([
      "report", "--ledger", f.ledger, "--from", "2026Q1", "--to", "2026Q2", "--format", "xlsx",
      "--out", file,
    ])
    #expect(r.status == 0, "\(r.err)")
    let read = try JournalToolsTests.run("python3", ["-c", WorkbookTests.reader, file])
    let book = try #require(
      try JSONSerialization.jsonObject(with: Data(read.out.utf8)) as? [String: [String: Any]])
    let rows = try #require(book["Balances"]?["rows"] as? [[Any]])
    #expect(rows.first?.last as? String == "closing")
    let bank = try #require(rows.first { $0.first as? String == "bank" })
    // settled 9,000.00 - paid 5,000.00 + received 200.00 - written off 0.50.
    #expect((bank[3] as? String).map(x) == x("9000"))
    #expect((bank[5] as? String).map(x) == x("5000"))
    #expect((bank[8] as? String).map(x) == x("4199.5"))
    let open = try #require(book["Open"]?["rows"] as? [[Any]])
    #expect(open.count == 3)  // the header, 2026Q2's statement and the receipt
  }
}
