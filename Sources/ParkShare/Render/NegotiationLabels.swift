/// The words around the numbers of `simulate`, `sensitivity`, `compare` and `fairness` as text:
/// a part of the catalogue (`Labels.negotiation`), one instance per language.
public struct NegotiationLabels: Sendable {
  // simulate
  public var projectionTitle:
    @Sendable (
      _ contract: String, _ from: String, _ to: String, _ periods: String,
      _ currency: String, _ rate: String
    ) -> String
  /// party, name, received, invested, NPV, IRR, payback, value share, investment share.
  public var projectionHeader: [String]
  public var years: @Sendable (_ years: String) -> String
  public var cashFlow: String
  public var party: String
  public var monteCarlo: @Sendable (_ runs: String, _ seed: String) -> String
  /// party, NPV P10, NPV P50, NPV P90, IRR P10, IRR P50, IRR P90.
  public var monteCarloHeader: [String]
  // sensitivity
  public var sensitivityTitle:
    @Sendable (_ contract: String, _ change: String, _ currency: String) -> String
  public var partyNPV: @Sendable (_ party: String, _ npv: String) -> String
  /// input, lowered, raised, swing.
  public var sensitivityHeader: [String]
  // compare
  public var compareTitle:
    @Sendable (
      _ a: String, _ fileA: String, _ b: String, _ fileB: String, _ periods: String,
      _ currency: String
    ) -> String
  public var periodRange: @Sendable (_ from: String, _ to: String) -> String
  /// party, name, A, B, B - A.
  public var compareHeader: [String]
  public var byClause: String
  public var byPeriod: String
  // fairness
  public var fairnessTitle:
    @Sendable (_ contract: String, _ period: String, _ currency: String) -> String
  public var assetsValue: @Sendable (_ total: String) -> String
  /// party, name, capital, share, received, share, Shapley, share, losses borne, arrears owed.
  public var fairnessHeader: [String]
  public var shapleyNote: String
}

extension NegotiationLabels {
  public static let en = NegotiationLabels(
    projectionTitle: {
      "\($0): projection \($1) to \($2) (\($3) periods, \($4), discount rate \($5) a year)"
    },
    projectionHeader: [
      "party", "name", "received", "invested", "NPV", "IRR", "payback", "value share",
      "investment share",
    ],
    years: { "\($0) y" },
    cashFlow: "cash flow by year (received - invested):",
    party: "party",
    monteCarlo: { "Monte Carlo: \($0) runs, seed \($1)" },
    monteCarloHeader: ["party", "NPV P10", "NPV P50", "NPV P90", "IRR P10", "IRR P50", "IRR P90"],
    sensitivityTitle: {
      "\($0): sensitivity of each party's NPV to each input moved by -/+\($1) (\($2))"
    },
    partyNPV: { "\($0): NPV \($1)" },
    sensitivityHeader: ["input", "lowered", "raised", "swing"],
    compareTitle: { "compare \($0) (A: \($1)) with \($2) (B: \($3)), \($4), \($5)" },
    periodRange: { "\($0) to \($1)" },
    compareHeader: ["party", "name", "A", "B", "B - A"],
    byClause: "by clause (pool and step; the rows of a party add up to its B - A):",
    byPeriod: "by period (B - A of each party's net):",
    fairnessTitle: { "\($0) \($1): what each party brings and gets (\($2))" },
    assetsValue: { "value of all assets together: \($0)" },
    fairnessHeader: [
      "party", "name", "capital", "share", "received", "share", "Shapley", "share",
      "losses borne", "arrears owed",
    ],
    shapleyNote:
      "Shapley: each party's average marginal contribution over every order in which the parties could bring their assets; a revenue counts for a coalition when every party it needs is in it."
  )

  /// Simplified Chinese as an investment memo words it: 净现值, 内部收益率, 回收期.
  public static let zh = NegotiationLabels(
    projectionTitle: { "\($0)：\($1) 至 \($2) 收益预测（\($3) 个结算期，\($4)，年折现率 \($5)）" },
    projectionHeader: [
      "参与方", "名称", "累计收益", "投资", "净现值", "内部收益率", "回收期", "收益占比", "投资占比",
    ],
    years: { "\($0) 年" },
    cashFlow: "逐年现金流（收益 - 投资）：",
    party: "参与方",
    monteCarlo: { "蒙特卡洛模拟：\($0) 次，随机种子 \($1)" },
    monteCarloHeader: [
      "参与方", "净现值 P10", "净现值 P50", "净现值 P90", "内部收益率 P10", "内部收益率 P50",
      "内部收益率 P90",
    ],
    sensitivityTitle: { "\($0)：各输入变动 -/+\($1) 时各参与方净现值的敏感性（\($2)）" },
    partyNPV: { "\($0)：净现值 \($1)" },
    sensitivityHeader: ["输入", "下调", "上调", "变动幅度"],
    compareTitle: { "比较 \($0)（A：\($1)）与 \($2)（B：\($3)），\($4)，\($5)" },
    periodRange: { "\($0) 至 \($1)" },
    compareHeader: ["参与方", "名称", "A", "B", "B - A"],
    byClause: "按条款（收益池与分配步骤；各参与方的行合计为其 B - A）：",
    byPeriod: "按结算期（各参与方净额的 B - A）：",
    fairnessTitle: { "\($0) \($1)：各参与方的投入与所得（\($2)）" },
    assetsValue: { "全部资产合计价值：\($0)" },
    fairnessHeader: [
      "参与方", "名称", "出资", "占比", "所得", "占比", "沙普利值", "占比", "承担损失", "欠付余额",
    ],
    shapleyNote:
      "沙普利值：各参与方在所有可能的资产投入顺序下的平均边际贡献；一项收益仅在其所需的各参与方均在联盟内时计入该联盟。"
  )
}
