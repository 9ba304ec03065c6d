/// The words of `compare A B --scenario S`: two variants over the projected term.
public struct VariantLabels: Sendable {
  public var title:
    @Sendable (
      _ a: String, _ b: String, _ from: String, _ to: String, _ currency: String, _ rate: String
    ) -> String
  /// party, name, figure, A, B, B - A.
  public var header: [String]
  public var total: String
  public var npv: String
  public var irr: String
  public var payback: String
  public var years: @Sendable (_ n: String) -> String
  public var byYear: String
  /// `--year Y`: the heading of the clause-by-clause comparison of that year.
  public var clausesIn: @Sendable (_ year: String) -> String
  /// simulate: a party's own costs by year (scenario `costs`): the heading and the row names
  /// (loan drawn, debt service, of which interest, O&M, depreciation, tax).
  public var costs: @Sendable (_ party: String) -> String
  public var costRows: [String]
  /// Sensitivity: parameters the contract would not take moved, with why.
  public var notMoved: @Sendable (_ list: String) -> String

  public static let en = VariantLabels(
    title: {
      "compare over the term: A \($0) with B \($1), \($2) to \($3), \($4), discounted at \($5) a year"
    },
    header: ["party", "name", "figure", "A", "B", "B - A"], total: "received", npv: "NPV",
    irr: "IRR", payback: "payback", years: { "\($0) years" },
    byYear: "received by year (A / B / B - A)",
    clausesIn: { "\($0), clause by clause (the year's projected periods settled under A and B):" },
    costs: { "\($0)'s own costs by year (in its cash flow)" },
    costRows: [
      "loan drawn", "debt service", "of which interest", "O&M", "depreciation", "income tax",
    ],
    notMoved: { "parameters not moved (the contract refuses the moved value): \($0)" })

  public static let zh = VariantLabels(
    title: { "全期比较：方案 A \($0) 与方案 B \($1)，\($2) 至 \($3)，\($4)，年折现率 \($5)" },
    header: ["参与方", "名称", "指标", "A", "B", "B - A"], total: "累计收入", npv: "净现值",
    irr: "内部收益率", payback: "回收期", years: { "\($0) 年" },
    byYear: "逐年收入（A / B / B - A）",
    clausesIn: { "\($0) 年逐条比较（该年各预测期分别按 A、B 结算）：" },
    costs: { "\($0) 自身的逐年成本（已计入其现金流）" },
    costRows: ["借款到账", "还本付息", "其中利息", "运维费用", "折旧", "所得税"],
    notMoved: { "未调整的参数（合同不接受调整后的取值）：\($0)" })
}
