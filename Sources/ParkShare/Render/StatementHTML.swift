/// `parkshare settle --format html`: a summary page, then one printable statement per party on
/// its own A4 page, with Chinese or English labels. Plain HTML and CSS, no scripts, nothing
/// fetched, nothing dated: the same settlement gives the same bytes.
public enum StatementHTML {
  public typealias Language = ParkShare.Language

  /// On every page of a recorded settlement: the ledger record and its digest (so the paper
  /// can be checked with `ledger verify --expect-head`), and an acknowledged contract change.
  static func ledgerMeta(_ s: Settlement, _ t: (String) -> String, _ w: Wording) -> String {
    var out = ""
    if let record = s.issue?.record, let head = s.issue?.head {
      out +=
        "<div class=\"meta\"><span>\(t("record")): \(record)</span><span>\(t("head")): <span class=\"digest\">\(head)</span></span></div>\n"
    }
    if let r = s.issue?.restatedAfter {
      out +=
        "<div class=\"meta\">\(escape(w.labels.restatedAfter("\(r.period)", String(r.record))))</div>\n"
    }
    if let p = s.contract.parameters {
      out +=
        "<div class=\"meta\">\(escape(w.labels.parametersSet(StatementText.parameters(p, w.labels))))</div>\n"
    }
    if let c = s.issue?.contractChange {
      out +=
        "<div class=\"meta\"><span>\(t("contractChanged")) (\(t("since")) \(c.since)): \(escape(c.reason))</span><span class=\"digest\">\(c.previous) → \(c.digest)</span></div>\n"
    }
    return out
  }

  /// The party's green points of schemes that carry over (opening - expired + earned -
  /// redeemed = closing), as the text statement's points table; nothing when it has none.
  static func pointsTable(_ st: Statement, _ p: PointsLabels) -> String {
    guard let points = st.points, !points.isEmpty else { return "" }
    var out = "<h2>\(escape(p.title))</h2>\n<table>\n<tr>"
    for (i, h) in p.header.dropFirst().enumerated() {
      out += "<th\(i == 0 ? " class=\"k\"" : " class=\"n\"")>\(escape(h))</th>"
    }
    out += "</tr>\n"
    for m in points {
      out += "<tr><td class=\"k\">\(escape(m.scheme))</td>"
      for v in [m.opening, m.expired, m.earned, m.redeemed, m.closing] {
        out += "<td class=\"n\">\(v.grouped)</td>"
      }
      out += "</tr>\n"
    }
    return out + "</table>\n"
  }

  /// The summary's totals row: gross, deductions, net and payables over all statements; nil
  /// where a sum would overflow (the cell is left empty rather than wrong).
  static func totals(_ s: Settlement) -> [Exact?] {
    [\Statement.gross, \.deductions, \.net, \.payableTotal].map { key in
      try? s.statements.map { $0[keyPath: key] }.sum()
    }
  }

  /// What a statement without a number is: a preview, or a statement an amendment restates
  /// (recorded), with or without a difference statement for its party.
  static func unnumbered(_ s: Settlement, party: String, _ t: (String) -> String) -> String {
    guard s.issue?.kind == .amendment else { return t("preview") }
    return s.issue?.differences.contains { $0.party == party } == true
      ? t("restated") : t("restatedSame")
  }

  static func label(_ key: String, _ lang: Language) -> String {
    Wording.of(lang).labels.page[key] ?? key
  }

  public static func render(_ s: Settlement, language lang: Language = .zh) -> String {
    func t(_ key: String) -> String { escape(label(key, lang)) }
    func money(_ v: Exact) -> String { Money.text(v, decimals: s.decimals) }
    // A negative amount (a deduction, a red-letter difference) is marked as well as signed.
    func cell(_ v: Exact) -> String {
      v.isNegative
        ? "<td class=\"n neg\">\(money(v))</td>" : "<td class=\"n\">\(money(v))</td>"
    }
    // The net in Chinese capitals (大写金额), for amounts in CNY.
    func words(_ v: Exact, span: Int) -> String {
      guard s.currency == "CNY", let text = ChineseAmount.text(v) else { return "" }
      return
        "<tr><td colspan=\"\(span)\" class=\"words\">\(t("inWords")): 人民币\(escape(text))</td></tr>\n"
    }
    let w = Wording.of(lang)
    var out = """
      <!DOCTYPE html>
      <html lang="\(lang == .zh ? "zh-CN" : "en")">
      <head>
      <meta charset="utf-8">
      <title>\(t("title")) \(escape(s.contract.id)) \(s.period)</title>
      <style>
      @page { size: A4; margin: 16mm 14mm; @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #555; } }
      body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 10pt; color: #111; margin: 0; }
      section { page-break-after: always; break-after: page; padding: 0 2mm; }
      section:last-child { page-break-after: auto; break-after: auto; }
      h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; }
      .meta { color: #444; margin-bottom: 4mm; } .meta span { margin-right: 6mm; white-space: nowrap; }
      thead { display: table-header-group; } tr { break-inside: avoid; }
      .neg { color: #b00000; } .words { font-size: 9pt; }
      table { border-collapse: collapse; width: 100%; margin-bottom: 4mm; }
      th, td { border-bottom: 0.3mm solid #bbb; padding: 1.2mm 1.5mm; text-align: left; vertical-align: top; }
      th { background: #f0f0f0; font-weight: 600; }
      td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
      .k { white-space: nowrap; } td.small { font-size: 8pt; color: #555; } tr.total td { font-weight: 700; border-top: 0.5mm solid #333; }
      .digest { font-family: monospace; font-size: 7pt; word-break: break-all; }
      </style>
      </head>
      <body>

      """
    let meta = """
      <div class="meta"><span>\(t("contract")): \(escape(s.contract.id)) \(escape(s.contract.title))</span><span>\(t("period")): \(s.period)</span><span>\(t("currency")): \(escape(s.currency))</span><span>\(t("rounding")): \(escape(s.rounding))</span></div>

      """ + ledgerMeta(s, t, w)
    // The summary page.
    out += "<section>\n<h1>\(t("title")) · \(t("summary"))</h1>\n" + meta
    // Under VAT the summary adds what each party invoices: excluding VAT, and VAT.
    let v = w.labels.vat
    let taxed = s.statements.contains { $0.vat != nil }
    let vatHead =
      taxed ? "<th class=\"n\">\(escape(v.excluded))</th><th class=\"n\">\(escape(v.tax))</th>" : ""
    func vatCells(_ x: LineVAT?) -> String {
      guard taxed else { return "" }
      guard let x else { return "<td class=\"n\"></td><td class=\"n\"></td>" }
      return cell(x.excluded) + cell(x.tax)
    }
    out +=
      "<table>\n<thead><tr><th>\(t("party"))</th><th>\(t("name"))</th><th class=\"n\">\(t("gross"))</th><th class=\"n\">\(t("deductions"))</th><th class=\"n\">\(t("net"))</th>\(vatHead)<th class=\"n\">\(t("payable"))</th></tr></thead>\n<tbody>\n"
    for st in s.statements {
      let payable = st.payableTotal
      out +=
        "<tr><td>\(escape(st.party))</td><td>\(escape(st.name))</td>\(cell(st.gross))\(cell(st.deductions))\(cell(st.net))\(vatCells(st.vat))<td class=\"n\">\(payable.isZero ? "" : money(payable))</td></tr>\n"
    }
    // The totals row (合计).
    let sums = Self.totals(s)
    let vatSums = taxed ? (try? LineVAT.total(s.statements.compactMap(\.vat))) ?? nil : nil
    out +=
      "<tr class=\"total\"><td colspan=\"2\">\(t("total"))</td>\(sums.dropLast().map { $0.map(cell) ?? "<td class=\"n\"></td>" }.joined())\(vatCells(vatSums))<td class=\"n\">\(sums[3].map { $0.isZero ? "" : money($0) } ?? "")</td></tr>\n"
    out += "</tbody>\n</table>\n<h2>\(t("reconciliation"))</h2>\n<table>\n"
    let r = s.reconciliation
    for (key, v) in [
      ("pools", r.pools), ("allocated", r.allocated), ("reserved", r.reserved),
      ("unallocated", r.unallocated), ("residual", r.residual),
    ] {
      out += "<tr><td>\(t(key))</td><td class=\"n\">\(money(v))</td></tr>\n"
    }
    if let x = r.vat {
      for (label, amount) in [
        (v.output, x.output), (v.onParties, x.onParties), (v.retained, x.retained),
      ] {
        out += "<tr><td>\(escape(label))</td><td class=\"n\">\(money(amount))</td></tr>\n"
      }
    }
    out += "</table>\n<h2>\(t("inputs"))</h2>\n<table>\n"
    for i in s.inputs {
      out += "<tr><td>\(escape(i.path))</td><td class=\"digest\">\(i.blake2b256)</td></tr>\n"
    }
    out +=
      "</table>\n<div class=\"meta\">\(t("engine")): parkshare \(escape(s.engine))</div>\n</section>\n"
    // One page per party.
    for st in s.statements {
      out += "<section>\n<h1>\(t("title")) · \(escape(st.name))</h1>\n" + meta
      // A statement an amendment restates is recorded, not a preview: its corrections are the
      // difference statements that follow.
      let unnumbered = escape(Self.unnumbered(s, party: st.party, { label($0, lang) }))
      let identity =
        st.number.map {
          "<span>\(t("number")): \(StatementText.number($0))</span><span>\(t("issued")): \(escape(st.issued ?? ""))</span>"
        } ?? "<span>\(unnumbered)</span>"
      out +=
        "<div class=\"meta\">\(identity)<span>\(t("party")): \(escape(st.party))</span><span>\(t("role")): \(t(st.role))</span></div>\n"
      // Under VAT each line shows what the party invoices for it: excluding VAT, and VAT by
      // class; the amount is their sum.
      let lineTaxed = st.vat != nil
      let span = lineTaxed ? 6 : 4
      out +=
        "<table>\n<thead><tr><th class=\"k\">\(t("pool"))</th><th class=\"k\">\(t("kind"))</th><th>\(t("basis"))</th><th class=\"n\">\(t("rate"))</th>\(lineTaxed ? vatHead : "")<th class=\"n\">\(t("amount"))</th></tr></thead>\n"
      if st.lines.isEmpty {
        out += "<tr><td colspan=\"\(span + 1)\">\(t("nothing"))</td></tr>\n"
      }
      for l in st.lines {
        let vatCell =
          !lineTaxed
          ? ""
          : l.vat.map {
            cell($0.excluded)
              + "<td class=\"n\">\(escape(StatementText.vatCell($0, v, money)).replacingOccurrences(of: " + ", with: "<br>"))</td>"
          } ?? "<td class=\"n\"></td><td class=\"n\"></td>"
        out +=
          "<tr><td class=\"k\">\(escape(l.pool))</td><td class=\"k\">\(t(l.kind.rawValue))</td><td>\(escape(w.basis(of: l)))<br><span class=\"small\">\(t("clause")): \(escape(l.clause.clause))</span></td><td class=\"n\">\(escape(w.rate(l.rate)))</td>\(vatCell)\(cell(l.amount))</tr>\n"
      }
      out +=
        "<tr class=\"total\"><td colspan=\"\(span)\">\(t("gross"))</td><td class=\"n\">\(money(st.gross))</td></tr>\n"
      out +=
        "<tr class=\"total\"><td colspan=\"\(span)\">\(t("deductions"))</td><td class=\"n\">\(money(st.deductions))</td></tr>\n"
      out +=
        "<tr class=\"total\"><td colspan=\"\(span)\">\(t("net"))</td>\(cell(st.net))</tr>\n"
      out += words(st.net, span: span + 1) + "</table>\n"
      if let x = st.vat {
        // What the party invoices, by tax class (the invoice list's rows for it).
        out +=
          "<h2>\(escape(v.invoice))</h2>\n<table>\n<thead><tr><th>\(escape(v.rate))</th><th class=\"n\">\(escape(v.excluded))</th><th class=\"n\">\(escape(v.tax))</th><th class=\"n\">\(escape(v.total))</th></tr></thead>\n"
        for part in x.parts {
          out +=
            "<tr><td>\(escape(v.rateText(part.rate)))</td>\(cell(part.excluded))\(cell(part.tax))\(cell(part.total))</tr>\n"
        }
        out +=
          "<tr class=\"total\"><td>\(t("total"))</td>\(cell(x.excluded))\(cell(x.tax))\(cell(st.net))</tr>\n</table>\n"
      }
      if !st.payable.isEmpty {
        out += "<h2>\(t("payable"))</h2>\n<table>\n"
        for p in st.payable {
          out +=
            "<tr><td>\(escape(p.subsidy))</td><td class=\"small\">\(escape(p.clause.clause))</td><td class=\"n\">\(money(p.amount))</td></tr>\n"
        }
        out += "</table>\n"
      }
      if !st.arrearsOwed.isZero {
        out += "<div class=\"meta\">\(t("arrears")): \(money(st.arrearsOwed))</div>\n"
      }
      out += pointsTable(st, w.labels.points)
      out += "</section>\n"
    }
    for d in s.issue?.differences ?? [] {
      out += "<section>\n<h1>\(t("differenceTitle")) · \(escape(d.name))</h1>\n" + meta
      out +=
        "<div class=\"meta\"><span>\(t("number")): \(StatementText.number(d.number))</span><span>\(t("issued")): \(escape(d.issued))</span><span>\(t("corrects")): \(d.amends.map(StatementText.number) ?? "-")</span><span>\(t("party")): \(escape(d.party))</span></div>\n"
      out += "<div class=\"meta\">\(t("reason")): \(escape(d.reason))</div>\n"
      out +=
        "<table>\n<thead><tr><th class=\"k\">\(t("pool"))</th><th class=\"k\">\(t("kind"))</th><th>\(t("clause"))</th><th class=\"n\">\(t("previous"))</th><th class=\"n\">\(t("now"))</th><th class=\"n\">\(t("difference"))</th></tr></thead>\n"
      for l in d.lines {
        out +=
          "<tr><td class=\"k\">\(escape(l.pool))</td><td class=\"k\">\(t(l.kind.rawValue))</td><td class=\"small\">\(escape(l.clause.clause))</td>\(cell(l.previous))\(cell(l.amount))\(cell(l.difference))</tr>\n"
      }
      out +=
        "<tr class=\"total\"><td colspan=\"3\">\(t("net"))</td>\(cell(d.previousNet))\(cell(d.net))\(cell(d.difference))</tr>\n"
      out += words(d.difference, span: 6) + "</table>\n"
      for p in d.vat ?? [] {
        let text = w.labels.vat.correction(
          w.labels.vat.rateText(p.rate), money(p.excluded), money(p.tax), money(p.total),
          p.total.isNegative)
        let neg = p.total.isNegative ? " neg" : ""
        out += "<div class=\"meta\(neg)\">\(escape(text))</div>\n"
      }
      out += "</section>\n"
    }
    return out + "</body>\n</html>\n"
  }

  static func escape(_ s: String) -> String {
    var out = ""
    out.reserveCapacity(s.utf8.count)
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }
}
