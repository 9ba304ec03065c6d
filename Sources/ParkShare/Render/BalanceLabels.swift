/// The words of the balances and open statements `report` shows once a ledger records
/// payments (`ReportText+Balances`).
public struct BalanceLabels: Sendable {
  public var title: @Sendable (_ asOf: String, _ currency: String) -> String
  public var header: [String]
  public var openTitle: @Sendable (_ asOf: String) -> String
  public var openHeader: [String]

  public static let en = BalanceLabels(
    title: {
      "balances as of \($0) (\($1)): closing = opening + settled + amended - paid + received - written off"
    },
    header: [
      "party", "name", "opening", "settled", "amended", "paid", "received", "written off",
      "closing",
    ],
    openTitle: { "open statements as of \($0), oldest first (payments settle the oldest first)" },
    openHeader: ["party", "name", "statement", "period", "issued", "amount", "open", "days"])

  public static let zh = BalanceLabels(
    title: { "截至 \($0) 的余额（\($1)）：期末 = 期初 + 结算 + 更正 - 付款 + 收款 - 核销" },
    header: ["参与方", "名称", "期初", "结算", "更正", "付款", "收款", "核销", "期末"],
    openTitle: { "截至 \($0) 未结清的结算单，按时间先后（付款先冲销最早的结算单）" },
    openHeader: ["参与方", "名称", "结算单", "期间", "开具日期", "金额", "未结", "天数"])
}
