/// The negotiation reports as HTML pages with their charts inline (SVG drawn by parkshare).
public enum NegotiationHTML {
  static func page(_ title: String, _ body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8">
    <title>\(StatementHTML.escape(title))</title>
    <style>
    body { font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10pt; margin: 12mm; color: #111; }
    h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 8mm; }
    table { border-collapse: collapse; margin: 3mm 0; } th, td { border-bottom: 0.3mm solid #bbb; padding: 1mm 2mm; text-align: left; white-space: nowrap; }
    td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    </style>
    </head>
    <body>
    <h1>\(StatementHTML.escape(title))</h1>
    \(body)
    </body>
    </html>

    """
  }

  public static func compare(_ c: Comparison) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: c.decimals) }
    let periods = c.through.map { "\(c.period) to \($0)" } ?? "\(c.period)"
    var body =
      "<p>A: \(StatementHTML.escape(c.a.file)) · B: \(StatementHTML.escape(c.b.file)) · \(periods) · \(c.currency)</p>\n"
    body += SVGChart.bars(
      "B - A by party (\(c.currency))",
      c.parties.map { ($0.party + " " + $0.name, $0.difference, money($0.difference)) })
    // A waterfall from A to B, clause by clause, for the parties that move most (six at most).
    let movers = c.parties.filter { !$0.difference.isZero }
      .sorted {
        $0.difference.magnitude != $1.difference.magnitude
          ? $1.difference.magnitude < $0.difference.magnitude : $0.party < $1.party
      }
      .prefix(6)
    for p in movers {
      body += SVGChart.waterfall(
        "\(p.party) \(p.name): from A to B by clause (\(c.currency))",
        start: ("under A", p.a),
        steps: p.clauses.filter { !$0.difference.isZero }.map {
          ("\($0.pool) \($0.kind.rawValue)", $0.difference)
        }, end: ("under B", p.b), text: money)
    }
    body +=
      "<table>\n<tr><th>party</th><th>name</th><th class=\"n\">A</th><th class=\"n\">B</th><th class=\"n\">B - A</th></tr>\n"
    for p in c.parties {
      body +=
        "<tr><td>\(StatementHTML.escape(p.party))</td><td>\(StatementHTML.escape(p.name))</td><td class=\"n\">\(money(p.a))</td><td class=\"n\">\(money(p.b))</td><td class=\"n\">\(money(p.difference))</td></tr>\n"
    }
    body +=
      "</table>\n<h2>By clause</h2>\n<table>\n<tr><th>party</th><th>pool</th><th>step</th><th class=\"n\">A</th><th class=\"n\">B</th><th class=\"n\">B - A</th><th>clauses</th></tr>\n"
    for p in c.parties {
      for d in p.clauses where !d.difference.isZero {
        body +=
          "<tr><td>\(StatementHTML.escape(p.party))</td><td>\(StatementHTML.escape(d.pool))</td><td>\(d.kind.rawValue)</td><td class=\"n\">\(money(d.a))</td><td class=\"n\">\(money(d.b))</td><td class=\"n\">\(money(d.difference))</td><td>\(StatementHTML.escape("A \(d.clauseA?.clause ?? "-") / B \(d.clauseB?.clause ?? "-")"))</td></tr>\n"
      }
    }
    body += "</table>\n"
    if let byPeriod = c.byPeriod {
      body += "<h2>By period: B - A</h2>\n<table>\n<tr><th>party</th>"
      body += byPeriod.map { "<th class=\"n\">\($0.period)</th>" }.joined() + "</tr>\n"
      for party in c.parties.map(\.party) {
        body += "<tr><td>\(StatementHTML.escape(party))</td>"
        for p in byPeriod {
          let d = p.parties.first { $0.party == party }?.difference
          body += "<td class=\"n\">\(d.map(money) ?? "-")</td>"
        }
        body += "</tr>\n"
      }
      body += "</table>\n"
    }
    return page("Compare \(c.a.contract) and \(c.b.contract)", body)
  }
}

extension NegotiationHTML {
  public static func fairness(_ f: Fairness) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: f.decimals) }
    var body =
      "<p>\(f.period) · value of all assets together: \(money(f.total)) \(f.currency)</p>\n"
    body += SVGChart.bars(
      "contract pays minus Shapley value (\(f.currency))",
      f.parties.map { r in (r.party + " " + r.name, r.aboveShapley, money(r.aboveShapley)) })
    body +=
      "<table>\n<tr><th>party</th><th>name</th><th class=\"n\">capital</th><th class=\"n\">received</th><th class=\"n\">Shapley</th><th class=\"n\">capital share</th><th class=\"n\">received share</th><th class=\"n\">Shapley share</th></tr>\n"
    for r in f.parties {
      body +=
        "<tr><td>\(StatementHTML.escape(r.party))</td><td>\(StatementHTML.escape(r.name))</td><td class=\"n\">\(money(r.capital))</td><td class=\"n\">\(money(r.received))</td><td class=\"n\">\(money(r.shapleyRounded))</td><td class=\"n\">\(r.capitalShare.percentText)</td><td class=\"n\">\(r.receivedShare.percentText)</td><td class=\"n\">\(r.shapleyShare.percentText)</td></tr>\n"
    }
    return page("Fairness: \(f.contract)", body + "</table>\n")
  }
}

extension NegotiationHTML {
  public static func simulation(_ p: Projection, monteCarlo mc: MonteCarlo?) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: p.decimals) }
    var body =
      "<p>\(p.periods.count) periods from \(p.periods.first.map(\.description) ?? "") · discount rate \(p.discountRate.percentText) a year · \(p.currency)</p>\n"
    body +=
      "<table>\n<tr><th>party</th><th>name</th><th class=\"n\">received</th><th class=\"n\">invested</th><th class=\"n\">NPV</th><th class=\"n\">IRR</th><th class=\"n\">payback</th><th class=\"n\">value share</th><th class=\"n\">investment share</th></tr>\n"
    for r in p.parties {
      body +=
        "<tr><td>\(StatementHTML.escape(r.party))</td><td>\(StatementHTML.escape(r.name))</td><td class=\"n\">\(money(r.totalReceived))</td><td class=\"n\">\(money(r.investment))</td><td class=\"n\">\(money(r.npv))</td><td class=\"n\">\(r.irr.map(\.percentText) ?? "-")</td><td class=\"n\">\(r.payback.map { "\($0) y" } ?? "-")</td><td class=\"n\">\(r.valueShare.percentText)</td><td class=\"n\">\(r.investmentShare.percentText)</td></tr>\n"
    }
    body += "</table>\n<h2>Cash flow per party over the term</h2>\n"
    for r in p.parties where !r.investment.isZero || !r.totalReceived.isZero {
      body += SVGChart.columns(
        "\(r.party) \(r.name): cash flow by year (\(p.currency))",
        r.years.map { (String($0.year), $0.cash) }, height: 180)
    }
    if let mc {
      body += "<h2>Monte Carlo: \(mc.runs) runs, seed \(mc.seed)</h2>\n"
      for party in mc.parties where party.npv.p10 != party.npv.p90 {
        body += SVGChart.columns(
          "\(party.party): distribution of NPV (P10 \(money(party.npv.p10)), P50 \(money(party.npv.p50)), P90 \(money(party.npv.p90)))",
          histogram(party.npvs, bins: 20), height: 160)
      }
    }
    return page("Projection: \(p.contract)", body)
  }

  /// Counts of values in `bins` equal ranges, labelled by their lower bound.
  static func histogram(_ values: [Exact], bins: Int) -> [(label: String, value: Exact)] {
    guard let low = values.min(), let high = values.max(), low < high else {
      return [(values.first?.grouped(places: 0) ?? "", Exact(values.count))]
    }
    do throws(ArithmeticError) {
      let width = try (high - low) / Exact(bins)
      var counts = [Int](repeating: 0, count: bins)
      for v in values {
        let k = Int(try ((v - low) / width).rounded(scale: 0, .down).description) ?? 0
        counts[min(max(k, 0), bins - 1)] += 1
      }
      var out: [(label: String, value: Exact)] = []
      for (i, c) in counts.enumerated() {
        out.append(((try low + width * Exact(i)).grouped(places: 0), Exact(c)))
      }
      return out
    } catch {
      // Display only: a spread too wide to cut into bins (beyond 10^37) is one bar of every
      // run at the lowest value, rather than bins whose bounds would be wrong.
      return [(low.grouped(places: 0), Exact(values.count))]
    }
  }
}

extension NegotiationHTML {
  /// The tornado of each of `parties`, as SVG bars (lowered red, raised green).
  public static func sensitivity(_ s: Sensitivity, parties: [String]) -> String {
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    var body =
      "<p>each input moved by -/+\(s.change.percentText); change in NPV (\(s.currency))</p>\n"
    for party in parties {
      guard let base = s.base[party], let rows = s.tornado[party] else { continue }
      body += SVGChart.bars(
        "\(party): NPV \(money(base))",
        rows.map { ($0.input, $0.swing, "\(money($0.lowered)) / \(money($0.raised))") },
        low: rows.map(\.lowered), high: rows.map(\.raised))
    }
    return page("Sensitivity: \(s.contract)", body)
  }
}
