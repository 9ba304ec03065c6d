/// `parkshare journal --format voucher` (CSV) and `voucher-xlsx`: one row per voucher line, the
/// columns of the generic voucher import templates of Chinese ledgers (docs/finance.md,
/// "Vouchers"); headers in English or Chinese, the summary (摘要) in the reader's language.
public enum VoucherExport {
  static let header = [
    "date", "type", "number", "summary", "code", "account", "name", "debit", "credit", "currency",
    "counterparty", "statement",
  ]
  static let headerZH = [
    "日期", "凭证字", "凭证号", "摘要", "科目编码", "科目全称", "科目名称", "借方金额", "贷方金额", "币种",
    "往来单位", "结算单号",
  ]
  /// The voucher kind: 记 (a general voucher, 记账凭证).
  static let kind = "记"

  static func rows(_ v: Vouchers, _ w: Wording) -> [[Workbook.Cell]] {
    v.vouchers.flatMap { voucher in
      voucher.lines.map { l in
        [
          .date(voucher.date), .text(kind), .number(Exact(voucher.number)),
          .text(w.labels.journal.narration(voucher.narration)), .text(l.code), .text(l.account),
          .text(l.name), .number(l.debit), .number(l.credit), .text(v.currency),
          .text(l.counterparty ?? ""), .text(l.statement.map(StatementText.number) ?? ""),
        ]
      }
    }
  }

  /// CSV: plain numbers (amounts with every minor-unit digit), a UTF-8 byte-order mark unless
  /// `bom` is false.
  public static func csv(_ v: Vouchers, decimals: Int, bom: Bool = true, language: Language = .en)
    -> String
  {
    let w = Wording.of(language)
    let body = rows(v, w).map { row in
      row.enumerated().map { i, cell -> String in
        switch cell {
        case .text(let t): t
        case .date(let d): d.description
        case .number(let n): i == 2 ? n.description : StatementCSV.plain(n, decimals)
        }
      }
    }
    let head = language == .zh ? headerZH : header
    return (bom ? "\u{FEFF}" : "") + StatementCSV.table([head] + body, numbers: [2, 7, 8])
  }

  public static func workbook(_ v: Vouchers, language: Language = .en) -> Workbook {
    var book = Workbook()
    book.add(
      language == .zh ? "记账凭证" : "Vouchers", header: language == .zh ? headerZH : header,
      rows: rows(v, .of(language)))
    return book
  }
}
