import Foundation
import Testing

@testable import ParkShare

/// PDF statements written by parkshare: a well-formed file (every cross-reference entry points
/// at its object), the same bytes every time, and, read by the real tools (`qpdf --check`,
/// `pdftotext`; CI installs them), every party name and amount as searchable text.
@Suite struct StatementPDFTests {
  static func settle(_ name: String) throws -> Settlement {
    let (source, checked) = Checker.check(
      path: Paths.contracts.appendingPathComponent(name + ".contract").path)
    let contract = try #require(
      checked.contract,
      "\(DiagnosticRenderer(sources: (source.map { [$0] } ?? []) + checked.sources).render(checked.diagnostics))"
    )
    let period = try #require(SampleYearTests.periods(name).first)
    let loaded = DataBundle.load(
      directory: Paths.contracts.appendingPathComponent("data/\(name)/\(period)").path,
      contract: contract, period: period)
    let bundle = try #require(loaded.bundle, "\(loaded.diagnostics)")
    let outcome = Settlement.run(contract: contract, bundle: bundle, opening: nil)
    return try #require(outcome.settlement, "\(outcome.diagnostics)")
  }

  /// 1,000 tenants sharing a pool by stake: a summary of many pages.
  static func manyTenants() throws -> Settlement {
    let rows = (1...1000).map { "T\(1000 + $0),园区企业\($0)号有限公司,\($0 % 7 + 1)00000\n" }
    let t = try TestBundle(
      contract: """
        contract many "千家企业"
        currency CNY rounding half-up
        settle quarterly from 2026Q1 to 2026Q4
        parties tenants from "tenants.csv" enterprise
        input amount CNY
        revenue income = amount
        pool p = income
          split tenants by stake

        """, files: ["tenants.csv": "id,name,capital\n" + rows.joined()])
    defer { t.remove() }
    let dir = try t.facts("2026Q1", [("amount", "12345678.91")])
    let (s, messages) = t.settle(dir, period: "2026Q1")
    return try #require(s, "\(messages)")
  }

  /// Every object the cross-reference table lists starts where it says, `startxref` points at
  /// the table, and each stream's /Length is its byte count.
  @Test(arguments: ["suyin-microgrid", "pv-reit"])
  func theFileIsWellFormedAndTheSameEveryTime(name: String) throws {
    let s = try Self.settle(name)
    let bytes = StatementPDF.render(s)
    #expect(bytes == StatementPDF.render(s))
    let text = String(decoding: bytes, as: UTF8.self)
    let start = try #require(text.range(of: "startxref\n", options: .backwards))
    let xref = try #require(Int(text[start.upperBound...].prefix { $0.isNumber }))
    let table = Array(bytes[xref...])
    #expect(table.starts(with: Array("xref\n0 ".utf8)))
    let lines = String(decoding: table, as: UTF8.self).components(separatedBy: "\r\n")
    let entries = lines.dropFirst().prefix { $0.hasSuffix(" n") }
    #expect(entries.count >= 9)
    for (i, entry) in entries.enumerated() {
      let offset = try #require(Int(entry.prefix(10)))
      #expect(bytes[offset...].starts(with: Array("\(i + 1) 0 obj\n".utf8)), "object \(i + 1)")
    }
    #expect(text.contains("/Count \(text.components(separatedBy: "/Type /Page ").count - 1)"))
  }

  static func tool(_ name: String, _ args: [String]) throws -> (status: Int32, out: String) {
    try JournalToolsTests.run(name, args)
  }

  static func write(_ bytes: [UInt8]) throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-\(UUID().uuidString).pdf"
    ).path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
  }

  /// `qpdf --check` accepts every shipped example's statements, and `pdftotext` finds in them
  /// every party's name and net amount (Chinese included), its net in capitals and the pages'
  /// numbers.
  @Test(
    .enabled(if: Tools.present(["qpdf", "pdftotext"]) || Tools.inCI),
    arguments: SampleYearTests.names)
  func theToolsReadEveryNameAndAmount(name: String) throws {
    let s = try Self.settle(name)
    let path = try Self.write(StatementPDF.render(s))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let check = try Self.tool("qpdf", ["--check", path])
    #expect(check.status == 0, "\(check.out)")
    // pdftotext keeps or drops the spaces between glyphs as it judges the gaps: compared
    // without them.
    func bare(_ t: String) -> String { t.filter { !$0.isWhitespace } }
    let text = bare(try Self.tool("pdftotext", ["-layout", path, "-"]).out)
    for st in s.statements {
      #expect(text.contains(bare(st.name)), "\(st.name)")
      #expect(text.contains(Money.text(st.net, decimals: s.decimals)), "\(st.party) net")
      if s.currency == "CNY", let words = ChineseAmount.text(st.net) {
        #expect(text.contains("大写金额:人民币\(words)"), "\(st.party) in capitals")
      }
    }
    let pages = s.statements.count + 1
    #expect(text.contains("第1页/共\(pages)页") && text.contains("第\(pages)页/共\(pages)页"))
  }

  /// A 1,000-tenant summary runs over many pages: each repeats the table's header, the last
  /// has the totals row (合计), and every page is numbered.
  @Test(.enabled(if: Tools.present(["pdftotext"]) || Tools.inCI))
  func aLongSummaryRepeatsItsHeaderOnEveryPage() throws {
    let s = try Self.manyTenants()
    let path = try Self.write(StatementPDF.render(s))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let whole = try Self.tool("pdftotext", ["-layout", path, "-"]).out
    let pages = whole.components(separatedBy: "\u{0C}").filter {
      !$0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }
    #expect(pages.count > 1000)
    // The summary's table: the pages with tenants' rows before their statements begin.
    let table = pages.prefix { !$0.contains("预览") }.filter { $0.contains("园区企业") }
    #expect(table.count > 10)
    for (i, page) in table.enumerated() {
      #expect(page.contains("参与方"), "summary page \(i + 1) has no header row")
      let bare = page.filter { !$0.isWhitespace }
      #expect(bare.contains("第\(i + 1)页/共\(pages.count)页"))
    }
    let totals = try #require(table.last?.split(separator: "\n").first { $0.contains("合计") })
    #expect(totals.contains("12,345,678.91"))
  }
}

/// The workbooks as a spreadsheet prints them: LibreOffice converts them to PDF, and the text
/// holds every party's net amount and no `###` (a column too narrow for its number). CI installs
/// LibreOffice; elsewhere, without it, the suite is reported as skipped.
@Suite(.enabled(if: Tools.present(["soffice", "pdftotext"]) || Tools.inCI))
struct WorkbookPrintTests {
  @Test func everyAmountPrintsWithoutHashes() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parkshare-print-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    var nets: [String: [String]] = [:]
    for name in ["suyin-microgrid", "pv-reit", "storage-emc-annual"] {
      let s = try StatementPDFTests.settle(name)
      let book = StatementWorkbook.build(s, wording: .zh, language: .zh)
      try Data(book.bytes()).write(to: dir.appendingPathComponent("\(name).xlsx"))
      nets[name] = s.statements.map { Money.text($0.net, decimals: s.decimals) }
    }
    let files = nets.keys.sorted().map { dir.appendingPathComponent("\($0).xlsx").path }
    let convert = try JournalToolsTests.run(
      "soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir.path] + files)
    #expect(convert.status == 0, "\(convert.out)")
    for (name, amounts) in nets {
      let pdf = dir.appendingPathComponent("\(name).pdf").path
      let text = try JournalToolsTests.run("pdftotext", ["-layout", pdf, "-"]).out
      #expect(!text.contains("###"), "\(name): a column too narrow")
      for amount in amounts { #expect(text.contains(amount), "\(name): \(amount)") }
    }
  }
}
