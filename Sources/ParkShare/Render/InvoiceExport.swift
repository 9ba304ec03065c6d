/// `parkshare settle --format invoices` (CSV) and `invoices-xlsx`: the invoice list of a period
/// under VAT (InvoiceList), one row per invoice and tax class; headers in English or Chinese.
public enum InvoiceExport {
  static let header = [
    "contract", "period", "type", "kind", "number", "party", "name", "pool", "source", "vat_rate",
    "amount_excl_vat", "vat", "total", "currency",
  ]
  static let headerZH = [
    "合同", "结算期", "类型", "发票类别", "结算单号", "参与方", "名称", "收益池", "收入项", "税率", "不含税金额", "税额",
    "价税合计", "币种",
  ]

  static func rows(_ s: Settlement) -> [[Workbook.Cell]] {
    let type =
      switch s.issue?.kind {
      case nil: "preview"
      case .initial: "initial"
      case .amendment: "restated"
      }
    return InvoiceList(s).rows.map { r in
      [
        .text(s.contract.id), .text(s.period.description), .text(type), .text(r.kind.rawValue),
        .text(r.number.map(Statement.numberText) ?? ""), .text(r.party), .text(r.name),
        .text(r.pool), .text(r.source), .text(r.rate), .number(r.excluded), .number(r.tax),
        .number(r.total), .text(s.currency),
      ]
    }
  }

  /// CSV: plain numbers with every minor-unit digit, a UTF-8 byte-order mark unless `bom` is
  /// false.
  public static func csv(_ s: Settlement, bom: Bool = true, language: Language = .en) -> String {
    let body = rows(s).map { row in
      row.map { cell -> String in
        switch cell {
        case .text(let t): t
        case .date(let d): d.description
        case .number(let n): StatementCSV.plain(n, s.decimals)
        }
      }
    }
    let head = language == .zh ? headerZH : header
    return (bom ? "\u{FEFF}" : "") + StatementCSV.table([head] + body, numbers: [10, 11, 12])
  }

  /// The workbook: what the file is (StatementWorkbook's About sheet), then the list.
  public static func workbook(_ s: Settlement, language: Language = .en) -> Workbook {
    func h(_ key: String) -> String { language == .zh ? (StatementWorkbook.zh[key] ?? key) : key }
    var book = Workbook(decimals: s.decimals)
    book.add(h("About"), header: [h("item"), h("value")], rows: StatementWorkbook.about(s, h))
    book.add(
      language == .zh ? "发票清单" : "Invoices", header: language == .zh ? headerZH : header,
      rows: rows(s))
    return book
  }
}
