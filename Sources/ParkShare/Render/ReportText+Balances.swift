/// The payments part of `parkshare report` (`PartyBalances`): each party's balance as of a
/// date, and the statements still open, oldest first. Appended after the period table, in
/// every format, only when the report has it.
extension ReportText {
  static func balanceRows(_ b: PartyBalances, _ money: (Exact) -> String) -> [[String]] {
    b.rows.map { r in
      [
        r.party, r.name, money(r.opening), money(r.settled), money(r.amended), money(r.paid),
        money(r.received), money(r.writtenOff), money(r.closing),
      ]
    }
  }

  static func openRows(_ b: PartyBalances, names: [String: String], _ money: (Exact) -> String)
    -> [[String]]
  {
    b.open.map { o in
      [
        o.party, names[o.party] ?? o.party,
        o.number.map(StatementText.number) ?? o.reference ?? "",
        o.period.map { "\($0)" } ?? "", o.issued, money(o.amount), money(o.open), "\(o.days)",
      ]
    }
  }

  static func balancesText(_ report: PeriodReport, wording w: Wording) -> String {
    guard let b = report.balances else { return "" }
    let t = w.labels.balances
    let money = { (v: Exact) in Money.text(v, decimals: report.decimals) }
    let names = Dictionary(b.rows.map { ($0.party, $0.name) }, uniquingKeysWith: { a, _ in a })
    return "\n" + t.title(b.asOf, report.currency) + "\n\n"
      + StatementText.table([t.header] + balanceRows(b, money), rightAligned: Set(2...8))
      + "\n" + t.openTitle(b.asOf) + "\n\n"
      + StatementText.table(
        [t.openHeader] + openRows(b, names: names, money), rightAligned: [5, 6, 7])
  }

  static func balancesCSV(_ report: PeriodReport, wording w: Wording) -> String {
    guard let b = report.balances else { return "" }
    let t = w.labels.balances
    let money = {
      (v: Exact) in Money.text(v, decimals: report.decimals).replacingOccurrences(of: ",", with: "")
    }
    let names = Dictionary(b.rows.map { ($0.party, $0.name) }, uniquingKeysWith: { a, _ in a })
    return "\r\n" + StatementCSV.table([t.header] + balanceRows(b, money), numbers: Set(2...8))
      + "\r\n"
      + StatementCSV.table(
        [t.openHeader] + openRows(b, names: names, money), numbers: [5, 6, 7])
  }

  static func addBalances(_ report: PeriodReport, to book: inout Workbook, wording w: Wording) {
    guard let b = report.balances else { return }
    let t = w.labels.balances
    book.add(
      "Balances", header: t.header,
      rows: b.rows.map { r in
        [.text(r.party), .text(r.name)]
          + [r.opening, r.settled, r.amended, r.paid, r.received, r.writtenOff, r.closing].map {
            .number($0)
          }
      })
    let names = Dictionary(b.rows.map { ($0.party, $0.name) }, uniquingKeysWith: { a, _ in a })
    book.add(
      "Open", header: t.openHeader,
      rows: b.open.map { o in
        [
          .text(o.party), .text(names[o.party] ?? o.party),
          .text(o.number.map(StatementText.number) ?? o.reference ?? ""),
          .text(o.period.map { "\($0)" } ?? ""), .text(o.issued), .number(o.amount),
          .number(o.open), .number(Exact(o.days)),
        ]
      })
  }
}
