import Foundation
import Testing

@testable import ParkShare

/// CSV exports never hand a spreadsheet a formula (OWASP, CSV injection): a text cell starting
/// with `=`, `+`, `-`, `@`, tab or CR gets a single quote before it and is quoted; number
/// columns are left as they are.
@Suite struct CSVInjectionTests {
  @Test func formulaLikeTextIsNeutralisedAndNumbersAreNot() {
    let row = [
      "=1+2", "-12.34", "@SUM(A1)", "+cmd|' /C calc'!A0", "\tx", "\rx", "-12.34", "a \"b\", c",
      "苏银", "＝1+2", "",
    ]
    let csv = StatementCSV.table([row], numbers: [1, 10])
    #expect(
      csv
        == "\"'=1+2\",-12.34,\"'@SUM(A1)\",\"'+cmd|' /C calc'!A0\",\"'\tx\",\"'\rx\",\"'-12.34\",\"a \"\"b\"\", c\",苏银,\"'＝1+2\",\r\n"
    )
  }

  /// A number column holding something that is not a plain number is still neutralised.
  @Test func aNumberColumnHoldsOnlyPlainNumbers() {
    #expect(
      StatementCSV.table([["-1+2", "-0.01", "12", "1.2.3"]], numbers: [0, 1, 2, 3])
        == "\"'-1+2\",-0.01,12,1.2.3\r\n")
    #expect(StatementCSV.isPlainNumber("1234567.50"))
    #expect(!StatementCSV.isPlainNumber("-"))
    #expect(!StatementCSV.isPlainNumber("1e5"))
    #expect(!StatementCSV.isPlainNumber("--1"))
  }

  /// The park-carbon-assets example with registry names that are formulas: every CSV export
  /// (statements, the ledger report, a comparison) neutralises each of them, and the amounts
  /// stay numbers.
  @Test func hostileRegistryNamesAreNeutralisedInEveryCSVExport() throws {
    let fm = FileManager.default
    let root = fm.temporaryDirectory.appendingPathComponent("parkshare-csv-\(UUID().uuidString)")
    defer { try? fm.removeItem(at: root) }
    try fm.createDirectory(at: root, withIntermediateDirectories: true)
    let contract = root.appendingPathComponent("park-carbon-assets.contract").path
    try fm.copyItem(
      atPath: Paths.contracts.appendingPathComponent("park-carbon-assets.contract").path,
      toPath: contract)
    try fm.copyItem(
      atPath: Paths.contracts.appendingPathComponent("data/park-carbon-assets/2026Q1").path,
      toPath: root.appendingPathComponent("2026Q1").path)
    let names = [
      "=HYPERLINK(\"http://evil.example/\",\"click\")", "+cmd|' /C calc'!A0", "-2+3+cmd|x",
      "@SUM(1+1)*cmd|x", "宁夏某化工有限公司 (paid nothing this quarter)",
    ]
    let registry =
      "id,name\n"
      + zip(["E001", "E002", "E003", "E005", "E004"], names).map {
        "\($0),\"\($1.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
      }.joined()
    try Data(registry.utf8).write(to: root.appendingPathComponent("carbon-enterprises.csv"))
    let common = [
      contract, "--data", root.appendingPathComponent("2026Q1").path, "--period", "2026Q1",
    ]
    let ledger = root.appendingPathComponent("ledger").path
    let settle = try runParkshare(
      ["settle"] + common + ["--format", "csv", "--ledger", ledger, "--issued", "2026-04-05"])
    #expect(settle.status == 0, "\(settle.err)")
    let report = try runParkshare(
      ["report", "--ledger", ledger, "--from", "2026Q1", "--to", "2026Q1", "--format", "csv"])
    #expect(report.status == 0, "\(report.err)")
    let compare = try runParkshare(["compare", contract] + common + ["--format", "csv"])
    #expect(compare.status == 0, "\(compare.err)")
    for (export, csv) in [("settle", settle.out), ("report", report.out), ("compare", compare.out)]
    {
      let table = try #require(try? CSVTable.parse(csv).get(), "\(export)")
      let cells = table.rows.flatMap(\.fields)
      for name in names.prefix(4) {
        #expect(cells.contains("'" + name), "\(export): \(name) is not neutralised")
        #expect(!cells.contains(name), "\(export): \(name) is written as it is")
      }
      // No cell a spreadsheet would run: any cell starting with '-' is a plain number.
      for cell in cells where cell.first.map({ "=+-@\t\r".contains($0) }) == true {
        #expect(cell.first == "-" && StatementCSV.isPlainNumber(cell), "\(export): \(cell)")
      }
    }
  }
}
