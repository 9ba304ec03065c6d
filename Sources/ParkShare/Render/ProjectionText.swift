/// `parkshare simulate` and `sensitivity` as text.
public enum ProjectionText {
  public static func text(
    _ p: Projection, monteCarlo: MonteCarlo? = nil, wording w: Wording = .en
  ) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: p.decimals) }
    let t = w.labels.negotiation
    var out =
      t.projectionTitle(
        p.contract, p.periods.first.map(\.description) ?? "",
        p.periods.last.map(\.description) ?? "", "\(p.periods.count)", p.currency,
        p.discountRate.percentText) + "\n" + StatementText.variant(p.parameters, w.labels) + "\n"
    var rows: [[String]] = [t.projectionHeader]
    for r in p.parties {
      rows.append([
        r.party, r.name, money(r.totalReceived), money(r.investment), money(r.npv),
        r.irr.map(\.percentText) ?? "-", r.payback.map { t.years("\($0)") } ?? "-",
        r.valueShare.percentText, r.investmentShare.percentText,
      ])
    }
    out += StatementText.table(rows, rightAligned: [2, 3, 4, 5, 6, 7, 8])
    out += "\n\(t.cashFlow)\n"
    let years = p.parties.first?.years.map(\.year) ?? []
    var flows: [[String]] = [[t.party] + years.map(String.init)]
    for r in p.parties { flows.append([r.party] + r.years.map { money($0.cash) }) }
    out += StatementText.table(flows, rightAligned: Set(1...max(years.count, 1)))
    let v = w.labels.variants
    for r in p.parties where r.years.contains(where: { $0.costs != nil }) {
      out += "\n\(v.costs(r.party))\n"
      var rows: [[String]] = [[""] + r.years.map { String($0.year) }]
      let parts: [(PartyCosts.Year) -> Exact] = [
        \.loan, \.debtService, \.interest, \.om, \.depreciation, \.tax,
      ]
      for (name, part) in zip(v.costRows, parts) {
        rows.append([name] + r.years.map { $0.costs.map { money(part($0)) } ?? "" })
      }
      out += StatementText.table(rows, rightAligned: Set(1...max(r.years.count, 1)), indent: "  ")
    }
    if let mc = monteCarlo {
      out += "\n\(t.monteCarlo("\(mc.runs)", "\(mc.seed)"))\n"
      var m: [[String]] = [t.monteCarloHeader]
      for r in mc.parties {
        m.append([
          r.party, money(r.npv.p10), money(r.npv.p50), money(r.npv.p90),
          r.irr.map(\.p10.percentText) ?? "-", r.irr.map(\.p50.percentText) ?? "-",
          r.irr.map(\.p90.percentText) ?? "-",
        ])
      }
      out += StatementText.table(m, rightAligned: [1, 2, 3, 4, 5, 6])
    }
    return out
  }
}

extension ProjectionText {
  /// The tornado for each of `parties`: inputs by impact, NPV change when lowered and raised.
  public static func sensitivity(
    _ s: Sensitivity, parties: [String], wording w: Wording = .en
  ) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    let t = w.labels.negotiation
    var out =
      t.sensitivityTitle(s.contract, s.change.percentText, s.currency) + "\n"
      + StatementText.variant(s.parameters, w.labels)
    for party in parties {
      guard let base = s.base[party], let bars = s.tornado[party] else { continue }
      out += "\n\(t.partyNPV(party, money(base)))\n"
      var rows: [[String]] = [t.sensitivityHeader]
      for b in bars {
        rows.append([b.input, money(b.lowered), money(b.raised), money(b.swing)])
      }
      out += StatementText.table(rows, rightAligned: [1, 2, 3], indent: "  ")
    }
    if let skipped = s.skipped {
      out += "\n" + w.labels.variants.notMoved(skipped.joined(separator: "; ")) + "\n"
    }
    return out
  }
}
