import Foundation

/// `parkshare compare` as text and CSV.
public enum ComparisonText {
  public static func text(_ c: Comparison) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: c.decimals) }
    func signed(_ v: Exact) -> String { (v.isNegative || v.isZero ? "" : "+") + money(v) }
    let periods = c.through.map { "\(c.period) to \($0)" } ?? "\(c.period)"
    var out =
      "compare \(c.a.contract) (A: \(c.a.file)) with \(c.b.contract) (B: \(c.b.file)), \(periods), \(c.currency)\n\n"
    var rows: [[String]] = [["party", "name", "A", "B", "B - A"]]
    for p in c.parties {
      rows.append([p.party, p.name, money(p.a), money(p.b), signed(p.difference)])
    }
    out += StatementText.table(rows, rightAligned: [2, 3, 4])
    out += "\nby clause (pool and step; the rows of a party add up to its B - A):\n"
    for p in c.parties where c.parties.contains(where: { $0.party == p.party }) {
      let moved = p.clauses.filter { !$0.difference.isZero }
      guard !moved.isEmpty else { continue }
      out += "\n\(p.party) \(p.name): \(signed(p.difference))\n"
      var lines: [[String]] = []
      for d in moved {
        lines.append([
          d.pool, d.kind.rawValue, money(d.a), money(d.b), signed(d.difference),
          "A \(d.clauseA ?? "-")", "B \(d.clauseB ?? "-")",
        ])
      }
      out += StatementText.table(lines, rightAligned: [2, 3, 4], indent: "  ")
    }
    if let byPeriod = c.byPeriod {
      out += "\nby period (B - A of each party's net):\n\n"
      var rows: [[String]] = [["party"] + byPeriod.map(\.period.description)]
      for party in c.parties.map(\.party) {
        rows.append(
          [party]
            + byPeriod.map { p in
              p.parties.first { $0.party == party }.map { signed($0.difference) } ?? "-"
            })
      }
      out += StatementText.table(rows, rightAligned: Set(1...byPeriod.count))
    }
    return out
  }

  public static func csv(_ c: Comparison) -> String {
    func plain(_ v: Exact) -> String {
      Money.text(v, decimals: c.decimals).replacingOccurrences(of: ",", with: "")
    }
    var rows = [["party", "name", "pool", "kind", "clause_a", "clause_b", "a", "b", "difference"]]
    for p in c.parties {
      for d in p.clauses {
        rows.append([
          p.party, p.name, d.pool, d.kind.rawValue, d.clauseA ?? "", d.clauseB ?? "", plain(d.a),
          plain(d.b), plain(d.difference),
        ])
      }
      rows.append([p.party, p.name, "", "net", "", "", plain(p.a), plain(p.b), plain(p.difference)])
    }
    // a, b, difference: amounts.
    return StatementCSV.table(rows, numbers: [6, 7, 8])
  }
}

/// `parkshare fairness` as text.
public enum FairnessText {
  public static func text(_ f: Fairness) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: f.decimals) }
    var out = "\(f.contract) \(f.period): what each party brings and gets (\(f.currency))\n"
    out += "value of all assets together: \(money(f.total))\n\n"
    var rows: [[String]] = [
      [
        "party", "name", "capital", "share", "received", "share", "Shapley", "share",
        "losses borne",
        "arrears owed",
      ]
    ]
    for r in f.parties {
      rows.append([
        r.party, r.name, money(r.capital), r.capitalShare.percentText, money(r.received),
        r.receivedShare.percentText, money(r.shapleyRounded), r.shapleyShare.percentText,
        money(r.lossesBorne), money(r.arrearsOwed),
      ])
    }
    return out + StatementText.table(rows, rightAligned: [2, 3, 4, 5, 6, 7, 8, 9])
      + "\nShapley: each party's average marginal contribution over every order in which the parties could bring their assets; a revenue counts for a coalition when every party it needs is in it.\n"
  }
}
