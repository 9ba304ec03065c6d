import Foundation
import Testing

@testable import ParkShare

/// What the text statement shows of deals over time, the CSV, HTML and xlsx statements show
/// too: the sub-period of each line of a period cut by an effective date, and the green points
/// movements of schemes that carry over.
@Suite struct StatementFormatsOverTimeTests {
  static func settle(_ example: String, _ period: String) throws -> Settlement {
    let file = Paths.root.appendingPathComponent("contracts/\(example).contract").path
    let (_, checked) = Checker.check(path: file)
    let contract = try #require(checked.contract)
    let loaded = DataBundle.load(
      directory: Paths.root.appendingPathComponent("contracts/data/\(example)/\(period)").path,
      contract: contract, period: try #require(Period(period)))
    let bundle = try #require(loaded.bundle)
    return try #require(Settlement.run(contract: contract, bundle: bundle, opening: nil).settlement)
  }

  static func text(_ cell: Workbook.Cell) -> String {
    switch cell {
    case .text(let t): t
    case .number(let v): v.description
    case .date(let d): d.description
    }
  }

  /// pv-reit-transfer's 2026Q4 is cut on 2026-12-01: the developer's 61 days, the REIT's 31.
  @Test func subPeriodsInEveryFormat() throws {
    let s = try Self.settle("pv-reit-transfer", "2026Q4")
    let csv = StatementCSV.render(s, bom: false, wording: .en)
    #expect(csv.contains(",\"2026-10-01..2026-11-30: remainder 2,122,800 CNY\","))
    #expect(csv.contains(",\"2026-12-01..2026-12-31: remainder 1,078,800 CNY\","))
    let html = StatementHTML.render(s, language: .zh)
    #expect(html.contains("2026-12-01..2026-12-31 期间：余额 1,078,800 CNY"))
    let book = StatementWorkbook.build(s, wording: .en)
    let lines = try #require(book.sheets.first { $0.name == "Lines" })
    let bases = lines.rows.dropFirst().map { Self.text($0[6]) }
    #expect(bases.filter { $0.hasPrefix("2026-10-01..2026-11-30: ") }.count == 3)
    #expect(bases.filter { $0.hasPrefix("2026-12-01..2026-12-31: ") }.count == 3)
  }

  /// green-points 2026Q1: G01 earns 500 points (the first quarter, nothing to redeem yet).
  @Test func pointsInHTMLAndXlsx() throws {
    let s = try Self.settle("green-points", "2026Q1")
    let html = StatementHTML.render(s, language: .en)
    #expect(
      html.contains("<h2>green points (opening - expired + earned - redeemed = closing)</h2>"))
    #expect(
      html.contains(
        "<tr><td class=\"k\">green_points</td><td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">500</td><td class=\"n\">0</td><td class=\"n\">500</td></tr>"
      ))
    let book = StatementWorkbook.build(s, wording: .en)
    let points = try #require(book.sheets.first { $0.name == "Points" })
    #expect(
      points.rows.dropFirst().map { $0.map(Self.text) }.first == [
        "G01", "green_points", "0", "0", "500.000", "0", "500",
      ])
  }
}
