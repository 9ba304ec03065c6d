import Foundation
import Testing

@testable import ParkShare

/// Readings in a workbook (.xlsx): read as its profile's layout (or the plain long layout
/// without one), each problem named by its sheet row and cell; a workbook that cannot be read is
/// `bad-workbook`, never skipped.
@Suite struct WorkbookReadingsTests {
  static let contract = """
    contract wb "workbook readings"
    currency CNY rounding half-up
    settle monthly from 2026-01 to 2026-12
    gaps zero
    party op "operator" operator
    meter pv on-grid-export
    input price CNY/kWh
    revenue sales = pv x price
    pool p = sales
      split op 100%

    """

  static func run(_ book: [UInt8], profile: String? = nil) throws -> (PeriodRevenue?, String) {
    let t = try TestBundle(contract: contract)
    defer { t.remove() }
    var files = [
      "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
      "facts.csv": "fact,value\nprice,2\n",
    ]
    if let profile { files["import.profile"] = profile }
    let dir = try t.bundle("2026-01", files)
    try Data(book).write(to: URL(fileURLWithPath: dir + "/readings.xlsx"))
    return t.revenue(dir, period: "2026-01")
  }

  /// The plain layout in a workbook: 1.5 + 2 kWh (a number written 2E0 by some tools is 2) at
  /// 2 CNY/kWh = 7 CNY.
  @Test func thePlainLayoutInAWorkbook() throws {
    var book = Workbook()
    book.add(
      "readings", header: ["meter", "timestamp", "kwh"],
      rows: [
        [.text("E"), .text("2026-01-10T12:00:00+08:00"), .number(Exact("1.5")!)],
        [.text("E"), .text("2026-01-10T13:00:00+08:00"), .number(Exact("2")!)],
      ])
    let (r, messages) = try Self.run(book.bytes())
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("7"))
  }

  @Test func aProblemIsNamedByItsCell() throws {
    var book = Workbook()
    book.add(
      "readings", header: ["meter", "timestamp", "kwh"],
      rows: [
        [.text("E"), .text("2026-01-10T12:00:00+08:00"), .number(Exact("1.5")!)],
        [.text("E"), .text("2026-01-10T13:00:00+08:00"), .text("n/a")],
      ])
    let (r, messages) = try Self.run(book.bytes())
    #expect(r == nil)
    #expect(messages.contains("readings.xlsx:3:3: error[bad-kwh]"), "\(messages)")
    #expect(messages.contains("(cell C3)"), "\(messages)")
  }

  /// A refusal inside the sheet's data is placed at its row and cell, as a value's problem is,
  /// not at the file's start; a bad reference (which column it meant is unknown) at its row.
  @Test func aRefusalInsideTheSheetIsPlacedAtItsCell() throws {
    func cells(_ row: Int, _ texts: [String]) -> String {
      texts.enumerated().map { k, t in
        "<c r=\"\(XlsxCell.letters(k))\(row)\" t=\"inlineStr\"><is><t>\(t)</t></is></c>"
      }.joined()
    }
    let head = "<worksheet><sheetData><row r=\"1\">\(cells(1, ["meter", "timestamp", "kwh"]))</row>"
    let stamp = ["E", "2026-01-10T12:00:00+08:00"]
    let cases = [
      (
        "<row r=\"2\">\(cells(2, stamp))<c r=\"C2\"><f>1+1</f></c></row>",
        "readings.xlsx:2:3: error[bad-workbook]: sheet 'S' C2: a formula without a cached value"
      ),
      (
        "<row r=\"7\">\(cells(7, stamp))<c r=\"C7\"><v>1&nbsp;</v></c></row>",
        "readings.xlsx:7:3: error[bad-workbook]: sheet 'S' C7: unknown entity &nbsp;"
      ),
      (
        "<row r=\"5\">\(cells(5, stamp))<c r=\"C6\"><v>1</v></c></row>",
        "readings.xlsx:5:3: error[bad-workbook]: sheet 'S' C5: a cell of row 6 inside another row"
      ),
      (
        "<row r=\"5\">\(cells(5, stamp))<c r=\"XFE5\"><v>1</v></c></row>",
        "readings.xlsx:5:1: error[bad-workbook]: sheet 'S' 5: bad cell reference 'XFE5'"
      ),
    ]
    for (row, expected) in cases {
      let book = XlsxSheetErrorsTests.bytes(
        sheet: Array((head + row + "</sheetData></worksheet>").utf8), shared: "<sst/>")
      let (r, messages) = try Self.run(book)
      #expect(r == nil)
      #expect(messages.contains(expected), "\(messages)")
    }
  }

  @Test func aBrokenWorkbookIsRefused() throws {
    var book = Workbook()
    book.add("readings", header: ["meter", "timestamp", "kwh"], rows: [])
    let bytes = book.bytes()
    let (r, messages) = try Self.run(Array(bytes.prefix(bytes.count / 2)))
    #expect(r == nil)
    #expect(messages.contains("error[bad-workbook]"), "\(messages)")
  }

  @Test func aSheetThatIsNotThereIsNamed() throws {
    var book = Workbook()
    book.add("负荷曲线", header: ["meter", "timestamp", "kwh"], rows: [])
    let (r, messages) = try Self.run(book.bytes(), profile: "sheet = 表1\n")
    #expect(r == nil)
    #expect(messages.contains("表1") && messages.contains("负荷曲线"), "\(messages)")
  }

  /// Day rows whose dates are date serials and whose meter ids are numbers: 46032 is
  /// 2026-01-10; meter 1001 stays a meter id. 24 hourly values of 0.5 kWh at 2 CNY/kWh = 24.
  @Test func dateSerialsInTheDateColumnOnly() throws {
    var book = Workbook()
    book.add(
      "负荷曲线", header: ["日期", "表号"] + (0..<24).map { "H\($0)" },
      rows: [
        [.number(Exact("46032")!), .number(Exact("1001")!)]
          + Array(repeating: .number(Exact("0.5")!), count: 24)
      ])
    let t = try TestBundle(contract: Self.contract)
    defer { t.remove() }
    let dir = try t.bundle(
      "2026-01",
      [
        "meters.csv": "meter,kind,interval\n1001,on-grid-export,60\n",
        "facts.csv": "fact,value\nprice,2\n",
        "import.profile": "layout = day-rows\ntime-zone = +08:00\ndate = 日期\nmeter = 表号\n",
      ])
    try Data(book.bytes()).write(to: URL(fileURLWithPath: dir + "/readings.xlsx"))
    let (r, messages) = t.revenue(dir, period: "2026-01")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("24"))
  }

  /// Register reads in a workbook carry from row to row: reads 100, 101.5 and 104 kWh make
  /// intervals of 1.5 and 2.5 kWh: 4 kWh at 2 CNY/kWh = 8.
  @Test func registerReadsCarryFromRowToRow() throws {
    var book = Workbook()
    book.add(
      "reads", header: ["meter", "timestamp", "reading"],
      rows: ["100", "101.5", "104"].enumerated().map { (h, v) in
        [.text("E"), .text("2026-01-10 1\(h):00"), .number(Exact(v)!)]
      })
    let (r, messages) = try Self.run(
      book.bytes(), profile: "layout = register\nvalue = reading\ntime-zone = +08:00\n")
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("8"))
  }

  /// Keys for CSV text with only workbooks to read would be ignored: each is refused at its
  /// line (and `sheet` with only CSV files: the bundle fixture profile-sheet-for-csv).
  @Test func textKeysWithOnlyAWorkbookAreRefused() throws {
    var book = Workbook()
    book.add(
      "readings", header: ["meter", "timestamp", "kwh"],
      rows: [[.text("E"), .text("2026-01-10T12:00:00+08:00"), .number(Exact("1.5")!)]])
    let (r, messages) = try Self.run(
      book.bytes(), profile: "# an export\nencoding = gb18030\nskip = 0\ndelimiter = ;\n")
    #expect(r == nil)
    #expect(
      messages.contains(
        "import.profile:2:1: error[bad-profile]: 'encoding' is for CSV text; the bundle's readings are workbooks"
      ))
    #expect(
      messages.contains(
        "import.profile:4:1: error[bad-profile]: 'delimiter' is for CSV text; the bundle's readings are workbooks"
      ))
  }
}
