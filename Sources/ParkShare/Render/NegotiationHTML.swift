/// The negotiation reports as HTML pages with their charts inline (SVG drawn by parkshare).
public enum NegotiationHTML {
  static func page(_ title: String, _ body: String, _ w: NegotiationPageWords = .en) -> String {
    """
    <!DOCTYPE html>
    <html lang="\(w.lang)">
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

  /// A header row; the columns in `numbers` right-aligned.
  static func header(_ cells: [String], numbers: Set<Int>) -> String {
    "<tr>"
      + cells.enumerated().map { i, h in
        "<th\(numbers.contains(i) ? " class=\"n\"" : "")>\(StatementHTML.escape(h))</th>"
      }.joined() + "</tr>\n"
  }

  public static func compare(_ c: Comparison, language: Language = .en) -> String {
    let w = NegotiationPageWords.of(language)
    func money(_ v: Exact) -> String { Money.text(v, decimals: c.decimals) }
    let periods = c.through.map { "\(c.period) \(w.to) \($0)" } ?? "\(c.period)"
    var body =
      "<p>A: \(StatementHTML.escape(c.a.file)) · B: \(StatementHTML.escape(c.b.file)) · \(periods) · \(c.currency)</p>\n"
    body += SVGChart.bars(
      w.byParty(c.currency),
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
        w.fromAToB(p.party, p.name, c.currency),
        start: (w.underA, p.a),
        steps: p.clauses.filter { !$0.difference.isZero }.map {
          ("\($0.pool) \($0.kind.rawValue)", $0.difference)
        }, end: (w.underB, p.b), text: money)
    }
    body += "<table>\n" + header(w.header, numbers: [2, 3, 4])
    for p in c.parties {
      body +=
        "<tr><td>\(StatementHTML.escape(p.party))</td><td>\(StatementHTML.escape(p.name))</td><td class=\"n\">\(money(p.a))</td><td class=\"n\">\(money(p.b))</td><td class=\"n\">\(money(p.difference))</td></tr>\n"
    }
    body +=
      "</table>\n<h2>\(w.byClause)</h2>\n<table>\n" + header(w.clauseHeader, numbers: [3, 4, 5])
    for p in c.parties {
      for d in p.clauses where !d.difference.isZero {
        body +=
          "<tr><td>\(StatementHTML.escape(p.party))</td><td>\(StatementHTML.escape(d.pool))</td><td>\(d.kind.rawValue)</td><td class=\"n\">\(money(d.a))</td><td class=\"n\">\(money(d.b))</td><td class=\"n\">\(money(d.difference))</td><td>\(StatementHTML.escape("A \(d.clauseA?.clause ?? "-") / B \(d.clauseB?.clause ?? "-")"))</td></tr>\n"
      }
    }
    body += "</table>\n"
    if let byPeriod = c.byPeriod {
      body += "<h2>\(w.byPeriod)</h2>\n<table>\n<tr><th>\(w.party)</th>"
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
    return page(w.compareTitle(c.a.contract, c.b.contract), body, w)
  }
}

extension NegotiationHTML {
  public static func fairness(_ f: Fairness, language: Language = .en) -> String {
    let w = NegotiationPageWords.of(language)
    func money(_ v: Exact) -> String { Money.text(v, decimals: f.decimals) }
    var body = "<p>\(w.assets("\(f.period)", money(f.total), f.currency))</p>\n"
    body += SVGChart.bars(
      w.abovesShapley(f.currency),
      f.parties.map { r in (r.party + " " + r.name, r.aboveShapley, money(r.aboveShapley)) })
    body += "<table>\n" + header(w.fairnessHeader, numbers: Set(2..<8))
    for r in f.parties {
      body +=
        "<tr><td>\(StatementHTML.escape(r.party))</td><td>\(StatementHTML.escape(r.name))</td><td class=\"n\">\(money(r.capital))</td><td class=\"n\">\(money(r.received))</td><td class=\"n\">\(money(r.shapleyRounded))</td><td class=\"n\">\(r.capitalShare.percentText)</td><td class=\"n\">\(r.receivedShare.percentText)</td><td class=\"n\">\(r.shapleyShare.percentText)</td></tr>\n"
    }
    return page(w.fairnessTitle(f.contract), body + "</table>\n", w)
  }
}

extension NegotiationHTML {
  public static func simulation(
    _ p: Projection, monteCarlo mc: MonteCarlo?, language: Language = .en
  ) -> String {
    let w = NegotiationPageWords.of(language)
    func money(_ v: Exact) -> String { Money.text(v, decimals: p.decimals) }
    var body =
      "<p>\(w.periodsFrom("\(p.periods.count)", p.periods.first.map(\.description) ?? "", p.discountRate.percentText, p.currency))</p>\n"
    body += "<table>\n" + header(w.projectionHeader, numbers: Set(2..<9))
    for r in p.parties {
      body +=
        "<tr><td>\(StatementHTML.escape(r.party))</td><td>\(StatementHTML.escape(r.name))</td><td class=\"n\">\(money(r.totalReceived))</td><td class=\"n\">\(money(r.investment))</td><td class=\"n\">\(money(r.npv))</td><td class=\"n\">\(r.irr.map(\.percentText) ?? "-")</td><td class=\"n\">\(r.payback.map { w.years("\($0)") } ?? "-")</td><td class=\"n\">\(r.valueShare.percentText)</td><td class=\"n\">\(r.investmentShare.percentText)</td></tr>\n"
    }
    body += "</table>\n<h2>\(w.cashFlows)</h2>\n"
    for r in p.parties where !r.investment.isZero || !r.totalReceived.isZero {
      body += SVGChart.columns(
        w.cashFlow(r.party, r.name, p.currency),
        r.years.map { (String($0.year), $0.cash) }, height: 180)
    }
    if let mc {
      body += "<h2>\(w.monteCarlo("\(mc.runs)", "\(mc.seed)"))</h2>\n"
      for party in mc.parties where party.npv.p10 != party.npv.p90 {
        body += SVGChart.columns(
          w.distribution(
            party.party, money(party.npv.p10), money(party.npv.p50), money(party.npv.p90)),
          histogram(party.npvs, bins: 20), height: 160)
      }
    }
    return page(w.projectionTitle(p.contract), body, w)
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
  public static func sensitivity(
    _ s: Sensitivity, parties: [String], language: Language = .en
  ) -> String {
    let w = NegotiationPageWords.of(language)
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    var body = "<p>\(w.moved(s.change.percentText, s.currency))</p>\n"
    for party in parties {
      guard let base = s.base[party], let rows = s.tornado[party] else { continue }
      body += SVGChart.bars(
        w.npv(party, money(base)),
        rows.map { ($0.input, $0.swing, "\(money($0.lowered)) / \(money($0.raised))") },
        low: rows.map(\.lowered), high: rows.map(\.raised))
    }
    return page(w.sensitivityTitle(s.contract), body, w)
  }
}

/// The words of the negotiation pages, in English and Chinese.
struct NegotiationPageWords: Sendable {
  var lang: String
  var byParty: @Sendable (String) -> String
  var fromAToB: @Sendable (String, String, String) -> String
  var underA: String
  var underB: String
  var header: [String]
  var byClause: String
  var clauseHeader: [String]
  var byPeriod: String
  var party: String
  var compareTitle: @Sendable (String, String) -> String
  var assets: @Sendable (String, String, String) -> String
  var abovesShapley: @Sendable (String) -> String
  var fairnessHeader: [String]
  var fairnessTitle: @Sendable (String) -> String
  var periodsFrom: @Sendable (String, String, String, String) -> String
  var projectionHeader: [String]
  var years: @Sendable (String) -> String
  var cashFlows: String
  var cashFlow: @Sendable (String, String, String) -> String
  var monteCarlo: @Sendable (String, String) -> String
  var distribution: @Sendable (String, String, String, String) -> String
  var projectionTitle: @Sendable (String) -> String
  var moved: @Sendable (String, String) -> String
  var npv: @Sendable (String, String) -> String
  var sensitivityTitle: @Sendable (String) -> String
  var to: String

  static func of(_ language: Language) -> NegotiationPageWords {
    language == .zh ? zh : en
  }

  static let en = NegotiationPageWords(
    lang: "en", byParty: { "B - A by party (\($0))" },
    fromAToB: { "\($0) \($1): from A to B by clause (\($2))" }, underA: "under A",
    underB: "under B", header: ["party", "name", "A", "B", "B - A"], byClause: "By clause",
    clauseHeader: ["party", "pool", "step", "A", "B", "B - A", "clauses"],
    byPeriod: "By period: B - A", party: "party", compareTitle: { "Compare \($0) and \($1)" },
    assets: { "\($0) · value of all assets together: \($1) \($2)" },
    abovesShapley: { "contract pays minus Shapley value (\($0))" },
    fairnessHeader: [
      "party", "name", "capital", "received", "Shapley", "capital share", "received share",
      "Shapley share",
    ], fairnessTitle: { "Fairness: \($0)" },
    periodsFrom: { "\($0) periods from \($1) · discount rate \($2) a year · \($3)" },
    projectionHeader: [
      "party", "name", "received", "invested", "NPV", "IRR", "payback", "value share",
      "investment share",
    ], years: { "\($0) y" }, cashFlows: "Cash flow per party over the term",
    cashFlow: { "\($0) \($1): cash flow by year (\($2))" },
    monteCarlo: { "Monte Carlo: \($0) runs, seed \($1)" },
    distribution: { "\($0): distribution of NPV (P10 \($1), P50 \($2), P90 \($3))" },
    projectionTitle: { "Projection: \($0)" },
    moved: { "each input moved by -/+\($0); change in NPV (\($1))" },
    npv: { "\($0): NPV \($1)" }, sensitivityTitle: { "Sensitivity: \($0)" }, to: "to")

  static let zh = NegotiationPageWords(
    lang: "zh-CN", byParty: { "各方 B - A（\($0)）" },
    fromAToB: { "\($0) \($1)：从 A 到 B 的逐条变化（\($2)）" }, underA: "方案 A",
    underB: "方案 B", header: ["参与方", "名称", "A", "B", "B - A"], byClause: "逐条比较",
    clauseHeader: ["参与方", "收益池", "步骤", "A", "B", "B - A", "条款"],
    byPeriod: "逐期 B - A", party: "参与方", compareTitle: { "比较 \($0) 与 \($1)" },
    assets: { "\($0) · 全部资产合计价值：\($1) \($2)" },
    abovesShapley: { "合同分配减沙普利值（\($0)）" },
    fairnessHeader: ["参与方", "名称", "出资", "所得", "沙普利值", "出资占比", "所得占比", "沙普利占比"],
    fairnessTitle: { "公平性：\($0)" },
    periodsFrom: { "自 \($1) 起共 \($0) 期 · 年折现率 \($2) · \($3)" },
    projectionHeader: ["参与方", "名称", "累计所得", "投资", "净现值", "内部收益率", "回收期", "价值占比", "投资占比"],
    years: { "\($0) 年" }, cashFlows: "各方全期现金流",
    cashFlow: { "\($0) \($1)：逐年现金流（\($2)）" },
    monteCarlo: { "蒙特卡洛：\($0) 次，随机种子 \($1)" },
    distribution: { "\($0)：净现值分布（P10 \($1)，P50 \($2)，P90 \($3)）" },
    projectionTitle: { "全期测算：\($0)" },
    moved: { "各输入分别下调和上调 \($0)；净现值变化（\($1)）" },
    npv: { "\($0)：净现值 \($1)" }, sensitivityTitle: { "敏感性分析：\($0)" }, to: "至")
}
