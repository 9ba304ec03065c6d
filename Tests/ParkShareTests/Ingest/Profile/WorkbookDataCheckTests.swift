import Foundation
import Testing

@testable import ParkShare

/// `data check` on a workbook finds what it finds in the same readings as CSV: the spike at
/// its sheet row, the flat line, the gaps.
@Suite struct WorkbookDataCheckTests {
  /// M1 reads 100 + hour kWh each hour of 2026-01-01, 5,000 at 12:00; M2 5.5 from 06:00 to
  /// 19:00, 6 at 20:00 (the rows of the data-check-findings command fixture).
  static let rows: [[String]] =
    (0..<24).map { h in
      ["M1", "2026-01-01T\(h < 10 ? "0" : "")\(h):00:00+08:00", h == 12 ? "5000" : "\(100 + h)"]
    }
    + (6...19).map { h in ["M2", "2026-01-01T\(h < 10 ? "0" : "")\(h):00:00+08:00", "5.5"] }
    + [["M2", "2026-01-01T20:00:00+08:00", "6"]]

  static func check(_ t: TestBundle, _ files: [String: String], xlsx: Bool) throws -> (
    DataCheckUseCase.Report, [Diagnostic]
  ) {
    let dir = try t.bundle(xlsx ? "book" : "csv", files)
    if xlsx {
      var book = Workbook()
      book.add(
        "readings", header: ["meter", "timestamp", "kwh"],
        rows: rows.map { [.text($0[0]), .text($0[1]), .number(Exact($0[2])!)] })
      try Data(book.bytes()).write(to: URL(fileURLWithPath: dir + "/readings.xlsx"))
    } else {
      try (["meter,timestamp,kwh"] + rows.map { $0.joined(separator: ",") })
        .joined(separator: "\n").write(
          toFile: dir + "/readings.csv", atomically: true, encoding: .utf8)
    }
    let out = DataCheckUseCase.run(.init(directory: dir, period: Period("2026-01")!))
    return (try #require(out.value), out.diagnostics)
  }

  @Test func aWorkbookIsCheckedAsItsCSVTwin() throws {
    let t = try TestBundle(contract: GapEstimateTests.contract(""))
    defer { t.remove() }
    let files = ["meters.csv": "meter,kind,interval\nM1,pv-generation,60\nM2,consumption,60\n"]
    let (csv, csvFound) = try Self.check(t, files, xlsx: false)
    let (book, bookFound) = try Self.check(t, files, xlsx: true)
    // The same findings (the meters' registry rows are in the two bundles' folders).
    #expect(
      zip(book.meters, csv.meters).map { b, c in
        var b = b
        b.meter = c.meter
        return b
      } == csv.meters)
    #expect(book.meters.map(\.spikes.count) == [1, 0])
    #expect(book.meters.map(\.flats.count) == [0, 1])
    // The same warnings, each at the same row: the sheet's row 14 is the CSV file's line 14.
    func places(_ d: [Diagnostic]) -> [String] {
      d.map { "\($0.id) \(($0.range.file as NSString).lastPathComponent):\($0.range.start.line)" }
    }
    #expect(
      places(csvFound)
        == places(bookFound).map { $0.replacingOccurrences(of: ".xlsx", with: ".csv") })
    #expect(places(bookFound).contains("spike readings.xlsx:14"))
    #expect(places(bookFound).contains("flat-line readings.xlsx:26"))
  }
}
