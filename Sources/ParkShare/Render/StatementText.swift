/// `parkshare settle` as text: a summary table (party, gross, deductions, net), the
/// reconciliation, then each pool's waterfall line by line.
public enum StatementText {
  public static func render(_ s: Settlement, wording w: Wording = .en) -> String {
    let c = s.currency
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    let t = w.labels
    var out = t.settlementTitle(s.contract.id, "\(s.period)", c, s.rounding) + "\n"
    switch s.issue?.kind {
    case nil: out += t.preview + "\n"
    case .initial: out += t.issued(s.issue!.issued) + "\n"
    case .amendment: out += t.amendmentIssued(s.issue!.issued, s.issue!.reason ?? "") + "\n"
    }
    // The record and its digest let anyone holding this paper check it against the ledger
    // (`parkshare ledger verify --expect-head`): a ledger rolled back past it no longer has it.
    if let record = s.issue?.record, let head = s.issue?.head {
      out += t.ledgerRecord("\(record)", head) + "\n"
    }
    if let r = s.issue?.restatedAfter {
      out += t.restatedAfter("\(r.period)", String(r.record)) + "\n"
    }
    if let c = s.issue?.contractChange {
      out += t.contractChanged("\(c.since)", c.previous, c.digest, c.reason) + "\n"
    }
    out += Self.variant(s.contract.parameters, t)
    out += "\n"
    // Under VAT the summary adds what each party invoices: excluding VAT, and VAT.
    let taxed = s.statements.contains { $0.vat != nil }
    let v = t.vat
    var rows: [[String]] = [Self.vatColumns(t.summaryHeader, after: 5, taxed, [v.excluded, v.tax])]
    for st in s.statements {
      let payable = st.payableTotal
      let row = [
        st.number.map(Self.number) ?? "", st.party, st.name, money(st.gross), money(st.deductions),
        money(st.net), payable.isZero ? "" : money(payable),
      ]
      rows.append(
        Self.vatColumns(
          row, after: 5, taxed,
          [st.vat.map { money($0.excluded) } ?? "", st.vat.map { money($0.tax) } ?? ""]))
    }
    out += table(rows, rightAligned: taxed ? [3, 4, 5, 6, 7, 8] : [3, 4, 5, 6])
    for d in s.issue?.differences ?? [] {
      out +=
        "\n"
        + t.differenceTitle(
          Self.number(d.number), d.party, d.name,
          d.amends.map(Self.number) ?? t.nothingIssuedBefore,
          d.reason) + "\n"
      var lines: [[String]] = [t.differenceHeader]
      for l in d.lines {
        lines.append([
          l.pool, t.kind(l.kind), money(l.previous), money(l.amount), money(l.difference),
          "[\(l.clause.clause)]",
        ])
      }
      lines.append([t.net, "", money(d.previousNet), money(d.net), money(d.difference), ""])
      out += table(lines, rightAligned: [2, 3, 4], indent: "  ")
      for p in d.vat ?? [] {
        out +=
          "  "
          + t.vat.correction(
            t.vat.rateText(p.rate), money(p.excluded), money(p.tax), money(p.total),
            p.total.isNegative) + "\n"
      }
    }
    let r = s.reconciliation
    out += "\n\(t.reconciliation)\n"
    out += table(
      [
        [t.pools, money(r.pools)],
        [t.allocated, money(r.allocated)],
        [t.reserved, money(r.reserved)],
        [t.unallocated, money(r.unallocated)],
        [t.residual, money(r.residual)],
        [t.arrearsBeforeAfter, "\(money(r.arrearsOpening)) / \(money(r.arrearsClosing))"],
      ] + r.funds.sorted { $0.key < $1.key }.map { [t.fundBalance($0.key), money($0.value)] }
        + (r.vat.map {
          [
            [v.output, money($0.output)], [v.onParties, money($0.onParties)],
            [v.retained, money($0.retained)],
          ]
        } ?? []),
      rightAligned: [1])
    out += RevenueText.estimated(s.revenue.data, w)
    out += pointsTable(s, t.points)
    for pool in s.pools {
      let rounding = pool.rounding.map { t.poolRounding($0.mode.rawValue, $0.decimals) } ?? ""
      let sharing = pool.sharing.map(v.sharing) ?? ""
      out +=
        "\n\(t.pool(pool.pool)) = \(money(pool.total)) \(c)\(rounding)\(sharing)    [\(pool.clause.clause)]\n"
      for src in pool.sources {
        out += "  + \(src.id) \(src.amount.grouped)    [\(src.clause.clause)]\n"
        if let x = src.vat {
          out +=
            "      \(v.source(v.treatment(x.kind, x.rate), money(x.excluded), money(x.tax), money(x.total)))    [\(x.clause.clause)]\n"
        }
      }
      let poolTaxed = pool.lines.contains { $0.vat != nil }
      var lines: [[String]] = []
      for l in pool.lines {
        // A period cut by an effective date shows each line's sub-period after its kind.
        let row = [
          t.kind(l.kind) + (l.subPeriod.map { " \($0)" } ?? ""), w.recipient(l.recipient),
          w.rate(l.rate), money(l.amount),
          w.basis(l.basis), "[\(l.clause.clause)]",
        ]
        lines.append(
          Self.vatColumns(
            row, after: 3, poolTaxed,
            [
              l.vat.map { money($0.excluded) } ?? "",
              l.vat.map { Self.vatCell($0, v, money) } ?? "",
            ]))
      }
      if !pool.unallocated.isZero {
        lines.append(
          Self.vatColumns(
            [t.unallocated, "", "", money(pool.unallocated), "", ""], after: 3, poolTaxed, ["", ""])
        )
      }
      out += table(lines, rightAligned: poolTaxed ? [3, 4] : [3], indent: "  ")
      for o in pool.conditions ?? [] {
        out += "  \(Self.condition(o, t))    [\(o.clause.clause)]\n"
      }
      for a in pool.arrears {
        out +=
          "  " + (a.subPeriod.map { "\($0) " } ?? "")
          + t.arrears(a.party, money(a.opening), money(a.due), money(a.paid), money(a.closing))
          + (a.forgone.isZero ? "" : t.forgone(money(a.forgone))) + "\n"
      }
    }
    return out
  }

  /// `cells` inserted after column `after` when `taxed`; the row as it is otherwise.
  static func vatColumns(_ row: [String], after: Int, _ taxed: Bool, _ cells: [String]) -> [String]
  {
    guard taxed else { return row }
    return Array(row[...after]) + cells + Array(row[(after + 1)...])
  }

  /// A line's VAT by class: `13% 1,234.56`, or `13% 1,234.56 + exempt` when it mixes classes.
  static func vatCell(_ x: LineVAT, _ v: VATLabels, _ money: (Exact) -> String) -> String {
    x.parts.map { $0.tax.isZero ? v.rateText($0.rate) : "\(v.rateText($0.rate)) \(money($0.tax))" }
      .joined(separator: " + ")
  }

  /// The line that says a run is a variant (its parameters set), or nothing.
  public static func variant(_ list: [ContractParameter]?, _ t: Labels) -> String {
    list.map { t.parametersSet(parameters($0, t)) + "\n" } ?? ""
  }

  /// `esco_share = 25% (contract: 30%), fee = 2,000 CNY (contract: 1,000 CNY)`.
  public static func parameters(_ list: [ContractParameter], _ t: Labels) -> String {
    list.map { t.parameterValue($0.name, $0.value, $0.declared) }.joined(separator: ", ")
  }

  /// A step's condition and how it came out this period.
  static func condition(_ o: ConditionOutcome, _ t: Labels) -> String {
    t.condition(o.when, o.condition, o.left.grouped, o.right.grouped, o.holds, o.taken)
  }

  /// Each member's green points of the schemes that carry over; nothing when none do.
  static func pointsTable(_ s: Settlement, _ t: PointsLabels) -> String {
    var rows: [[String]] = [t.header]
    for st in s.statements {
      for m in st.points ?? [] {
        rows.append(
          [st.party, m.scheme]
            + [m.opening, m.expired, m.earned, m.redeemed, m.closing].map(\.grouped))
      }
    }
    guard rows.count > 1 else { return "" }
    return "\n\(t.title)\n" + table(rows, rightAligned: [2, 3, 4, 5, 6])
  }

  /// Statement numbers are shown with six digits: `000042`.
  public static func number(_ n: Int) -> String { Statement.numberText(n) }

  /// Columns padded to their widest cell (CJK counted double); `rightAligned` columns to the right.
  public static func table(_ rows: [[String]], rightAligned: Set<Int>, indent: String = "")
    -> String
  {
    guard let columns = rows.map(\.count).max() else { return "" }
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (i, cell) in row.enumerated() { widths[i] = max(widths[i], width(cell)) }
    }
    return rows.map { row in
      let cells = row.enumerated().map { i, cell in
        let pad = String(repeating: " ", count: widths[i] - width(cell))
        return rightAligned.contains(i) ? pad + cell : cell + pad
      }
      var text = indent + cells.joined(separator: "  ")
      while text.last == " " { text.removeLast() }
      return text + "\n"
    }.joined()
  }

  static func width(_ s: String) -> Int { s.reduce(0) { $0 + $1.displayWidth } }
}

/// Amounts as statements print them.
public enum Money {
  /// `1234567.5` with 2 decimals -> `1,234,567.50`: grouped, every minor-unit digit shown.
  public static func text(_ v: Exact, decimals: Int) -> String {
    // Display only: a value that cannot be rounded to the minor unit (a carry past 38 digits)
    // shows every exact digit, the same amount written longer, never another one.
    let fixed = (try? v.rounded(scale: decimals, .halfEven)) ?? v
    let plain = fixed.description
    let sign = plain.hasPrefix("-") ? "-" : ""
    let body = plain.dropFirst(sign.count)
    let point = body.firstIndex(of: ".") ?? body.endIndex
    let digits = Array(body[..<point])
    var whole = ""
    for (i, d) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { whole += "," }
      whole.append(d)
    }
    var fraction = String(body[point...].dropFirst())
    while fraction.count < decimals { fraction += "0" }
    return sign + whole + (decimals > 0 ? "." + fraction : "")
  }
}
