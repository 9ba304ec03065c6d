import Testing

@testable import ParkShare

/// The one-pass row scan (`SheetRowScan`) reads every sheet exactly as the tokens do: the same
/// lines, row numbers and error, on thousands of sheets made from what writers put in rows
/// (and what they should not), cut into pieces of every size, under small token limits.
@Suite struct XlsxRowScanTests {
  struct Read: Equatable {
    var lines: [String] = []
    var error: XlsxError? = nil
  }

  /// Every line of the sheet in `xml` (inside `<sheetData>`), read with or without the scan.
  static func read(
    _ xml: [UInt8], scan: Bool, limits: XlsxLimits, _ o: SheetLineOptions
  ) -> (read: Read, scanned: Int) {
    var out = Read()
    var scanned = 0
    do throws(XlsxError) {
      let book = XlsxSheetErrorsTests.bytes(
        sheet: Array("<worksheet><sheetData>".utf8) + xml + Array("</sheetData></worksheet>".utf8),
        shared: "<sst><si><t>meter 1</t></si><si><t>表\u{1F}号</t></si></sst>")
      let rows = try XlsxWorkbook(bytes: book, limits: limits).rows(sheet: nil)
      rows.scansRows = scan
      var line: [UInt8] = []
      while let n = try rows.nextLine(
        into: &line, separator: o.separator, dateColumn: o.dateColumn, dateOnly: o.dateOnly,
        fields: o.fields)
      {
        out.lines.append("\(n):" + String(decoding: line, as: UTF8.self))
        scanned = rows.rowsScanned
      }
    } catch {
      out.error = error
    }
    return (out, scanned)
  }

  typealias Random = SplitMixRandom

  static let numbers = [
    "0", "12.5", "-3", "+4", ".5", "5.", "1E3", "1.5e-3", "2E+2", "1E", "E5", "abc", "", "1,5",
    "1&#46;5", "&amp;", "45292", "45292.25", "45292.010416666664", "60", "1e400", "-0", "1 ",
    "00012", ".", "123456789012345.5", "1234567890123456.5",
  ]
  static let texts = [
    "a", "a_x000D_b", "_x005F_", "中文", "a\u{1F}b", "A &amp; B", "x\r\ny", "x\ny", " pad ",
    "", "#N/A", "2026-01-01T00:15:00", "&#x4E2D;", "<![CDATA[1<2]]>", "1", "\u{FEFF}1",
  ]

  /// A cell after `column`; in a sheet with `odd` = 1 anything odd is frequent, with a larger
  /// `odd` rare.
  static func cell(_ r: inout Random, row: Int, column: inout Int, odd m: Int) -> String {
    column += r.one(in: 6) ? 1 + r.below(3) : 1
    if r.one(in: 40 * m) { column -= 2 }  // out of order
    var ref = XlsxCell.letters(column) + "\(r.one(in: 50 * m) ? row + 1 : row)"
    if r.one(in: 60 * m) { ref = ref.lowercased() }
    var attributes: [String] = []
    if !r.one(in: 8) { attributes.append("r=\"\(ref)\"") }
    if r.one(in: 3) {
      // An entity in an attribute neither read decodes (the style): both pass over it.
      attributes.append(r.one(in: 30 * m) ? "s=\"&#49;\"" : "s=\"\(r.below(20))\"")
    }
    let type =
      r.one(in: 2)
      ? nil
      : m > 1
        ? r.pick(["n", "s", "str", "b"])
        : r.pick(["n", "s", "str", "inlineStr", "b", "e", "d", "zz"])
    if let type { attributes.append("t=\"\(type)\"") }
    if r.one(in: 30 * m) { attributes.append("cm=\"1\"") }
    if r.one(in: 50 * m) { attributes.append("s=\"2\"") }  // given twice
    if r.one(in: 40 * m) { attributes.append("x:r=\"\(ref)\"") }
    if r.one(in: 3) { attributes.shuffle(using: &r) }
    var tag = "<c"
    for a in attributes {
      var a = a
      if r.one(in: 40 * m) { a = a.replacingOccurrences(of: "\"", with: "'") }
      if r.one(in: 60 * m) { a = a.replacingOccurrences(of: "=", with: " = ") }
      tag += (r.one(in: 50 * m) ? "\n  " : " ") + a
    }
    let value: String
    switch type {
    case "s": value = m > 1 ? r.pick(["0", "1"]) : r.pick(["0", "1", "2", "-1", "01", "x"])
    case "b": value = m > 1 ? r.pick(["0", "1"]) : r.pick(["0", "1", "2", "", "true"])
    case "str", "inlineStr", "e", "d": value = m > 1 ? r.pick(["a", "中文", ""]) : r.pick(Self.texts)
    default:
      value =
        r.one(in: 5 * m)
        ? r.pick(Self.texts) : m > 1 ? r.pick(["0", "12.5", "7", "1E3"]) : r.pick(Self.numbers)
    }
    switch r.below(24 * m) {
    case 0: return tag + "/>"
    case 1: return tag + "></c>"
    case 2: return tag + "><f>SUM(A1)</f><v>\(value)</v></c>"
    case 3: return tag + "><f>A1</f></c>"
    case 4: return tag + "><is><t>\(value)</t></is></c>"
    case 5: return tag + "><is><t xml:space=\"preserve\">\(value)</t></is></c>"
    case 6: return tag + "><is><r><t>a</t></r><r><t>\(value)</t></r></is></c>"
    case 7: return tag + "><v/></c>"
    case 8: return tag + "> <v>\(value)</v> </c>"
    case 9: return tag + "><v>\(value)</v><v>1</v></c>"
    case 10: return tag + "><x:v>\(value)</x:v></c>"
    case 11: return tag + "><v>\(value)</v></c "
    default:
      if type == "inlineStr" && r.one(in: 2) { return tag + "><is><t>\(value)</t></is></c>" }
      return tag + "><v>\(value)</v></c>"
    }
  }

  static func sheet(_ r: inout Random) -> [UInt8] {
    let m = r.pick([1, 1, 30])
    var xml = ""
    var row = 0
    for _ in 0..<(1 + r.below(8)) {
      row += r.one(in: 5) ? 2 : 1
      if r.one(in: 40 * m) { row -= 1 }
      var attributes: [String] = []
      if !r.one(in: 6) { attributes.append("r=\"\(r.one(in: 80 * m) ? 0 : row)\"") }
      if r.one(in: 3) { attributes.append("spans=\"1:5\"") }
      if r.one(in: 3) { attributes.append("x14ac:dyDescent=\"0.25\"") }
      if r.one(in: 60 * m) { attributes.append("spans=\"1:2\"") }
      let open = "<row" + attributes.map { " " + $0 }.joined()
      if r.one(in: 15 * m) {
        xml += open + "/>"
        continue
      }
      xml += open + ">"
      var column = -1
      for _ in 0..<r.below(7) {
        if r.one(in: 10 * m) {
          xml += r.pick(["\n", "  ", "\r\n", "text", "<!-- c -->", "<extLst/>"])
        }
        xml += cell(&r, row: row, column: &column, odd: m)
      }
      xml += r.one(in: 40 * m) ? "</x:row>" : "</row>"
      if r.one(in: 6) { xml += "\n" }
    }
    var bytes = Array(xml.utf8)
    // Now and then a byte that is not UTF-8, or the sheet cut short.
    if r.one(in: 30 * m), !bytes.isEmpty { bytes[r.below(bytes.count)] = 0xFF }
    if r.one(in: 30 * m), !bytes.isEmpty { bytes.removeLast(r.below(bytes.count)) }
    return bytes
  }

  @Test func theScanReadsEverySheetAsTheTokensDo() {
    var r = Random(seed: 20_261_128)
    var scanned = 0
    for _ in 0..<3_000 {
      let xml = Self.sheet(&r)
      var limits = XlsxLimits()
      limits.pieceSize = r.pick([1, 2, 3, 7, 64, 1 << 18])
      if r.one(in: 4) { limits.maxToken = r.pick([8, 16, 40, 100]) }
      let o = SheetLineOptions(
        separator: r.pick([0x1F, UInt8(ascii: "|")]), dateColumn: r.one(in: 2) ? nil : r.below(3),
        dateOnly: r.one(in: 2), date1904: false, fields: r.below(8))
      let tokens = Self.read(xml, scan: false, limits: limits, o)
      let scan = Self.read(xml, scan: true, limits: limits, o)
      #expect(tokens.read == scan.read, "\(String(decoding: xml, as: UTF8.self))")
      #expect(tokens.scanned == 0)
      scanned += scan.scanned
      if tokens.read != scan.read { return }
    }
    // The scan did read: most rows written here are ones it reads.
    #expect(scanned > 2_000)
  }

  @Test func rowsAsExcelWritesThemAreAllScanned() {
    var xml = ""
    for row in 1...50 {
      xml += "<row r=\"\(row)\" spans=\"1:4\" x14ac:dyDescent=\"0.25\">"
      xml +=
        "<c r=\"A\(row)\" t=\"s\"><v>\(row % 2)</v></c><c r=\"B\(row)\" s=\"3\"><v>45292</v></c>"
      xml += "<c r=\"D\(row)\" s=\"1\"><v>\(row).125</v></c><c r=\"E\(row)\" s=\"1\"/></row>"
    }
    let o = SheetLineOptions(
      separator: UInt8(ascii: "|"), dateColumn: 1, dateOnly: true, date1904: false, fields: 6)
    let scan = Self.read(Array(xml.utf8), scan: true, limits: XlsxLimits(), o)
    #expect(scan.read.error == nil)
    #expect(scan.scanned == 50)
    #expect(scan.read.lines.first == "1:表\u{1F}号|2024-01-01||1.125||")
    #expect(scan.read.lines.last == "50:meter 1|2024-01-01||50.125||")
    #expect(scan.read == Self.read(Array(xml.utf8), scan: false, limits: XlsxLimits(), o).read)
  }

  /// A byte-order mark is dropped at the part's start only: one that begins a cell's text is
  /// text, kept by both reads wherever the pieces are cut (with pieces of one byte, a cell's
  /// text always begins a piece, where the tokens used to drop it).
  @Test func aByteOrderMarkInACellIsText() throws {
    let xml = Array(
      "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\u{FEFF}x</t></is></c><c r=\"B1\" t=\"str\"><v>\u{FEFF}7</v></c></row></sheetData></worksheet>"
        .utf8)
    for piece in [1, 2, 3, 1 << 18] {
      var limits = XlsxLimits()
      limits.pieceSize = piece
      for scan in [false, true] {
        let book = XlsxSheetErrorsTests.bytes(sheet: [0xEF, 0xBB, 0xBF] + xml, shared: "<sst/>")
        let rows = try XlsxWorkbook(bytes: book, limits: limits).rows(sheet: nil)
        rows.scansRows = scan
        var line: [UInt8] = []
        #expect(try rows.nextLine(into: &line, separator: UInt8(ascii: "|")) == 1)
        #expect(String(decoding: line, as: UTF8.self) == "\u{FEFF}x|\u{FEFF}7", "\(piece) \(scan)")
        #expect(rows.rowsScanned == (scan ? 1 : 0))
      }
    }
  }
}

extension XlsxRowScanTests {
  /// A row's number as the end of its cells' references is compared: digits then a quote,
  /// first byte lowest, up to Excel's last row (7 digits and the quote fill the 8 bytes).
  @Test func aRowsReferenceEnd() {
    let seven = SheetRowScan.reference(row: 7)
    #expect(seven.bytes == 0x2237 && seven.mask == 0xFFFF && seven.count == 2)
    let tenth = SheetRowScan.reference(row: 10)
    #expect(tenth.bytes == 0x22_3031 && tenth.mask == 0xFF_FFFF && tenth.count == 3)
    let last = SheetRowScan.reference(row: 1_048_576)
    #expect(last.bytes == 0x2236_3735_3834_3031 && last.mask == ~0 && last.count == 8)
  }
}

extension SplitMixRandom {
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
  /// True one time in `n`.
  mutating func one(in n: Int) -> Bool { below(n) == 0 }
}
