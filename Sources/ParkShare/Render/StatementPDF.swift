/// `parkshare settle --format pdf`: the HTML statements' content as a PDF written by parkshare
/// (`PDFDocument`): a summary with a totals row (合计), then each party's statement from a new
/// page with its net in Chinese capitals (大写金额), then the difference statements of an
/// amendment; tables repeat their header on each page, every page is numbered. Chinese (the
/// default) or English labels.
public enum StatementPDF {
  public static func render(_ s: Settlement, language lang: Language = .zh) -> [UInt8] {
    let w = Wording.of(lang)
    func t(_ key: String) -> String { StatementHTML.label(key, lang) }
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    let small = PDFPage.Style(size: 8, grey: 30)
    let title = PDFPage.Style(size: 14, bold: true)
    let heading = PDFPage.Style(size: 11, bold: true)
    var flow = PDFFlow()
    func meta() {
      flow.paragraph(
        "\(t("contract")): \(s.contract.id) \(s.contract.title)    \(t("period")): \(s.period)    \(t("currency")): \(s.currency)    \(t("rounding")): \(s.rounding)",
        small, after: 0)
      for line in ledgerMeta(s, t, w) { flow.paragraph(line, small, after: 0) }
      flow.space(80)
    }

    // The summary.
    flow.paragraph("\(t("title")) — \(t("summary"))", title, after: 60)
    meta()
    // Under VAT the summary adds what each party invoices (excluding VAT, VAT), in a smaller size.
    let v = w.labels.vat
    let taxed = s.statements.contains { $0.vat != nil }
    func vatCells(_ x: LineVAT?) -> [String] {
      guard taxed else { return [] }
      return [x.map { money($0.excluded) } ?? "", x.map { money($0.tax) } ?? ""]
    }
    var rows: [PDFFlow.Row] = s.statements.map { st in
      PDFFlow.Row(
        cells: [st.party, st.name, money(st.gross), money(st.deductions), money(st.net)]
          + vatCells(st.vat) + [st.payableTotal.isZero ? "" : money(st.payableTotal)])
    }
    let totals = StatementHTML.totals(s).enumerated().map { i, v in
      v.map { i == 3 && $0.isZero ? "" : money($0) } ?? ""
    }
    let vatSums = taxed ? (try? LineVAT.total(s.statements.compactMap(\.vat))) ?? nil : nil
    rows.append(
      PDFFlow.Row(
        cells: [t("total"), ""] + totals.prefix(3) + vatCells(vatSums) + totals.suffix(1),
        style: PDFPage.Style(bold: true), ruled: true))
    let amount = taxed ? 650 : 800
    flow.table(
      [
        .init(title: t("party"), width: taxed ? 450 : 600),
        .init(title: t("name"), width: taxed ? 900 : 1350),
        .init(title: t("gross"), width: amount, right: true),
        .init(title: t("deductions"), width: taxed ? 600 : 800, right: true),
        .init(title: t("net"), width: amount, right: true),
      ]
        + (taxed
          ? [
            .init(title: v.excluded, width: 650, right: true),
            .init(title: v.tax, width: 600, right: true),
          ] : [])
        + [.init(title: t("payable"), width: amount, right: true)], rows, size: taxed ? 7 : 8)
    flow.paragraph(t("reconciliation"), heading, after: 40)
    let r = s.reconciliation
    flow.table(
      [.init(title: "", width: 3350), .init(title: t("amount"), width: 1800, right: true)],
      [
        ("pools", r.pools), ("allocated", r.allocated), ("reserved", r.reserved),
        ("unallocated", r.unallocated), ("residual", r.residual),
      ].map { PDFFlow.Row(cells: [t($0.0), money($0.1)]) }
        + (r.vat.map {
          [(v.output, $0.output), (v.onParties, $0.onParties), (v.retained, $0.retained)].map {
            PDFFlow.Row(cells: [$0.0, money($0.1)])
          }
        } ?? []))
    flow.space(40)
    flow.table(
      [.init(title: t("inputs"), width: 2150), .init(title: "BLAKE2b-256", width: 3000)],
      s.inputs.map { PDFFlow.Row(cells: [$0.path, $0.blake2b256]) }, size: 7)
    flow.paragraph("\(t("engine")): parkshare \(s.engine)", small)

    // One statement per party, each from a new page.
    for st in s.statements {
      flow.newPage()
      flow.paragraph("\(t("title")) — \(st.name)", title, after: 60)
      meta()
      let identity =
        st.number.map {
          "\(t("number")): \(StatementText.number($0))    \(t("issued")): \(st.issued ?? "")"
        }
        ?? StatementHTML.unnumbered(s, party: st.party, t)
      flow.paragraph(
        "\(identity)    \(t("party")): \(st.party)    \(t("role")): \(t(st.role))", after: 60)
      // Under VAT each line shows what the party invoices for it (excluding VAT, VAT); the table
      // by rate follows.
      let lineTaxed = st.vat != nil
      let last = lineTaxed ? 6 : 4
      var lines = st.lines.map { l in
        PDFFlow.Row(
          cells: [l.pool, t(l.kind.rawValue), w.basis(of: l), w.rate(l.rate)]
            + (lineTaxed
              ? [l.vat.map { money($0.excluded) } ?? "", l.vat.map { money($0.tax) } ?? ""] : [])
            + [money(l.amount)],
          red: l.amount.isNegative ? [last] : [], notes: [2: "\(t("clause")): \(l.clause.clause)"])
      }
      if lines.isEmpty { lines.append(PDFFlow.Row(cells: ["", "", t("nothing")])) }
      for (i, (key, amount)) in [
        ("gross", st.gross), ("deductions", st.deductions), ("net", st.net),
      ]
      .enumerated() {
        lines.append(
          PDFFlow.Row(
            cells: ["", "", t(key), ""] + (lineTaxed ? ["", ""] : []) + [money(amount)],
            style: PDFPage.Style(bold: true), ruled: i == 0, red: amount.isNegative ? [last] : []))
      }
      if s.currency == "CNY", let words = ChineseAmount.text(st.net) {
        lines.append(PDFFlow.Row(cells: ["\(t("inWords")): 人民币\(words)"], spanning: true))
      }
      flow.table(
        lineTaxed
          ? [
            .init(title: t("pool"), width: 500), .init(title: t("kind"), width: 450),
            .init(title: t("basis"), width: 1400), .init(title: t("rate"), width: 550, right: true),
            .init(title: v.excluded, width: 800, right: true),
            .init(title: v.tax, width: 700, right: true),
            .init(title: t("amount"), width: 750, right: true),
          ]
          : [
            .init(title: t("pool"), width: 650), .init(title: t("kind"), width: 600),
            .init(title: t("basis"), width: 2100), .init(title: t("rate"), width: 800, right: true),
            .init(title: t("amount"), width: 1000, right: true),
          ], lines)
      if let x = st.vat {
        flow.paragraph(v.invoice, heading, after: 40)
        flow.table(
          [
            .init(title: v.rate, width: 1150), .init(title: v.excluded, width: 1300, right: true),
            .init(title: v.tax, width: 1300, right: true),
            .init(title: v.total, width: 1400, right: true),
          ],
          x.parts.map {
            PDFFlow.Row(cells: [
              v.rateText($0.rate), money($0.excluded), money($0.tax), money($0.total),
            ])
          } + [
            PDFFlow.Row(
              cells: [t("total"), money(x.excluded), money(x.tax), money(st.net)],
              style: PDFPage.Style(bold: true), ruled: true)
          ])
      }
      if !st.payable.isEmpty {
        flow.paragraph(t("payable"), heading, after: 40)
        flow.table(
          [
            .init(title: t("pool"), width: 1500), .init(title: t("clause"), width: 2650),
            .init(title: t("amount"), width: 1000, right: true),
          ],
          st.payable.map { PDFFlow.Row(cells: [$0.subsidy, $0.clause.clause, money($0.amount)]) })
      }
      if !st.arrearsOwed.isZero {
        flow.paragraph("\(t("arrears")): \(money(st.arrearsOwed))")
      }
      if let points = st.points, !points.isEmpty {
        let p = w.labels.points
        flow.paragraph(p.title, heading, after: 40)
        flow.table(
          p.header.dropFirst().enumerated().map {
            .init(title: $0.element, width: $0.offset == 0 ? 1150 : 800, right: $0.offset > 0)
          },
          points.map { m in
            PDFFlow.Row(
              cells: [m.scheme]
                + [m.opening, m.expired, m.earned, m.redeemed, m.closing].map(\.grouped))
          })
      }
    }

    // The difference statements of an amendment: negative differences in red (红字).
    for d in s.issue?.differences ?? [] {
      flow.newPage()
      flow.paragraph("\(t("differenceTitle")) — \(d.name)", title, after: 60)
      meta()
      flow.paragraph(
        "\(t("number")): \(StatementText.number(d.number))    \(t("issued")): \(d.issued)    \(t("corrects")): \(d.amends.map(StatementText.number) ?? "-")    \(t("party")): \(d.party)"
      )
      flow.paragraph("\(t("reason")): \(d.reason)", after: 60)
      var rows = d.lines.map { l in
        PDFFlow.Row(
          cells: [
            l.pool, t(l.kind.rawValue), l.clause.clause, money(l.previous), money(l.amount),
            money(l.difference),
          ], red: l.difference.isNegative ? [5] : [])
      }
      rows.append(
        PDFFlow.Row(
          cells: ["", "", t("net"), money(d.previousNet), money(d.net), money(d.difference)],
          style: PDFPage.Style(bold: true), ruled: true,
          red: d.difference.isNegative ? [5] : []))
      if s.currency == "CNY", let words = ChineseAmount.text(d.difference) {
        rows.append(PDFFlow.Row(cells: ["\(t("inWords")): 人民币\(words)"], spanning: true))
      }
      flow.table(
        [
          .init(title: t("pool"), width: 650), .init(title: t("kind"), width: 600),
          .init(title: t("clause"), width: 1300),
          .init(title: t("previous"), width: 850, right: true),
          .init(title: t("now"), width: 850, right: true),
          .init(title: t("difference"), width: 900, right: true),
        ], rows)
      for p in d.vat ?? [] {
        flow.paragraph(
          w.labels.vat.correction(
            w.labels.vat.rateText(p.rate), money(p.excluded), money(p.tax), money(p.total),
            p.total.isNegative))
      }
    }
    flow.number { n, count in
      t("pageOf").replacingOccurrences(of: "{n}", with: "\(n)")
        .replacingOccurrences(of: "{count}", with: "\(count)")
    }
    return PDFDocument(title: "\(t("title")) \(s.contract.id) \(s.period)", pages: flow.pages)
      .bytes()
  }

  /// The ledger lines of a recorded settlement, as the HTML pages give them.
  static func ledgerMeta(_ s: Settlement, _ t: (String) -> String, _ w: Wording) -> [String] {
    var out: [String] = []
    if let record = s.issue?.record, let head = s.issue?.head {
      out.append("\(t("record")): \(record)    \(t("head")): \(head)")
    }
    if let r = s.issue?.restatedAfter {
      out.append(w.labels.restatedAfter("\(r.period)", String(r.record)))
    }
    if let p = s.contract.parameters {
      out.append(w.labels.parametersSet(StatementText.parameters(p, w.labels)))
    }
    if let c = s.issue?.contractChange {
      out.append(
        "\(t("contractChanged")) (\(t("since")) \(c.since)): \(c.reason)    \(c.previous) → \(c.digest)"
      )
    }
    return out
  }
}
