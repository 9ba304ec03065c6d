/// `parkshare settle` as text: a summary table (party, gross, deductions, net), the
/// reconciliation, then each pool's waterfall line by line.
public enum StatementText {
  public static func render(_ s: Settlement) -> String {
    let c = s.currency
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    let w = Wording.en
    var out = "\(s.contract.id) \(s.period): settlement (\(c), rounding \(s.rounding))\n"
    switch s.issue?.kind {
    case nil: out += "preview: not recorded in a ledger, no statement numbers\n"
    case .initial: out += "issued \(s.issue!.issued)\n"
    case .amendment:
      out += "amendment issued \(s.issue!.issued): \(s.issue!.reason ?? "")\n"
    }
    // The record and its digest let anyone holding this paper check it against the ledger
    // (`parkshare ledger verify --expect-head`): a ledger rolled back past it no longer has it.
    if let record = s.issue?.record, let head = s.issue?.head {
      out += "ledger record \(record), head \(head)\n"
    }
    if let c = s.issue?.contractChange {
      out +=
        "contract text changed since \(c.since) (BLAKE2b-256 \(c.previous) -> \(c.digest)): \(c.reason)\n"
    }
    out += "\n"
    var rows: [[String]] = [["no.", "party", "name", "gross", "deductions", "net", "payable"]]
    for st in s.statements {
      let payable = (try? st.payable.map(\.amount).sum()) ?? .zero
      rows.append([
        st.number.map(Self.number) ?? "", st.party, st.name, money(st.gross), money(st.deductions),
        money(st.net), payable.isZero ? "" : money(payable),
      ])
    }
    out += table(rows, rightAligned: [3, 4, 5, 6])
    for d in s.issue?.differences ?? [] {
      out +=
        "\ndifference statement \(Self.number(d.number)) for \(d.party) \(d.name), correcting \(d.amends.map(Self.number) ?? "nothing issued before"): \(d.reason)\n"
      var lines: [[String]] = [["pool", "kind", "previous", "now", "difference", "clause"]]
      for l in d.lines {
        lines.append([
          l.pool, l.kind.rawValue, money(l.previous), money(l.amount), money(l.difference),
          "[\(l.clause)]",
        ])
      }
      lines.append(["net", "", money(d.previousNet), money(d.net), money(d.difference), ""])
      out += table(lines, rightAligned: [2, 3, 4], indent: "  ")
    }
    let r = s.reconciliation
    out += "\nreconciliation\n"
    out += table(
      [
        ["pools (revenues and subsidies)", money(r.pools)],
        ["paid to parties", money(r.allocated)],
        ["reserved into funds", money(r.reserved)],
        ["unallocated", money(r.unallocated)],
        ["residual", money(r.residual)],
        ["arrears owed before / after", "\(money(r.arrearsOpening)) / \(money(r.arrearsClosing))"],
      ] + r.funds.sorted { $0.key < $1.key }.map { ["fund \($0.key) balance", money($0.value)] },
      rightAligned: [1])
    for pool in s.pools {
      out += "\npool \(pool.pool) = \(money(pool.total)) \(c)    [\(pool.clause)]\n"
      for src in pool.sources {
        out += "  + \(src.id) \(src.amount.grouped)    [\(src.clause)]\n"
      }
      var lines: [[String]] = []
      for l in pool.lines {
        lines.append([
          l.kind.rawValue, w.recipient(l.recipient), w.rate(l.rate), money(l.amount),
          w.basis(l.basis), "[\(l.clause.clause)]",
        ])
      }
      if !pool.unallocated.isZero {
        lines.append(["unallocated", "", "", money(pool.unallocated), "", ""])
      }
      out += table(lines, rightAligned: [3], indent: "  ")
      for a in pool.arrears {
        out +=
          "  arrears \(a.party): owed \(money(a.opening)) + due \(money(a.due)) - paid \(money(a.paid)) = \(money(a.closing))"
          + (a.forgone.isZero ? "" : ", forgone \(money(a.forgone)) (without arrears)") + "\n"
      }
    }
    return out
  }

  /// Statement numbers are shown with six digits: `000042`.
  public static func number(_ n: Int) -> String {
    let t = String(n)
    return String(repeating: "0", count: max(0, 6 - t.count)) + t
  }

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
