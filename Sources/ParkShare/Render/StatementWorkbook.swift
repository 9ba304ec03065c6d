/// `parkshare settle --format xlsx`: what the file is (contract, period, issue, statement
/// numbers, input digests), a summary sheet, one sheet of every statement line (with filters),
/// the reconciliation, and the difference statements of an amendment. Amounts are numbers with
/// two decimals, the issue date a date; text (Chinese names) is UTF-8.
public enum StatementWorkbook {
  /// Sheet names and headers are codes in English (programs read them) and Chinese words with
  /// `--lang zh`; line kinds stay codes; the basis and rate of each line are words, in `w`'s
  /// language.
  public static func build(_ s: Settlement, wording w: Wording = .en, language: Language = .en)
    -> Workbook
  {
    func h(_ key: String) -> String { language == .zh ? (zh[key] ?? key) : key }
    // Display only: a value that cannot be rounded to the minor unit (a carry past 38 digits)
    // is the cell with its exact digits, the same amount, never another one.
    func money(_ v: Exact) -> Workbook.Cell {
      .number(
        (try? Exact(minorUnits: v.minorUnits(decimals: s.decimals, .halfEven), decimals: s.decimals))
          ?? v)
    }
    func number(_ n: Int?) -> Workbook.Cell { .text(n.map(StatementText.number) ?? "") }
    var book = Workbook(decimals: s.decimals)
    book.add(h("About"), header: [h("item"), h("value")], rows: about(s, h))
    // Under VAT: what each party invoices on the summary, a row per tax class of each line (its
    // amount that class's total, as the CSV), the VAT in the reconciliation, and the invoices.
    let taxed = s.reconciliation.vat != nil
    let vatHeader = taxed ? ["vat_rate", "amount_excl_vat", "vat"].map(h) : []
    book.add(
      h("Summary"),
      header: ["number", "party", "name", "role", "gross", "deductions", "net"].map(h)
        + (taxed ? ["amount_excl_vat", "vat"].map(h) : []) + [h("payable")],
      rows: s.statements.map { st in
        [
          number(st.number), .text(st.party), .text(st.name), .text(st.role), money(st.gross),
          money(st.deductions), money(st.net),
        ]
          + (taxed
            ? [
              st.vat.map { money($0.excluded) } ?? .text(""),
              st.vat.map { money($0.tax) } ?? .text(""),
            ]
            : [])
          + [money(st.payableTotal)]
      })
    book.add(
      h("Lines"),
      header: ["number", "party", "name", "pool", "kind", "clause", "basis", "rate", "amount"].map(
        h) + vatHeader,
      rows: s.statements.flatMap { st in
        st.lines.flatMap { l -> [[Workbook.Cell]] in
          let row: [Workbook.Cell] = [
            number(st.number), .text(st.party), .text(st.name), .text(l.pool),
            .text(l.kind.rawValue), .text(l.clause.clause), .text(w.basis(of: l)),
            .text(w.rate(l.rate)),
          ]
          guard taxed, let vat = l.vat, !vat.parts.isEmpty else {
            return [row + [money(l.amount)] + (taxed ? [.text(""), .text(""), .text("")] : [])]
          }
          return vat.parts.map { p in
            row + [
              money(p.total), .text(w.labels.vat.rateText(p.rate)), money(p.excluded), money(p.tax),
            ]
          }
        }
      })
    let r = s.reconciliation
    book.add(
      h("Reconciliation"), header: [h("item"), h("amount")],
      rows: [
        [.text("pools"), money(r.pools)], [.text("allocated"), money(r.allocated)],
        [.text("reserved"), money(r.reserved)], [.text("unallocated"), money(r.unallocated)],
        [.text("residual"), money(r.residual)],
      ]
        + (r.vat.map {
          [
            [.text("output VAT"), money($0.output)],
            [.text("VAT on parties' lines"), money($0.onParties)],
            [.text("VAT retained"), money($0.retained)],
          ]
        } ?? []))
    if taxed {
      book.add(
        h("Invoices"), header: language == .zh ? InvoiceExport.headerZH : InvoiceExport.header,
        rows: InvoiceExport.rows(s))
    }
    // A recorded settlement: the ledger record it is and that record's digest (checked with
    // `ledger verify --expect-head`), and an acknowledged contract change.
    if let issue = s.issue, let record = issue.record, let head = issue.head {
      var rows: [[Workbook.Cell]] = [
        [.text("record"), .text(String(record))], [.text("head"), .text(head)],
        [
          .text("issued"), CalendarDay(issue.issued).map(Workbook.Cell.date) ?? .text(issue.issued),
        ],
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
      book.add(h("Ledger"), header: [h("item"), h("value")], rows: rows)
    }
    if let differences = s.issue?.differences, !differences.isEmpty {
      book.add(
        h("Differences"),
        header: [
          "number", "amends", "party", "name", "pool", "kind", "clause", "previous", "now",
          "difference", "reason",
        ].map(h),
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
        h("Points"),
        header: ["party", "points", "opening", "expired", "earned", "redeemed", "closing"].map(h),
        rows: points.map { party, m in
          [.text(party), .text(m.scheme)]
            + [m.opening, m.expired, m.earned, m.redeemed, m.closing].map { .number($0) }
        })
    }
    return book
  }

  /// What the file is: the contract, the period, how it was issued, the statements' numbers and
  /// every input with its digest, so a workbook passed on says where its numbers came from.
  static func about(_ s: Settlement, _ h: (String) -> String) -> [[Workbook.Cell]] {
    var rows: [[Workbook.Cell]] = [
      [.text(h("contract")), .text(s.contract.id)], [.text(h("title")), .text(s.contract.title)],
    ]
    if let v = s.contract.version { rows.append([.text(h("version")), .text(v)]) }
    rows += [
      [.text(h("period")), .text(s.period.description)], [.text(h("currency")), .text(s.currency)],
      [.text(h("rounding")), .text(s.rounding)],
      [.text(h("engine")), .text("parkshare " + s.engine)],
    ]
    if let issue = s.issue {
      rows.append([
        .text(h("issued")),
        CalendarDay(issue.issued).map(Workbook.Cell.date) ?? .text(issue.issued),
      ])
      let numbers = s.statements.compactMap(\.number) + (issue.differences.map(\.number))
      if let first = numbers.min(), let last = numbers.max() {
        rows.append([
          .text(h("statements")),
          .text(
            StatementText.number(first) + (first == last ? "" : " - " + StatementText.number(last))),
        ])
      }
      if let record = issue.record { rows.append([.text(h("record")), .text(String(record))]) }
      if let head = issue.head { rows.append([.text(h("head")), .text(head)]) }
    } else {
      rows.append([.text(h("issued")), .text(h("preview"))])
    }
    for input in s.inputs { rows.append([.text(input.path), .text(input.blake2b256)]) }
    return rows
  }

  /// The Chinese sheet names and headers (`--lang zh`).
  static let zh: [String: String] = [
    "About": "文件信息", "Summary": "结算汇总", "Lines": "结算明细", "Reconciliation": "核对",
    "Ledger": "账本", "Differences": "差额结算单", "Points": "积分",
    "item": "项目", "value": "值", "number": "编号", "party": "参与方", "name": "名称",
    "role": "角色", "gross": "应得", "deductions": "扣减", "net": "净额", "payable": "应付补贴",
    "pool": "收益池", "kind": "类型", "clause": "合同条款", "basis": "计算基础",
    "rate": "比例/费率", "amount": "金额", "amends": "更正编号", "previous": "原金额",
    "now": "现金额", "difference": "差额", "reason": "原因", "points": "积分方案",
    "opening": "期初", "expired": "过期", "earned": "本期获得", "redeemed": "兑付",
    "closing": "期末", "contract": "合同", "title": "合同名称", "version": "版本", "period": "结算期",
    "currency": "币种", "rounding": "舍入", "engine": "引擎版本", "issued": "开具日期",
    "statements": "结算单编号", "record": "账本记录", "head": "记录摘要 (SHA-256)",
    "preview": "预览（未入账，无编号）", "vat_rate": "税率", "amount_excl_vat": "不含税金额",
    "vat": "税额", "Invoices": "发票清单",
  ]
}
