/// `parkshare simulate` and `sensitivity` as text.
public enum ProjectionText {
  public static func text(_ p: Projection, monteCarlo: MonteCarlo? = nil) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: p.decimals) }
    var out =
      "\(p.contract): projection \(p.periods.first.map(\.description) ?? "") to \(p.periods.last.map(\.description) ?? "") (\(p.periods.count) periods, \(p.currency), discount rate \(p.discountRate.percentText) a year)\n\n"
    var rows: [[String]] = [
      [
        "party", "name", "received", "invested", "NPV", "IRR", "payback", "value share",
        "investment share",
      ]
    ]
    for r in p.parties {
      rows.append([
        r.party, r.name, money(r.totalReceived), money(r.investment), money(r.npv),
        r.irr.map(\.percentText) ?? "-", r.payback.map { "\($0) y" } ?? "-",
        r.valueShare.percentText, r.investmentShare.percentText,
      ])
    }
    out += StatementText.table(rows, rightAligned: [2, 3, 4, 5, 6, 7, 8])
    out += "\ncash flow by year (received - invested):\n"
    let years = p.parties.first?.years.map(\.year) ?? []
    var flows: [[String]] = [["party"] + years.map(String.init)]
    for r in p.parties { flows.append([r.party] + r.years.map { money($0.cash) }) }
    out += StatementText.table(flows, rightAligned: Set(1...max(years.count, 1)))
    if let mc = monteCarlo {
      out += "\nMonte Carlo: \(mc.runs) runs, seed \(mc.seed)\n"
      var m: [[String]] = [
        ["party", "NPV P10", "NPV P50", "NPV P90", "IRR P10", "IRR P50", "IRR P90"]
      ]
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
  public static func sensitivity(_ s: Sensitivity, parties: [String]) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    var out =
      "\(s.contract): sensitivity of each party's NPV to each input moved by -/+\(s.change.percentText) (\(s.currency))\n"
    for party in parties {
      guard let base = s.base[party], let bars = s.tornado[party] else { continue }
      out += "\n\(party): NPV \(money(base))\n"
      var rows: [[String]] = [["input", "lowered", "raised", "swing"]]
      for b in bars {
        rows.append([b.input, money(b.lowered), money(b.raised), money(b.swing)])
      }
      out += StatementText.table(rows, rightAligned: [1, 2, 3], indent: "  ")
    }
    return out
  }
}
