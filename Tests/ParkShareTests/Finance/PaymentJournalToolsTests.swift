import Foundation
import Testing

@testable import ParkShare

/// A year of a shipped example (suyin-microgrid, 2026Q1-Q4 from contracts/data) settled, paid
/// from a bank file (payments, a receipt, a write-off), and its journals read by the real
/// tools: every balance assertion holds after the payments, and each party's payable in the
/// journal is the report's closing balance, to the fen. CI installs the tools (.ci/run).
@Suite(
  .enabled(
    if: Tools.present(["bean-check", "hledger", "ledger"]) || Tools.inCI,
    "bean-check, hledger or ledger is not installed (pip install beancount; apt-get install hledger ledger)"
  ))
struct PaymentJournalToolsTests {
  static let contract = "suyin-microgrid"

  /// The year 2026 settled into `folder/ledger`, each quarter issued after it ended.
  static func settledYear(_ folder: URL) throws -> String {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let contractPath = Paths.contracts.appendingPathComponent("\(Self.contract).contract").path
    let ledger = folder.appendingPathComponent("ledger").path
    for q in ["2026Q1", "2026Q2", "2026Q3", "2026Q4"] {
      let p = Period(q)!
      let r = try runParkshare([
        "settle", contractPath, "--data",
        Paths.contracts.appendingPathComponent("data/\(Self.contract)/\(q)").path, "--period", q,
        "--ledger", ledger, "--issued", issueDate(after: p),
      ])
      #expect(r.status == 0, "\(q): \(r.err)")
    }
    return ledger
  }

  @Test func journalsHoldAfterPayments() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-pay-journal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = try Self.settledYear(folder)
    // Every party paid its 2026Q1 statement in full three weeks after it was issued; the ESCO
    // half of 2026Q2's, partly before the period's balance assertion date (2026-07-01 is the
    // issue date: paid on it, so after the 2026Q2 assertion); the data centre hands 50.00
    // back; the operator's last 0.01 written off after the year.
    // Read and let go (the ledger's lock is held while a `Ledger` lives).
    let q1 = try { () throws -> [Statement] in
      let l = try Ledger.open(ledger)
      return try l.settlement(of: l.records[0]).statements
    }()
    var csv = "party,amount,date,reference,kind\r\n"
    for (i, st) in q1.enumerated() where !st.net.isZero && !st.net.isNegative {
      csv += "\(st.party),\(st.net),2026-04-22,Q1-\(i),payment\r\n"
    }
    csv += "esco,600000.00,2026-07-01,ESCO-Q2,payment\r\n"
    csv += "T006,50.00,2026-08-15,T006-BACK,receipt\r\n"
    csv += "op,0.01,2027-02-01,OP-WO,write-off\r\n"
    let bank = folder.appendingPathComponent("bank.csv").path
    try csv.write(toFile: bank, atomically: true, encoding: .utf8)
    let paid = try runParkshare(["pay", "--ledger", ledger, "--bank", bank])
    #expect(paid.status == 0, "\(paid.err)")
    #expect(try runParkshare(["ledger", "verify", ledger]).status == 0)

    // The report's closing balances, by party.
    let report = try runParkshare([
      "report", "--ledger", ledger, "--from", "2026Q1", "--to", "2026Q4", "--format", "json",
    ])
    let o = try #require(
      try JSONSerialization.jsonObject(with: Data(report.out.utf8)) as? [String: Any])
    let rows = try #require((o["balances"] as? [String: Any])?["rows"] as? [[String: Any]])
    var closing: [String: Exact] = [:]
    for r in rows {
      let (party, c) = (r["party"] as! String, x(r["closing"] as! String))
      closing[JournalAccounts.component(party)] = c
      // Where only payments were made: closing = settled - paid, to the fen.
      if x(r["received"] as! String).isZero && x(r["writtenOff"] as! String).isZero {
        #expect(c == (try x(r["settled"] as! String) - x(r["paid"] as! String)), "\(party)")
      }
    }
    #expect(closing["Esco"] != nil)

    for format in ["beancount", "hledger", "ledger"] {
      for period in [nil, "2026Q3"] {
        let file = folder.appendingPathComponent("j-\(period ?? "all").\(format)").path
        let r = try runParkshare(
          ["journal", "--ledger", ledger, "--format", format, "--out", file]
            + (period.map { ["--period", $0] } ?? []))
        #expect(r.status == 0, "\(format): \(r.err)")
        switch format {
        case "beancount":
          let check = try JournalToolsTests.run("bean-check", [file])
          #expect(check.status == 0, "bean-check \(period ?? "all"): \(check.out)")
        case "hledger":
          let check = try JournalToolsTests.run("hledger", ["-f", file, "check", "-s"])
          #expect(check.status == 0, "hledger check -s \(period ?? "all"): \(check.out)")
          guard period == nil else { continue }
          let csv = try JournalToolsTests.run(
            "hledger", ["-f", file, "balance", "Payable", "--flat", "-N", "-O", "csv"])
          var seen: [String: Exact] = [:]
          for row in csv.out.split(separator: "\n").dropFirst() {
            let cells = row.split(separator: ",").map {
              $0.trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
            let party = String(cells[0].split(separator: ":").last ?? "")
            seen[party] =
              x(
                cells[1].replacingOccurrences(of: " CNY", with: "").replacingOccurrences(
                  of: ",", with: "")
              ).negated
          }
          for (party, c) in closing where !c.isZero {
            #expect(
              seen[party] == c, "\(party): journal \(String(describing: seen[party])), report \(c)")
          }
        default:
          let balance = try JournalToolsTests.run(
            "ledger", ["-f", file, "--pedantic", "--strict", "balance"])
          #expect(balance.status == 0, "ledger --pedantic \(period ?? "all"): \(balance.out)")
        }
      }
    }
  }

  /// Each payment is in exactly one period's journal, the one its date falls in, also when
  /// that period has nothing else booked: 2027Q1 and 2027Q2 hold only payments (2026Q4's, paid
  /// in the next quarters) and export from 2026Q4's balances rolled forward; 2027Q3, with
  /// nothing booked, is still not in the ledger. Every per-period file passes the tools.
  @Test func eachPaymentIsInExactlyOnePeriodsJournal() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-pay-periods-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let ledger = try Self.settledYear(folder)
    // T003 is owed 9,982.72 from 2027-01-11 (issue of 2026Q4): paid 9,000.00, 100.00 written
    // off; T001 paid 50.00 on 2026-10-20 (in 2026Q4, a settled period) and 50.00 in 2027Q1;
    // T002 paid in 2027Q2.
    let references = ["REF-A", "REF-B", "REF-C", "REF-D", "REF-E"]
    let bank = folder.appendingPathComponent("bank.csv").path
    try
      ("party,amount,date,reference,kind\n" + "T001,50.00,2026-10-20,REF-A,payment\n"
      + "T003,9000.00,2027-01-20,REF-B,payment\n" + "T003,100.00,2027-01-28,REF-C,write-off\n"
      + "T001,50.00,2027-02-03,REF-D,payment\n" + "T002,10.00,2027-04-02,REF-E,payment\n").write(
        toFile: bank, atomically: true, encoding: .utf8)
    let paid = try runParkshare(["pay", "--ledger", ledger, "--bank", bank])
    #expect(paid.status == 0, "\(paid.err)")
    let periods = ["2026Q1", "2026Q2", "2026Q3", "2026Q4", "2027Q1", "2027Q2"]
    for format in ["beancount", "hledger", "ledger"] {
      var seen: [String: [String]] = [:]
      for period in periods {
        let file = folder.appendingPathComponent("\(period).\(format)").path
        let r = try runParkshare([
          "journal", "--ledger", ledger, "--format", format, "--period", period, "--out", file,
        ])
        #expect(r.status == 0, "\(format) \(period): \(r.err)")
        let text = try String(contentsOfFile: file, encoding: .utf8)
        for ref in references where text.contains(" \(ref)") {
          seen[ref, default: []].append(period)
        }
        let check =
          switch format {
          case "beancount": try JournalToolsTests.run("bean-check", [file])
          case "hledger": try JournalToolsTests.run("hledger", ["-f", file, "check", "-s"])
          default:
            try JournalToolsTests.run("ledger", ["-f", file, "--pedantic", "--strict", "balance"])
          }
        #expect(check.status == 0, "\(format) \(period): \(check.out)")
      }
      #expect(
        seen == [
          "REF-A": ["2026Q4"], "REF-B": ["2027Q1"], "REF-C": ["2027Q1"], "REF-D": ["2027Q1"],
          "REF-E": ["2027Q2"],
        ], "\(format)")
      let empty = try runParkshare([
        "journal", "--ledger", ledger, "--format", format, "--period", "2027Q3",
      ])
      #expect(empty.status == 64)
      #expect(empty.err.contains("2027Q3 is not in the ledger"))
      // Not the ledger's calendar: a month of 2027Q1 is not a period of the contract.
      let month = try runParkshare([
        "journal", "--ledger", ledger, "--format", format, "--period", "2027-01",
      ])
      #expect(month.status == 64)
    }
  }
}
