import Foundation
import Testing

@testable import ParkShare

/// What a hostile review of workbook readings found (2026-11-28), each read as its CSV twin
/// would be: huge exponents refused without a crash, readings repeated across files refused,
/// empty trailing cells kept as empty fields, a quote in a cell taken as text, problems named at
/// the right cell after Chinese text, rows counted, blank rows skipped, a header's spaces
/// trimmed, a cell with two values refused, an empty sheet named.
@Suite struct WorkbookHostileTests {
  /// Sheet XML of inline-string rows: each row's cells as (column letter, text or number).
  static func sheet(_ rows: [[(String, String)]]) -> String {
    var xml = ""
    for (i, row) in rows.enumerated() {
      xml += "<row r=\"\(i + 1)\">"
      for (ref, value) in row {
        let isNumber = i > 0 && Double(value) != nil
        xml +=
          isNumber
          ? "<c r=\"\(ref)\(i + 1)\"><v>\(value)</v></c>"
          : "<c r=\"\(ref)\(i + 1)\" t=\"inlineStr\"><is><t>\(StatementHTML.escape(value))</t></is></c>"
      }
      xml += "</row>"
    }
    return xml
  }

  static let header = [("A", "meter"), ("B", "timestamp"), ("C", "kwh")]
  static func reading(_ hour: Int, _ kwh: String) -> [(String, String)] {
    [("A", "E"), ("B", "2026-01-10T\(hour < 10 ? "0" : "")\(hour):00:00+08:00"), ("C", kwh)]
  }

  /// Runs `revenue` on a bundle of `books` (file name: sheet XML) and `csv` readings.
  static func run(
    _ books: [String: String], csv: [String: String] = [:], profile: String? = nil
  ) throws -> (PeriodRevenue?, String) {
    let t = try TestBundle(contract: WorkbookReadingsTests.contract)
    defer { t.remove() }
    var files = [
      "meters.csv": "meter,kind,interval\nE,on-grid-export,60\n",
      "facts.csv": "fact,value\nprice,2\n",
    ]
    if let profile { files["import.profile"] = profile }
    for (name, text) in csv { files[name] = text }
    let dir = try t.bundle("2026-01", files)
    for (name, xml) in books {
      try Data(XlsxSheetErrorsTests.bytes(xml)).write(to: URL(fileURLWithPath: dir + "/" + name))
    }
    return t.revenue(dir, period: "2026-01")
  }

  @Test func hugeExponentsAreRefusedAtTheirCell() throws {
    for v in [
      "1E9223372036854775807", "1E-9223372036854775808", "7E-9223372036854775807", "1E999999999",
    ] {
      let (r, messages) = try Self.run([
        "readings.xlsx": Self.sheet([Self.header, Self.reading(12, v)])
      ])
      #expect(r == nil)
      #expect(
        messages.contains(
          "readings.xlsx:2:3: error[bad-kwh]: '\(v)' is not a number of kWh (cell C2)"),
        "\(messages)")
    }
  }

  @Test func aReadingRepeatedInAnotherFileIsADuplicate() throws {
    let book = Self.sheet([Self.header, Self.reading(12, "1.5")])
    let (twice, messages) = try Self.run(["readings-a.xlsx": book, "readings-b.xlsx": book])
    #expect(twice == nil)
    #expect(messages.contains("readings-b.xlsx:2:2: error[duplicate-interval]"), "\(messages)")
    let (mixed, mixedMessages) = try Self.run(
      ["readings.xlsx": book],
      csv: ["readings.csv": "meter,timestamp,kwh\nE,2026-01-10T12:00:00+08:00,1.5\n"])
    #expect(mixed == nil)
    #expect(
      mixedMessages.contains("readings.xlsx:2:2: error[duplicate-interval]"), "\(mixedMessages)")
  }

  /// 1.5 + 2 kWh at 2 CNY = 7: with an empty trailing note column, a quoted note, Chinese text
  /// before the values, a blank row and a header with spaces around its names.
  @Test func rowsReadAsTheirCSVTwin() throws {
    let rows: [[(String, String)]] = [
      [("A", " meter "), ("B", "timestamp"), ("C", "kwh"), ("D", "备注")],
      Self.reading(12, "1.5") + [("D", "DN50 2\" pipe")],
      Self.reading(13, "2"),
      [("A", " "), ("B", "")],
    ]
    let (r, messages) = try Self.run(["readings.xlsx": Self.sheet(rows)])
    let revenue = try #require(r, "\(messages)")
    #expect(revenue.total("sales") == Exact("7"))
    #expect(revenue.data.rows == 2)
  }

  @Test func aProblemAfterChineseTextIsAtItsCell() throws {
    let rows: [[(String, String)]] = [
      [("A", "备注"), ("B", "meter"), ("C", "timestamp"), ("D", "kwh")],
      [("A", "电表一号的读数"), ("B", "E"), ("C", "2026-01-10T12:00:00+08:00"), ("D", "n/a")],
    ]
    let (r, messages) = try Self.run(["readings.xlsx": Self.sheet(rows)])
    #expect(r == nil)
    #expect(
      messages.contains(
        "readings.xlsx:2:4: error[bad-kwh]: 'n/a' is not a number of kWh (cell D2)"), "\(messages)")
  }

  @Test func malformedCellsAndEmptySheetsAreRefused() throws {
    let two =
      Self.sheet([Self.header])
      + "<row r=\"2\"><c r=\"C2\"><v>349.463</v><v>1</v></c></row>"
    let (r, messages) = try Self.run(["readings.xlsx": two])
    #expect(r == nil)
    #expect(messages.contains("malformed XML: a cell with two values"), "\(messages)")
    let (empty, emptyMessages) = try Self.run(
      ["readings.xlsx": ""],
      csv: ["readings-b.csv": "meter,timestamp,kwh\nE,2026-01-10T12:00:00+08:00,1.5\n"])
    #expect(empty == nil)
    #expect(
      emptyMessages.contains(
        "readings.xlsx:1:1: error[empty-file]: sheet 'S' holds no rows (no header)"),
      "\(emptyMessages)")
  }
}
