import Foundation

/// `parkshare report` as text, CSV or a workbook: one row per party and period.
public enum ReportText {

  static func cells(_ r: PeriodReport.Row, _ money: (Exact) -> String) -> [String] {
    [
      r.party, r.name, r.period.description, money(r.opening), money(r.settled),
      money(r.amendments), money(r.arrears), money(r.closing),
      r.statements.map(StatementText.number).joined(separator: " "),
    ]
  }

  public static func text(_ report: PeriodReport, wording w: Wording = .en) -> String {
    let rows = report.rows.map { cells($0) { Money.text($0, decimals: report.decimals) } }
    let t = w.labels
    return
      t.reportTitle(report.contract, "\(report.from)", "\(report.to)", report.currency) + "\n\n"
      + StatementText.table([t.reportHeader] + rows, rightAligned: [3, 4, 5, 6, 7])
      + balancesText(report, wording: w)
  }

  public static func csv(_ report: PeriodReport, wording w: Wording = .en) -> String {
    let rows = report.rows.map {
      cells($0) {
        Money.text($0, decimals: report.decimals).replacingOccurrences(of: ",", with: "")
      }
    }
    // opening, settled, amendments, arrears, closing: amounts.
    return StatementCSV.table([w.labels.reportHeader] + rows, numbers: Set(3...7))
      + balancesCSV(report, wording: w)
  }

  public static func workbook(_ report: PeriodReport, wording w: Wording = .en) -> Workbook {
    var book = Workbook()
    // Display only: a value that cannot be rounded to the minor unit (a carry past 38 digits)
    // is the cell with its exact digits, the same amount, never another one.
    func money(_ v: Exact) -> Workbook.Cell {
      .number(
        (try? Exact(
          minorUnits: v.minorUnits(decimals: report.decimals, .halfEven), decimals: report.decimals))
          ?? v)
    }
    book.add(
      "Report", header: w.labels.reportHeader,
      rows: report.rows.map { r in
        [
          .text(r.party), .text(r.name), .text(r.period.description), money(r.opening),
          money(r.settled), money(r.amendments), money(r.arrears), money(r.closing),
          .text(r.statements.map(StatementText.number).joined(separator: " ")),
        ]
      })
    addBalances(report, to: &book, wording: w)
    return book
  }
}
