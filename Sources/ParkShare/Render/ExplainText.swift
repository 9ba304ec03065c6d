/// `parkshare explain --party ID`: the calculation tree behind one party's amounts, from the
/// meter sums and prices of each revenue, through every step of each pool's waterfall (the
/// party's own lines marked), to the rounded payment and the net; each node cites its clause.
public enum ExplainText {
  /// The tree, or nil when `party` has no statement.
  public static func render(_ s: Settlement, party: String, wording w: Wording = .en) -> String? {
    guard let st = s.statements.first(where: { $0.party == party }) else { return nil }
    let c = s.currency
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    let t = w.labels
    var out =
      t.explainTitle(st.party, st.name, "\(money(st.net)) \(c)", "\(s.period)", s.contract.id)
      + "\n" + StatementText.variant(s.contract.parameters, t)
    let me = Recipient.party(party)
    let pools = s.pools.filter { p in p.lines.contains { $0.recipient == me } }
    let items = Dictionary(s.revenue.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    for (pi, pool) in pools.enumerated() {
      let lastPool = pi == pools.count - 1 && st.payable.isEmpty
      let p1 = lastPool ? "└─ " : "├─ "
      let i1 = lastPool ? "   " : "│  "
      let rounding = pool.rounding.map { t.poolRounding($0.mode.rawValue, $0.decimals) } ?? ""
      let v = t.vat
      let sharing = pool.sharing.map(v.sharing) ?? ""
      out +=
        "\(p1)\(t.pool(pool.pool)) = \(money(pool.total)) \(c)\(t.exact(pool.exactTotal.grouped))\(rounding)\(sharing)    [\(pool.clause.clause)]\n"
      for src in pool.sources {
        out += "\(i1)├─ + \(src.id) = \(src.amount.grouped) \(c)"
        if let item = items[src.id] { out += " = \(item.formula)" }
        out += "    [\(src.clause.clause)]\n"
        if let x = src.vat {
          out +=
            "\(i1)│  │  \(v.source(v.treatment(x.kind, x.rate), money(x.excluded), money(x.tax), money(x.total)))    [\(x.clause.clause)]\n"
        }
        for d in (items[src.id]?.details ?? []).abbreviatingMeters() {
          let (what, value, source) = w.detail(d, listing: "settle --format json")
          out += "\(i1)│  │  \(what): \(value)" + (source.map { "    [\($0)]" } ?? "") + "\n"
        }
      }
      out += "\(i1)├─ \(t.waterfall(party))\n"
      for o in pool.conditions ?? [] {
        out += "\(i1)│  ? \(StatementText.condition(o, t))    [\(o.clause.clause)]\n"
      }
      for l in pool.lines {
        let mark = l.recipient == me ? "→" : " "
        let rateText = w.rate(l.rate)
        let rate = rateText.isEmpty ? "" : " \(rateText)"
        out +=
          "\(i1)│  \(mark) \(t.kind(l.kind))\(l.subPeriod.map { " \($0)" } ?? "") \(w.recipient(l.recipient))\(t.step(rate, w.basis(l.basis), t.exactPaid(l.exact.exactText, money(l.amount))))\(l.vat.map { " (\(v.excluded) \(money($0.excluded)), \(v.tax) \(StatementText.vatCell($0, v, money)))" } ?? "")    [\(l.clause.clause)]\n"
        // A share by points or another per-member value: how this party earned its weight.
        guard l.recipient == me, case .metric(let m) = l.basis else { continue }
        for d in Self.memberDetails(of: "\(m.metric)", party, s.revenue.items) {
          let (what, value, source) = w.detail(d)
          out += "\(i1)│       \(what): \(value)" + (source.map { "    [\($0)]" } ?? "") + "\n"
        }
      }
      if !pool.unallocated.isZero {
        out += "\(i1)│    \(t.unallocated): \(money(pool.unallocated))\n"
      }
      let sum = st.poolTotals[pool.pool] ?? .zero
      out += "\(i1)└─ \(t.fromPool(party, pool.pool, "\(money(sum)) \(c)"))\n"
    }
    if pools.isEmpty {
      // Paid nothing: say which division by a per-member value passed it over, and why.
      for (pool, metric) in Self.passedOver(party, s) {
        out += "├─ \(t.tookNothing(party, pool, "\(metric)"))\n"
        for d in Self.memberDetails(of: "\(metric)", party, s.revenue.items) {
          let (what, value, source) = w.detail(d)
          out += "│    \(what): \(value)" + (source.map { "    [\($0)]" } ?? "") + "\n"
        }
      }
    }
    for (i, p) in st.payable.enumerated() {
      let last = i == st.payable.count - 1
      out +=
        "\(last ? "└─ " : "├─ ")\(t.paysSubsidy(p.subsidy, "\(money(p.amount)) \(c)"))    [\(p.clause.clause)]\n"
    }
    out += t.netSum(money(st.gross), money(st.deductions), "\(money(st.net)) \(c)") + "\n"
    if !st.arrearsOwed.isZero {
      out += t.arrearsOwedAfter(party, "\(s.period)", "\(st.arrearsOwed.grouped) \(c)") + "\n"
    }
    for m in st.points ?? [] {
      out +=
        t.points.movement(
          m.scheme, m.opening.grouped, m.expired.grouped, m.earned.grouped, m.redeemed.grouped,
          m.closing.grouped) + "\n"
    }
    return out + RevenueText.estimated(s.revenue.data, w)
  }

  /// The details about `member` of the value `id` and of the values it reads, each once, in
  /// the order met: how a member earned its weight when the weight is built of other values
  /// (paid kW from eligible kW from each event's verified reduction).
  static func memberDetails(of id: String, _ member: String, _ items: [Computed]) -> [Detail] {
    let byID = Dictionary(items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var out: [Detail] = []
    var seen: Set<Detail> = []
    var visited: Set<String> = []
    var stack = [id]
    while let next = stack.popLast() {
      guard visited.insert(next).inserted, let item = byID[next] else { continue }
      var reads: [String] = []
      for d in item.details {
        if d.concerns(member: member), seen.insert(d).inserted { out.append(d) }
        if case .value(let v, _, _, _) = d { reads.append(v) }
      }
      stack += reads.reversed()
    }
    return out
  }

  /// The pools whose lines divide by a per-member value (a split or rebate by a metric) that
  /// has a value for `party`, with the metric: where a party paid nothing was passed over.
  static func passedOver(_ party: String, _ s: Settlement) -> [(String, Formula)] {
    let items = Dictionary(s.revenue.items.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var out: [(String, Formula)] = []
    for pool in s.pools {
      var seen: Set<Formula> = []
      for l in pool.lines {
        guard case .metric(let m) = l.basis, seen.insert(m.metric).inserted,
          let item = items["\(m.metric)"],
          item.value.cells.keys.contains(where: { $0.member == party })
        else { continue }
        out.append((pool.pool, m.metric))
      }
    }
    return out
  }
}
