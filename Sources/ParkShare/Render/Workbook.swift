/// An Excel workbook (.xlsx) written by parkshare itself: sheets of rows whose cells are text
/// (UTF-8, inline) or numbers shown with two decimals; a frozen, filterable header row.
public struct Workbook: Sendable {
  public enum Cell: Sendable {
    case text(String)
    /// A number, written as its exact decimal text (`1234.50`) in a `#,##0.00` format.
    case number(Exact)
  }

  public struct Sheet: Sendable {
    public var name: String
    public var rows: [[Cell]]
  }

  public var sheets: [Sheet] = []

  public init() {}

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
    zip.add(
      "xl/workbook.xml",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets></workbook>
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
    // Style 1: numbers as #,##0.00 (built-in format 4); style 2: bold header text.
    zip.add(
      "xl/styles.xml",
      """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
      """)
    for (i, sheet) in sheets.enumerated() {
      zip.add("xl/worksheets/sheet\(i + 1).xml", Self.sheetXML(sheet))
    }
    return zip.bytes()
  }

  static func sheetXML(_ sheet: Sheet) -> String {
    let columns = sheet.rows.map(\.count).max() ?? 1
    var rows = ""
    for (r, row) in sheet.rows.enumerated() {
      rows += "<row r=\"\(r + 1)\">"
      for (c, cell) in row.enumerated() {
        let ref = column(c) + String(r + 1)
        switch cell {
        case .text(let t):
          let style = r == 0 ? " s=\"2\"" : ""
          rows +=
            "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(t))</t></is></c>"
        case .number(let v):
          rows += "<c r=\"\(ref)\" s=\"1\"><v>\(v.description)</v></c>"
        }
      }
      rows += "</row>"
    }
    let last = column(columns - 1) + String(max(sheet.rows.count, 1))
    return """
      <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
      <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetData>\(rows)</sheetData><autoFilter ref="A1:\(last)"/></worksheet>
      """
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

  /// XML text and attribute values are escaped as HTML's are.
  static func escape(_ s: String) -> String { StatementHTML.escape(s) }
}
