import Testing

@testable import ParkShare

/// Sheet data that is not what Excel writes is refused at its cell (or row), with the sheet
/// and part named; XML that is not XML is refused, never guessed.
@Suite struct XlsxSheetErrorsTests {
  /// A workbook of one sheet "S" with `data` inside `<sheetData>` and two shared strings.
  static func book(
    _ data: String, whole: String? = nil, limits: XlsxLimits = XlsxLimits()
  ) throws -> XlsxWorkbook {
    try XlsxWorkbook(bytes: bytes(data, whole: whole), limits: limits)
  }

  /// The archive's bytes (a bundle's `readings.xlsx` in other tests).
  static func bytes(_ data: String, whole: String? = nil) -> [UInt8] {
    bytes(
      sheet: Array((whole ?? "<worksheet><sheetData>\(data)</sheetData></worksheet>").utf8),
      shared: "<sst><si><t>a</t></si><si><t>b</t></si></sst>")
  }

  /// The archive of one sheet part of any bytes, with the shared strings `shared`.
  static func bytes(sheet: [UInt8], shared: String) -> [UInt8] {
    var z = Zip()
    z.add(
      "xl/workbook.xml",
      "<workbook xmlns:r=\"r\"><sheets><sheet name=\"S\" r:id=\"rId1\"/></sheets></workbook>")
    z.add(
      "xl/_rels/workbook.xml.rels",
      "<Relationships><Relationship Id=\"rId1\" Type=\"x/worksheet\" Target=\"s.xml\"/>"
        + "<Relationship Id=\"rId2\" Type=\"x/sharedStrings\" Target=\"ss.xml\"/></Relationships>")
    z.add("xl/ss.xml", shared)
    z.add("xl/s.xml", bytes: sheet)
    return z.bytes()
  }

  static func read(_ book: XlsxWorkbook) throws -> [XlsxRow] {
    let rows = try book.rows(sheet: nil)
    var out: [XlsxRow] = []
    while let row = try rows.next() { out.append(row) }
    return out
  }

  /// The error of `p` at `cell` (`B3`, or `3` for a row), as `XlsxError` places it.
  static func error(_ p: XlsxError.Problem, _ cell: String?) -> XlsxError {
    let place = cell.map { c in
      let letters = c.prefix { $0.isLetter }
      let column =
        letters.isEmpty ? nil : letters.reduce(0) { $0 * 26 + Int($1.asciiValue! - 64) } - 1
      return XlsxError.Place(row: Int(c.dropFirst(letters.count))!, column: column)
    }
    return XlsxError(p, part: "xl/s.xml", sheet: "S", place: place)
  }

  /// An end tag that does not close what is open would end a row, or the sheet's data, early:
  /// the rows after it lost (found by a hostile review: a second `</row>` dropped the rest of
  /// the quarter into `gaps zero`).
  @Test func strayEndTagsAreRefusedNotReadOn() throws {
    let cases: [(String, XlsxError)] = [
      (
        "<row r=\"1\"><c r=\"A1\"><v>1</v></c></row></row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>",
        Self.error(
          .malformedXML("</row> inside <sheetData>: an element left open or closed twice"), "1")
      ),
      (
        "</row><row r=\"2\"><c r=\"A2\"><v>2</v></c></row>",
        XlsxError(
          .malformedXML("</row> inside <sheetData>: an element left open or closed twice"),
          part: "xl/s.xml", sheet: "S")
      ),
      (
        "<row r=\"1\"><c r=\"A1\"><v>1</v><c r=\"B1\"><v>2</v></c></row><row r=\"2\"/>",
        Self.error(.malformedXML("</row> inside <c>: an element left open or closed twice"), "A1")
      ),
      (
        "<row r=\"1\"><c r=\"A1\"><v>1</c></v></row>",
        Self.error(.malformedXML("</c> inside <v>: an element left open or closed twice"), "A1")
      ),
    ]
    for (data, expected) in cases {
      #expect(throws: expected, "\(data)") { try Self.read(try Self.book(data)) }
    }
  }

  @Test func locatedRefusals() throws {
    let cases: [(String, XlsxError)] = [
      (
        "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row><row r=\"2\"/>",
        Self.error(.rowOutOfOrder(2, after: 2), "2")
      ),
      ("<row r=\"0\"/>", Self.error(.badRowNumber("0"), "1")),
      ("<row r=\"7\"/><row r=\"1048577\"/>", Self.error(.badRowNumber("1048577"), "8")),
      (
        "<row r=\"3\"><c r=\"B3\"><v>1</v></c><c r=\"A3\"><v>2</v></c></row>",
        Self.error(.columnOutOfOrder, "A3")
      ),
      ("<row r=\"3\"><c r=\"B4\"><v>1</v></c></row>", Self.error(.cellOutsideRow(4), "B3")),
      ("<row r=\"3\"><c r=\"b3\"><v>1</v></c></row>", Self.error(.badCellReference("b3"), "3")),
      (
        "<row r=\"3\"><c r=\"XFE3\"><v>1</v></c></row>", Self.error(.badCellReference("XFE3"), "3")
      ),
      ("<row><c t=\"s\"><v>2</v></c></row>", Self.error(.badSharedStringIndex("2"), "A1")),
      ("<row><c t=\"s\"><v>-1</v></c></row>", Self.error(.badSharedStringIndex("-1"), "A1")),
      ("<row><c><v>1,5</v></c></row>", Self.error(.badNumber("1,5"), "A1")),
      ("<row><c><v></v></c></row>", Self.error(.badNumber(""), "A1")),
      ("<row><c t=\"b\"><v>2</v></c></row>", Self.error(.badBoolean("2"), "A1")),
      ("<row><c t=\"x\"><v>2</v></c></row>", Self.error(.unknownCellType("x"), "A1")),
      ("<row><c><f>1+1</f></c></row>", Self.error(.formulaWithoutValue, "A1")),
      (
        "<row><c t=\"str\"><f t=\"shared\" si=\"0\"/></c></row>",
        Self.error(.formulaWithoutValue, "A1")
      ),
      ("<row><c><v>1&nbsp;</v></c></row>", Self.error(.unknownEntity("nbsp"), "A1")),
      (
        "<row><c><v>1 & 2</v></c></row>",
        Self.error(.malformedXML("'&' not starting an entity"), "A1")
      ),
      ("<row><c t=\"str\"><v>&#0;</v></c></row>", Self.error(.unknownEntity("#0"), "A1")),
      (
        "<row><c r=A1><v>1</v></c></row>",
        Self.error(.malformedXML("an attribute value without quotes"), "1")
      ),
      ("<row><c><v>1</v></c></row><!DOCTYPE x>", Self.error(.doctype, nil)),
    ]
    for (data, expected) in cases {
      #expect(throws: expected, "\(data)") { try Self.read(try Self.book(data)) }
    }
  }

  /// Bytes that are not UTF-8 in a value are refused as such, whatever the cell's type (a
  /// number cell said "'0\u{FFFD}' is not a number", found by a hostile review).
  @Test func valuesNotUTF8AreSaidToBe() throws {
    for type in ["", " t=\"n\"", " t=\"s\"", " t=\"b\"", " t=\"str\"", " t=\"e\""] {
      let sheet =
        Array(
          "<worksheet><sheetData><row r=\"2\"><c r=\"A2\"><v>1</v></c><c r=\"C2\"\(type)><v>0".utf8)
        + [0xFF] + Array("</v></c></row></sheetData></worksheet>".utf8)
      let book = try XlsxWorkbook(bytes: Self.bytes(sheet: sheet, shared: "<sst/>"))
      #expect(throws: Self.error(.notUTF8, "C2"), "\(type)") { try Self.read(book) }
    }
  }

  /// A byte damaged in the archive can make the part's XML break anywhere: the archive's own
  /// check is reported, not an XML error at a row the damage invented (a hostile review's
  /// flipped bytes were called "an attribute value without quotes" at row 60).
  @Test func damagedDataIsReportedAsDamageNotAsXML() throws {
    let data = (1...40).map { "<row r=\"\($0)\"><c r=\"A\($0)\"><v>\($0)</v></c></row>" }.joined()
    let intact = Self.bytes(data)
    for (from, to) in [
      ("r=\"30\"", "r=x30\""), ("<v>12<", "<v>1x<"), ("<row r=\"9\">", "<row r=\"9\"<"),
    ] {
      // Stored, so the damage is exactly this change; the CRC-32 was written for the intact part.
      let damaged = Self.replacing(Array(from.utf8), with: Array(to.utf8), in: intact)
      #expect(damaged != intact)
      let book = try XlsxWorkbook(bytes: damaged)
      #expect(
        throws: XlsxError(.archive(.crcMismatch(entry: "xl/s.xml")), part: "xl/s.xml", sheet: "S"),
        "\(to)"
      ) {
        try Self.read(book)
      }
    }
    // The shared strings, streamed as the sheet is.
    let strings = Self.replacing(Array("<t>a</t>".utf8), with: Array("<t>&</t>".utf8), in: intact)
    #expect(throws: XlsxError(.archive(.crcMismatch(entry: "xl/ss.xml")), part: "xl/ss.xml")) {
      try XlsxWorkbook(bytes: strings)
    }
    // The same change written with its CRC-32 is the XML error it makes, at its row.
    let rewritten = try Self.book(data.replacing("<v>12<", with: "<v>1x<"))
    #expect(throws: Self.error(.badNumber("1x"), "A12")) { try Self.read(rewritten) }
  }

  /// `bytes` with the first `from` changed to `to` (of the same length).
  static func replacing(_ from: [UInt8], with to: [UInt8], in bytes: [UInt8]) -> [UInt8] {
    var out = bytes
    for i in 0...(bytes.count - from.count) where Array(bytes[i..<(i + from.count)]) == from {
      out.replaceSubrange(i..<(i + from.count), with: to)
      return out
    }
    return out
  }

  @Test func partsCutShort() throws {
    let cases: [(String, XlsxError)] = [
      (
        "<worksheet><sheetData><row><c><v>1</v>",
        Self.error(.malformedXML("the sheet ends inside a cell"), "A1")
      ),
      (
        "<worksheet><sheetData><row r=\"4\">",
        Self.error(.malformedXML("the sheet ends inside a row"), "4")
      ),
      (
        "<worksheet><sheetData>",
        Self.error(.malformedXML("the sheet ends inside <sheetData>"), nil)
      ),
      ("<worksheet>", Self.error(.malformedXML("no <sheetData>"), nil)),
      ("<worksheet><sheetData><row><c", Self.error(.malformedXML("unterminated tag"), "1")),
      ("<worksheet><!-- never closed", Self.error(.malformedXML("unterminated comment"), nil)),
      (
        "<worksheet><sheetData><row><c t=\"str\"><v><![CDATA[x",
        Self.error(.malformedXML("unterminated CDATA"), "A1")
      ),
    ]
    for (whole, expected) in cases {
      #expect(throws: expected, "\(whole)") { try Self.read(try Self.book("", whole: whole)) }
    }
  }

  @Test func whatIsRead() throws {
    let rows = try Self.read(
      try Self.book(
        "<row r=\"2\" spans=\"1:3\"/>"  // empty: not reported
          + "<row r=\"3\"><c r=\"C3\" s=\"4\"/><c r=\"D3\" t=\"s\"><v>1</v></c></row>"
          + "<row><c r=\"AA4\"><v>-1.5e+2</v></c></row>"  // no r on the row: the next one
          + "\n  <row>\n <c t='inlineStr'\n r='B5'><is><t>x</t></is></c></row>"))
    #expect(rows.map(\.number) == [3, 4, 5])
    #expect(rows[0].cells == [XlsxCell(column: 3, value: .text("b"))])
    #expect(rows[1].cells == [XlsxCell(column: 26, value: .number("-1.5e+2"))])
    #expect(rows[2].cells == [XlsxCell(column: 1, value: .text("x"))])
  }

  @Test func boundsOnTokensAndSharedStrings() throws {
    var limits = XlsxLimits()
    limits.maxToken = 64
    let long = String(repeating: "9", count: 100)
    #expect(throws: Self.error(.tokenTooLong(limit: 64), "A1")) {
      try Self.read(try Self.book("<row><c><v>\(long)</v></c></row>", limits: limits))
    }
    limits = XlsxLimits()
    limits.maxSharedStrings = 20
    #expect(throws: XlsxError(.sharedStringsTooLarge(limit: 20), part: "xl/ss.xml")) {
      try Self.book("", limits: limits)
    }
  }

  @Test func cellLetters() {
    #expect(XlsxCell.letters(0) == "A")
    #expect(XlsxCell.letters(25) == "Z")
    #expect(XlsxCell.letters(26) == "AA")
    #expect(XlsxCell.letters(16_383) == "XFD")
    #expect(SheetParser.reference(Array("XFD1048576".utf8)[...])! == (16_383, 1_048_576))
    #expect(SheetParser.reference(Array("A1048577".utf8)[...]) == nil)
  }

  @Test func xEscapes() {
    func u(_ s: String) -> String {
      String(decoding: XMLTokenizer.unescapeX(Array(s.utf8)), as: UTF8.self)
    }
    #expect(u("a_x000D_b") == "a\rb")
    #expect(u("_x005F_x0041_") == "_x0041_")
    #expect(u("_xD83D__xDE00_") == "😀")
    #expect(u("_xD83D_") == "_xD83D_")  // a lone surrogate stays as written
    #expect(u("_x00G1_ and _x12") == "_x00G1_ and _x12")
  }
}
