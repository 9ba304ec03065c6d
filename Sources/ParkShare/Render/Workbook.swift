/// An Excel workbook (.xlsx) written by parkshare itself: sheets of rows whose cells are text
/// (UTF-8, inline), numbers shown with two decimals or dates; a frozen, filterable header row,
/// columns as wide as their content, and a print setup (A4 landscape, fitted to the page's
/// width, the header row repeated on every page, page numbers in the footer).
public struct Workbook: Sendable {
  public enum Cell: Sendable {
    case text(String)
    /// A number, written as its exact decimal text (`1234.50`) in a `#,##0.00` format.
    case number(Exact)
    /// A date cell (a serial day number in a `yyyy-mm-dd` format): sorts and filters as a date.
    case date(CalendarDay)
  }

  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[Cell]]
  }

  public var sheets: [Sheet] = []
  /// The decimals amounts are shown with: the currency's (2 for CNY, 0 for JPY, 3 when a
  /// contract says `decimals 3`).
  public var decimals = 2

  public init(decimals: Int = 2) { self.decimals = decimals }

  public mutating func add(_ name: String, header: [String], rows: [[Cell]]) {
    sheets.append(Sheet(name: name, rows: [header.map(Cell.text)] + rows))
  }

  public func bytes() -> [UInt8] {
    var zip = Zip()
    let n = sheets.count
    zip.add(
      "[Content_Types].xml",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\((1...max(n, 1)).prefix(n).map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())</Types>
      """)
    zip.add(
      "_rels/.rels",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
      """)
    let sheetList = sheets.enumerated().map { i, s in
      "<sheet name=\"\(Self.escape(String(s.name.prefix(31))))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
    }.joined()
    // Each sheet's header row is printed at the top of every page.
    let titles = sheets.enumerated().map { i, s in
      let quoted = String(s.name.prefix(31)).replacingOccurrences(of: "'", with: "''")
      return
        "<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"\(i)\">'\(Self.escape(quoted))'!$1:$1</definedName>"
    }.joined()
    zip.add(
      "xl/workbook.xml",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets>\(titles.isEmpty ? "" : "<definedNames>\(titles)</definedNames>")</workbook>
      """)
    let rels = sheets.indices.map {
      "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>"
    }.joined()
    zip.add(
      "xl/_rels/workbook.xml.rels",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)<Relationship Id="rId\(n + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
      """)
    // Style 1: numbers as #,##0.00 with the currency's decimals (format 165); style 2: bold
    // header text; style 3: dates as yyyy-mm-dd (format 164).
    let amountFormat = "#,##0" + (decimals > 0 ? "." + String(repeating: "0", count: decimals) : "")
    zip.add(
      "xl/styles.xml",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="\(amountFormat)"/></numFmts><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
      """)
    for (i, sheet) in sheets.enumerated() {
      zip.add("xl/worksheets/sheet\(i + 1).xml", sheetXML(sheet))
    }
    return zip.bytes()
  }

  /// Digits of `v` without leading zeros and without the trailing zeros of its fraction.
  static func significantDigits(_ v: Exact) -> Int {
    var digits = v.description.filter(\.isNumber)
    if v.description.contains(".") { while digits.hasSuffix("0") { digits.removeLast() } }
    return digits.drop { $0 == "0" }.count
  }

  func sheetXML(_ sheet: Sheet) -> String {
    let columns = sheet.rows.map(\.count).max() ?? 1
    var rows = ""
    for (r, row) in sheet.rows.enumerated() {
      rows += "<row r=\"\(r + 1)\">"
      for (c, cell) in row.enumerated() {
        let ref = Self.column(c) + String(r + 1)
        switch cell {
        case .text(let t):
          let style = r == 0 ? " s=\"2\"" : ""
          rows +=
            "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(t))</t></is></c>"
        case .number(let v) where Self.significantDigits(v) > 15:
          // A spreadsheet keeps 15 significant digits of a number: more would lose fen, so
          // such an amount is its exact text.
          rows +=
            "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(Money.text(v, decimals: decimals))</t></is></c>"
        case .number(let v):
          rows += "<c r=\"\(ref)\" s=\"1\"><v>\(v.description)</v></c>"
        case .date(let d):
          // Excel counts days from 1899-12-30 (its 1900 leap-year bug included): 25,569 is
          // 1970-01-01, where `CalendarDay.number` counts from.
          rows += "<c r=\"\(ref)\" s=\"3\"><v>\(d.number + 25_569)</v></c>"
        }
      }
      rows += "</row>"
    }
    let last = Self.column(columns - 1) + String(max(sheet.rows.count, 1))
    let cols = Self.widths(sheet, decimals: decimals).enumerated().map { c, w in
      "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(w)\" customWidth=\"1\"/>"
    }.joined()
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><cols>\(cols)</cols><sheetData>\(rows)</sheetData><autoFilter ref="A1:\(last)"/><pageMargins left="0.5" right="0.5" top="0.6" bottom="0.6" header="0.3" footer="0.3"/><pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/><headerFooter><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter></worksheet>
      """
  }

  /// Each column's width in characters, fitted to its widest cell (a Chinese character counts
  /// two, an amount as `#,##0.00` shows it), so that no amount shows as `###`; at most 60.
  static func widths(_ sheet: Sheet, decimals: Int = 2) -> [Int] {
    var out = [Int](repeating: 8, count: sheet.rows.map(\.count).max() ?? 0)
    for row in sheet.rows {
      for (c, cell) in row.enumerated() {
        let shown: Int
        switch cell {
        case .text(let t):
          shown = t.unicodeScalars.reduce(0) { $0 + ($1.value < 0x1100 ? 1 : 2) }
        case .number(let v): shown = Money.text(v, decimals: decimals).count
        case .date: shown = 10
        }
        out[c] = max(out[c], min(shown + 2, 60))
      }
    }
    return out
  }

  /// `A`, `B`, ..., `Z`, `AA`: a column letter.
  static func column(_ i: Int) -> String {
    var n = i + 1
    var s = ""
    while n > 0 {
      let r = (n - 1) % 26
      s = String(UnicodeScalar(UInt8(65 + r))) + s
      n = (n - 1) / 26
    }
    return s
  }

  /// XML text and attribute values are escaped as HTML's are; a character XML 1.0 does not
  /// allow (a C0 control but tab and line ends, U+FFFE, U+FFFF) is written as U+FFFD, or the
  /// file would not open.
  static func escape(_ s: String) -> String {
    let allowed = { (v: UInt32) in
      v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v != 0xFFFE && v != 0xFFFF)
    }
    guard s.unicodeScalars.allSatisfy({ allowed($0.value) }) else {
      var clean = String.UnicodeScalarView()
      for u in s.unicodeScalars { clean.append(allowed(u.value) ? u : "\u{FFFD}") }
      return StatementHTML.escape(String(clean))
    }
    return StatementHTML.escape(s)
  }
}
