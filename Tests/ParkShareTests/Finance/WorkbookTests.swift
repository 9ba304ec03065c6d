import Foundation
import Testing

@testable import ParkShare

@Suite struct ZipTests {
  @Test func crc32OfKnownText() {
    // The check value of CRC-32/ISO-HDLC.
    #expect(Zip.crc32(Array("123456789".utf8)) == 0xCBF4_3926)
  }

  @Test func sameContentSameBytes() {
    var a = Zip()
    a.add("x.txt", "甲乙")
    var b = Zip()
    b.add("x.txt", "甲乙")
    #expect(a.bytes() == b.bytes())
    #expect(a.bytes().starts(with: [0x50, 0x4B, 0x03, 0x04]))
  }
}

/// Every number of the xlsx, as a real reader (openpyxl) sees it, equals the JSON statement's.
@Suite(.enabled(if: Tools.python("openpyxl") || Tools.inCI))
struct WorkbookTests {
  /// The workbook's sheets as JSON: every cell, numbers as Python's repr.
  static let reader = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {}
    for ws in wb.worksheets:
        out[ws.title] = {"freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
            "titles": ws.print_title_rows, "paper": ws.page_setup.paperSize,
            "fit": ws.sheet_properties.pageSetUpPr.fitToPage,
            "widths": [ws.column_dimensions[openpyxl.utils.get_column_letter(i + 1)].width
                       for i in range(ws.max_column)],
            "rows": [[repr(c) if isinstance(c, float) else
                      ("date:" + c.date().isoformat() if hasattr(c, "date") and not isinstance(c, str) else c)
                      for c in r] for r in ws.iter_rows(values_only=True)]}
    print(json.dumps(out))
    """

  @Test(arguments: RevenueCommandTests.samples.map(\.contract))
  func numbersAreExactlyThoseOfTheStatement(contract: String) throws {
    let period = RevenueCommandTests.samples.first { $0.contract == contract }!.period
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-xlsx-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let r = try runParkshare(
      SettleCommandTests.args(contract, period, "all").dropLast(2) + [
        "--format", "all", "--out", dir.path,
      ])
    #expect(r.status == 0, "\(r.err)")
    let base = dir.appendingPathComponent("\(contract)-\(period)").path
    let statement = try #require(
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: base + ".json")))
        as? [String: Any])
    let read = try JournalToolsTests.run("python3", ["-c", Self.reader, base + ".xlsx"])
    #expect(read.status == 0, "\(read.out)")
    let book = try #require(
      try JSONSerialization.jsonObject(with: Data(read.out.utf8)) as? [String: [String: Any]])
    let summary = try #require(book["Summary"]?["rows"] as? [[Any]])
    #expect(book["Summary"]?["freeze"] as? String == "A2")
    let statements = try #require(statement["statements"] as? [[String: Any]])
    #expect(summary.count == statements.count + 1)
    func number(_ v: Any) throws -> Exact { x(try #require(v as? String)) }
    for (row, st) in zip(summary.dropFirst(), statements) {
      #expect(row[1] as? String == st["party"] as? String)
      #expect(row[2] as? String == st["name"] as? String)  // Chinese names intact
      #expect(try number(row[4]) == number(try #require(st["gross"])))
      #expect(try number(row[5]) == number(try #require(st["deductions"])))
      #expect(try number(row[6]) == number(try #require(st["net"])))
    }
    // Every column is wide enough for its amounts as `#,##0.00` shows them (no `###`), the
    // header row is printed on every page of an A4 (paper 9) fitted to the page's width.
    let widths = try #require(book["Summary"]?["widths"] as? [Double])
    for row in summary.dropFirst() {
      for c in 4...6 {
        let shown = Money.text(try number(row[c]), decimals: 2)
        #expect(widths[c] >= Double(shown.count + 1), "column \(c) too narrow for \(shown)")
      }
    }
    for (name, sheet) in book {
      #expect(sheet["titles"] as? String == "$1:$1", "\(name) repeats no header row")
      #expect(sheet["paper"] as? String == "9" || sheet["paper"] as? Int == 9, "\(name) not A4")
      #expect(sheet["fit"] as? Bool == true, "\(name) not fitted to the page")
    }
    // What the file is: the contract and period, and every input with its digest.
    let about = try #require(book["About"]?["rows"] as? [[Any]])
    #expect(about.contains { $0.first as? String == "period" && $0.last as? String == period })
    for input in try #require(statement["inputs"] as? [[String: Any]]) {
      #expect(
        about.contains {
          $0.first as? String == input["path"] as? String
            && $0.last as? String == input["blake2b256"] as? String
        })
    }
    let lines = try #require(book["Lines"]?["rows"] as? [[Any]]).dropFirst()
    let expected = statements.flatMap { ($0["lines"] as? [[String: Any]]) ?? [] }
    #expect(lines.count == expected.count)
    for (row, line) in zip(lines, expected) {
      #expect(try number(row[8]) == number(try #require(line["amount"])))
    }
  }
}

@Suite struct JournalAccountsTests {
  @Test func templatesOverrideTheDefaults() throws {
    let a = try JournalAccounts.parse(
      """
      # our chart of accounts
      payable = Liabilities:AP:{party}
      income = Income:Park:{contract}:{source}
      """
    ).get()
    #expect(a.name(.payable, ["party": "T001"]) == "Liabilities:AP:T001")
    #expect(
      a.name(.income, ["contract": "suyin-microgrid", "source": "green_trade"])
        == "Income:Park:SuyinMicrogrid:GreenTrade")
    #expect(
      a.name(.fund, ["contract": "c", "fund": "storage_replacement"])
        == "Liabilities:Parkshare:C:Fund:StorageReplacement")
  }

  @Test(arguments: [("payables = Liabilities:X", 1), ("\n\npayable = Debts:{party}", 3)])
  func badLinesAreRefusedWithTheirLine(text: String, line: Int) {
    guard case .failure(let e) = JournalAccounts.parse(text) else {
      Issue.record("accepted \(text)")
      return
    }
    #expect(e.line == line)
  }

  @Test func aCustomChartIsAcceptedByTheTools() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-accounts-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    let ledger = dir.appendingPathComponent("ledger").path
    let settle = try runParkshare(
      RevenueCommandTests.args("suyin-microgrid", "2026Q1").map { $0 == "revenue" ? "settle" : $0 }
        + ["--ledger", ledger])
    #expect(settle.status == 0, "\(settle.err)")
    let chart = dir.appendingPathComponent("chart.txt")
    try "payable = Liabilities:AP:{party}\n".write(to: chart, atomically: true, encoding: .utf8)
    let r = try runParkshare([
      "journal", "--ledger", ledger, "--format", "hledger", "--accounts", chart.path,
    ])
    #expect(r.status == 0, "\(r.err)")
    #expect(r.out.contains("Liabilities:AP:T001"))
    let bad = dir.appendingPathComponent("bad.txt")
    try "payable = AP:{party}\n".write(to: bad, atomically: true, encoding: .utf8)
    let refused = try runParkshare([
      "journal", "--ledger", ledger, "--format", "hledger", "--accounts", bad.path,
    ])
    #expect(refused.status == 1)
    #expect(refused.err.contains("bad.txt:1:1: error[bad-accounts]: an account starts with Assets"))
  }
}
