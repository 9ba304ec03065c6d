import Foundation

/// `parkshare compare` as text and CSV.
public enum ComparisonText {
  public static func text(_ c: Comparison, wording w: Wording = .en) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: c.decimals) }
    func signed(_ v: Exact) -> String { (v.isNegative || v.isZero ? "" : "+") + money(v) }
    let t = w.labels.negotiation
    let periods = c.through.map { t.periodRange("\(c.period)", "\($0)") } ?? "\(c.period)"
    // A variant by parameters names them after its file: one contract compared with itself
    // under two parameter sets reads as two variants, not as the same contract twice.
    func file(_ v: Comparison.Variant) -> String {
      v.file + (v.parameters.map { "; " + StatementText.parameters($0, w.labels) } ?? "")
    }
    var out =
      t.compareTitle(c.a.contract, file(c.a), c.b.contract, file(c.b), periods, c.currency)
      + "\n\n"
    var rows: [[String]] = [t.compareHeader]
    for p in c.parties {
      rows.append([p.party, p.name, money(p.a), money(p.b), signed(p.difference)])
    }
    out += StatementText.table(rows, rightAligned: [2, 3, 4])
    out += "\n\(t.byClause)\n"
    for p in c.parties where c.parties.contains(where: { $0.party == p.party }) {
      let moved = p.clauses.filter { !$0.difference.isZero }
      guard !moved.isEmpty else { continue }
      out += "\n\(p.party) \(p.name): \(signed(p.difference))\n"
      var lines: [[String]] = []
      for d in moved {
        lines.append([
          d.pool, w.labels.kind(d.kind), money(d.a), money(d.b), signed(d.difference),
          "A \(d.clauseA?.clause ?? "-")", "B \(d.clauseB?.clause ?? "-")",
        ])
      }
      out += StatementText.table(lines, rightAligned: [2, 3, 4], indent: "  ")
    }
    if let byPeriod = c.byPeriod {
      out += "\n\(t.byPeriod)\n\n"
      var rows: [[String]] = [[t.party] + byPeriod.map(\.period.description)]
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
          p.party, p.name, d.pool, d.kind.rawValue, d.clauseA?.clause ?? "",
          d.clauseB?.clause ?? "", plain(d.a),
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
  public static func text(_ f: Fairness, wording w: Wording = .en) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: f.decimals) }
    let t = w.labels.negotiation
    var out = t.fairnessTitle(f.contract, "\(f.period)", f.currency) + "\n"
    out += t.assetsValue(money(f.total)) + "\n\n"
    var rows: [[String]] = [t.fairnessHeader]
    for r in f.parties {
      rows.append([
        r.party, r.name, money(r.capital), r.capitalShare.percentText, money(r.received),
        r.receivedShare.percentText, money(r.shapleyRounded), r.shapleyShare.percentText,
        money(r.lossesBorne), money(r.arrearsOwed),
      ])
    }
    return out + StatementText.table(rows, rightAligned: [2, 3, 4, 5, 6, 7, 8, 9])
      + "\n\(t.shapleyNote)\n"
  }
}

extension ComparisonText {
  /// `compare A B --scenario S`: per party each variant's total received, NPV, IRR and payback
  /// with B - A, then what each year brings under A and B.
  public static func term(_ c: TermComparison, wording w: Wording = .en) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: c.decimals) }
    func signed(_ v: Exact) -> String { (v.isNegative || v.isZero ? "" : "+") + money(v) }
    let t = w.labels.variants
    func file(_ v: Comparison.Variant) -> String {
      v.file + (v.parameters.map { " (" + StatementText.parameters($0, w.labels) + ")" } ?? "")
    }
    var out =
      t.title(file(c.a), file(c.b), "\(c.from)", "\(c.to)", c.currency, c.discountRate.percentText)
      + "\n\n"
    var rows: [[String]] = [t.header]
    for p in c.parties {
      let irrDiff: String
      if let a = p.a.irr, let b = p.b.irr, let d = try? b - a {
        irrDiff = (d.isNegative || d.isZero ? "" : "+") + d.percentText
      } else {
        irrDiff = ""
      }
      rows += [
        [
          p.party, p.name, t.total, money(p.a.totalReceived), money(p.b.totalReceived),
          signed(p.totalDifference),
        ],
        ["", "", t.npv, money(p.a.npv), money(p.b.npv), signed(p.npvDifference)],
        [
          "", "", t.irr, p.a.irr.map(\.percentText) ?? "-", p.b.irr.map(\.percentText) ?? "-",
          irrDiff,
        ],
        [
          "", "", t.payback, p.a.payback.map { t.years("\($0)") } ?? "-",
          p.b.payback.map { t.years("\($0)") } ?? "-", "",
        ],
      ]
    }
    out += StatementText.table(rows, rightAligned: [3, 4, 5])
    out += "\n\(t.byYear)\n"
    let years = c.parties.first?.years.map(\.year) ?? []
    var flows: [[String]] = [[t.header[0]] + years.map(String.init)]
    for p in c.parties {
      flows.append([p.party] + p.years.map { money($0.a) })
      flows.append([""] + p.years.map { money($0.b) })
      flows.append([""] + p.years.map { signed($0.difference) })
    }
    out += StatementText.table(flows, rightAligned: Set(1...max(years.count, 1)))
    if let year = c.year, let clauses = c.clauses {
      out += "\n" + t.clausesIn("\(year)") + "\n" + text(clauses, wording: w)
    }
    return out
  }
}
