import Foundation
import Testing

@testable import ParkShare

/// Sheets read row by row from a workbook laid out as Excel writes it (Python's zipfile,
/// deflated), from the workbook parkshare itself writes (stored), and refused, located, when a
/// part is not what a workbook holds.
@Suite struct XlsxWorkbookTests {
  static func all(_ rows: XlsxRows) throws -> [XlsxRow] {
    var out: [XlsxRow] = []
    while let row = try rows.next() { out.append(row) }
    return out
  }

  static func row(_ n: Int, _ cells: [(Int, XlsxValue)]) -> XlsxRow {
    XlsxRow(number: n, cells: cells.map { XlsxCell(column: $0.0, value: $0.1) })
  }

  @Test func theFirstSheetAsExcelWritesIt() throws {
    let book = try XlsxWorkbook(path: XlsxFixtures.path("book.xlsx"))
    #expect(book.sheetNames == ["读数", "Notes", "Uncached"])
    #expect(!book.date1904)
    let rows = try Self.all(try book.rows(sheet: nil))
    let m01: XlsxValue = .text("M-01 ")
    #expect(
      rows == [
        Self.row(
          1, [(0, .text("meter")), (1, .text("timestamp")), (2, .text("kwh")), (3, .text("note"))]),
        Self.row(
          2,
          [
            (0, m01), (1, .number("45292.010416666664")), (2, .number("0.1")),
            (3, .text("A&B <c> \"q\" 's' 中文")),
          ]),
        Self.row(
          3, [(0, m01), (1, .number("45292.020833333336")), (2, .number("1E-3")), (3, .bool(true))]),
        Self.row(5, [(0, .text("M-01 x")), (2, .number("0.101")), (3, .error("#DIV/0!"))]),
        Self.row(6, [(1, .date("2024-01-01T00:15:00")), (3, .text("电表"))]),
      ])
    #expect(rows[1][2] == .number("0.1"))
    #expect(rows[1][9] == nil)
  }

  @Test func aSheetByNameWrittenWithoutReferences() throws {
    let book = try XlsxWorkbook(path: XlsxFixtures.path("book.xlsx"))
    let rows = try Self.all(try book.rows(sheet: "Notes"))
    #expect(
      rows == [
        Self.row(1, [(0, .text("first")), (1, .number("2"))]),
        Self.row(
          2,
          [
            (0, .text("  padded  ")), (2, .text("")), (3, .text("a\rb")), (4, .text("<raw> & ")),
          ]),
      ])
  }

  @Test func aFormulaWithoutACachedValueIsLocated() throws {
    let book = try XlsxWorkbook(path: XlsxFixtures.path("book.xlsx"))
    let rows = try book.rows(sheet: "Uncached")
    #expect(try rows.next() == Self.row(1, [(0, .number("1"))]))
    let error = XlsxError(
      .formulaWithoutValue, part: "xl/worksheets/sheet3.xml", sheet: "Uncached",
      place: .init(row: 4, column: 2))
    #expect(throws: error) { try rows.next() }
    // And again: a failed read stays failed.
    #expect(throws: error) { try rows.next() }
    #expect(
      error.description
        == "sheet 'Uncached' C4: a formula without a cached value (the file was not calculated; open and save it in Excel)"
    )
  }

  @Test func sheetsThatAreNotThere() throws {
    let book = try XlsxWorkbook(path: XlsxFixtures.path("book.xlsx"))
    #expect(throws: XlsxError(.noSuchSheet("Sheet9", available: ["读数", "Notes", "Uncached"]))) {
      try book.rows(sheet: "Sheet9")
    }
  }

  @Test func theDate1904Flag() throws {
    let book = try XlsxWorkbook(path: XlsxFixtures.path("book1904.xlsx"))
    #expect(book.date1904)
    let rows = try Self.all(try book.rows(sheet: "Sheet1"))
    guard case .number(let serial) = rows[0].cells[0].value else {
      Issue.record("not a number")
      return
    }
    // 43830.5 days after 1904-01-01 is 2024-01-01 12:00.
    #expect(
      try XlsxDateTime(serial: serial, date1904: book.date1904)
        == XlsxDateTime(year: 2024, month: 1, day: 1, secondOfDay: 43_200))
  }

  /// parkshare's own statement workbook (stored entries, inline strings) reads back as written.
  @Test func theWorkbookParkshareWrites() throws {
    var w = Workbook()
    w.add("Summary", header: ["party", "net"], rows: [[.text("甲 & <乙>"), .number(Exact(1234))]])
    w.add("Lines", header: ["x"], rows: [])
    let book = try XlsxWorkbook(bytes: w.bytes())
    #expect(book.sheetNames == ["Summary", "Lines"])
    let rows = try Self.all(try book.rows(sheet: nil))
    #expect(
      rows == [
        Self.row(1, [(0, .text("party")), (1, .text("net"))]),
        Self.row(2, [(0, .text("甲 & <乙>")), (1, .number("1234"))]),
      ])
  }

  /// A workbook of `sheets` (name, relationship type, target) and the parts in `parts`.
  static func book(_ sheets: [(String, String, String)], _ parts: [String: String] = [:]) throws
    -> XlsxWorkbook
  {
    var z = Zip()
    let list = sheets.enumerated().map { i, s in "<sheet name=\"\(s.0)\" r:id=\"rId\(i)\"/>" }
    z.add("xl/workbook.xml", "<workbook><sheets>\(list.joined())</sheets></workbook>")
    let rels = sheets.enumerated().map { i, s in
      "<Relationship Id=\"rId\(i)\" Type=\"http://x/\(s.1)\" Target=\"\(s.2)\"/>"
    }
    z.add("xl/_rels/workbook.xml.rels", "<Relationships>\(rels.joined())</Relationships>")
    for (name, text) in parts.sorted(by: { $0.key < $1.key }) { z.add(name, text) }
    return try XlsxWorkbook(bytes: z.bytes())
  }

  @Test func whichSheetIsRead() throws {
    let sheet = "<worksheet><sheetData><row><c><v>7</v></c></row></sheetData></worksheet>"
    // The first worksheet: a chart sheet before it is passed over; asked by name, refused.
    let book = try Self.book(
      [("Chart", "chartsheet", "chartsheets/sheet1.xml"), ("Data", "worksheet", "../xl/./d.xml")],
      ["xl/d.xml": sheet, "xl/chartsheets/sheet1.xml": "<chartsheet/>"])
    #expect(try Self.all(try book.rows(sheet: nil)) == [Self.row(1, [(0, .number("7"))])])
    #expect(throws: XlsxError(.notAWorksheet("Chart"))) { try book.rows(sheet: "Chart") }
    let missing = try Self.book([("Gone", "worksheet", "worksheets/gone.xml")])
    #expect(throws: XlsxError(.missingPart("xl/worksheets/gone.xml"))) {
      try missing.rows(sheet: "Gone")
    }
    let none = try Self.book([])
    #expect(throws: XlsxError(.noSheets, part: "xl/workbook.xml")) { try none.rows(sheet: nil) }
    var z = Zip()
    z.add("word/document.xml", "<document/>")
    #expect(throws: XlsxError(.notAWorkbook)) { try XlsxWorkbook(bytes: z.bytes()) }
  }

  @Test func relationshipTargets() {
    #expect(XlsxWorkbook.resolve("worksheets/sheet1.xml", in: "xl") == "xl/worksheets/sheet1.xml")
    #expect(XlsxWorkbook.resolve("/xl/sharedStrings.xml", in: "xl") == "xl/sharedStrings.xml")
    #expect(XlsxWorkbook.resolve("../customXml/item1.xml", in: "xl") == "customXml/item1.xml")
    #expect(XlsxWorkbook.resolve("xl/workbook.xml", in: "") == "xl/workbook.xml")
    #expect(XlsxWorkbook.resolve("../../etc/passwd", in: "xl") == nil)
  }

  @Test func archiveRefusalsAreLocatedAtTheirPart() throws {
    #expect(
      throws: XlsxError(
        .archive(.crcMismatch(entry: "xl/worksheets/sheet1.xml")), part: "xl/worksheets/sheet1.xml",
        sheet: "读数")
    ) { try Self.all(try XlsxWorkbook(path: XlsxFixtures.path("badcrc.xlsx")).rows(sheet: nil)) }
    #expect(throws: XlsxError(.archive(.notAZip))) {
      try XlsxWorkbook(path: XlsxFixtures.path("truncated.xlsx"))
    }
    #expect(throws: XlsxError(.archive(.unsafeName("../evil")), part: "../evil")) {
      try XlsxWorkbook(path: XlsxFixtures.path("evil.xlsx"))
    }
  }
}
