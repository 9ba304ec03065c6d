/// `parkshare settle --format xlsx`: a summary sheet, one sheet of every statement line (with
/// filters), the reconciliation, and the difference statements of an amendment. Amounts are
/// numbers with two decimals; text (Chinese names) is UTF-8.
public enum StatementWorkbook {
  /// Sheet names, headers and kinds are codes, the same in every language; the basis and rate
  /// of each line are words, in `w`'s language.
  public static func build(_ s: Settlement, wording w: Wording = .en) -> Workbook {
    // Display only: a value that cannot be rounded to the minor unit (a carry past 38 digits)
    // is the cell with its exact digits, the same amount, never another one.
    func money(_ v: Exact) -> Workbook.Cell {
      .number(
        (try? Exact(minorUnits: v.minorUnits(decimals: s.decimals, .halfEven), decimals: s.decimals))
          ?? v)
    }
    func number(_ n: Int?) -> Workbook.Cell { .text(n.map(StatementText.number) ?? "") }
    var book = Workbook()
    book.add(
      "Summary",
      header: ["number", "party", "name", "role", "gross", "deductions", "net", "payable"],
      rows: s.statements.map { st in
        [
          number(st.number), .text(st.party), .text(st.name), .text(st.role), money(st.gross),
          money(st.deductions), money(st.net),
          money(st.payableTotal),
        ]
      })
    book.add(
      "Lines",
      header: ["number", "party", "name", "pool", "kind", "clause", "basis", "rate", "amount"],
      rows: s.statements.flatMap { st in
        st.lines.map { l in
          [
            number(st.number), .text(st.party), .text(st.name), .text(l.pool),
            .text(l.kind.rawValue), .text(l.clause.clause), .text(w.basis(of: l)),
            .text(w.rate(l.rate)), money(l.amount),
          ]
        }
      })
    let r = s.reconciliation
    book.add(
      "Reconciliation", header: ["item", "amount"],
      rows: [
        [.text("pools"), money(r.pools)], [.text("allocated"), money(r.allocated)],
        [.text("reserved"), money(r.reserved)], [.text("unallocated"), money(r.unallocated)],
        [.text("residual"), money(r.residual)],
      ])
    // A recorded settlement: the ledger record it is and that record's digest (checked with
    // `ledger verify --expect-head`), and an acknowledged contract change.
    if let issue = s.issue, let record = issue.record, let head = issue.head {
      var rows: [[Workbook.Cell]] = [
        [.text("record"), .text(String(record))], [.text("head"), .text(head)],
        [.text("issued"), .text(issue.issued)],
      ]
      if let r = issue.restatedAfter {
        rows += [
          [.text("restated after amendment of"), .text(r.period.description)],
          [.text("amendment record"), .text(String(r.record))],
        ]
      }
      if let c = issue.contractChange {
        rows += [
          [.text("contract changed since"), .text(c.since.description)],
          [.text("contract change reason"), .text(c.reason)],
          [.text("contract digest before"), .text(c.previous)],
          [.text("contract digest now"), .text(c.digest)],
        ]
      }
      book.add("Ledger", header: ["item", "value"], rows: rows)
    }
    if let differences = s.issue?.differences, !differences.isEmpty {
      book.add(
        "Differences",
        header: [
          "number", "amends", "party", "name", "pool", "kind", "clause", "previous", "now",
          "difference", "reason",
        ],
        rows: differences.flatMap { d in
          d.lines.map { l in
            [
              number(d.number), number(d.amends), .text(d.party), .text(d.name), .text(l.pool),
              .text(l.kind.rawValue), .text(l.clause.clause), money(l.previous), money(l.amount),
              money(l.difference), .text(d.reason),
            ]
          }
        })
    }
    // Green points of schemes that carry over: each member's movement (points, not money).
    let points = s.statements.flatMap { st in (st.points ?? []).map { (st.party, $0) } }
    if !points.isEmpty {
      book.add(
        "Points",
        header: ["party", "points", "opening", "expired", "earned", "redeemed", "closing"],
        rows: points.map { party, m in
          [.text(party), .text(m.scheme)]
            + [m.opening, m.expired, m.earned, m.redeemed, m.closing].map { .number($0) }
        })
    }
    return book
  }
}
