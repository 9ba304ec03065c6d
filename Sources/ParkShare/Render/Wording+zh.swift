extension Wording {
  /// Simplified Chinese, as a finance statement words a calculation: 收益池, 余额, 上限, 下限.
  public static let zh = Wording(
    pool: { "收益池总额 \($0)" },
    remainder: { "余额 \($0)" },
    fixed: "固定金额",
    withArrears: { "\($0)；含上期结转欠付 \($1)" },
    prorated: { "\($0)；按天折算 \($1)/\($2) 天" },
    metered: { "\($0)；按 \($1)..\($2) 计量读数" },
    inSubPeriod: { "\($1) 期间：\($0)" },
    byMetric: { "\($0) 按 \($1) 分配：\($2) / \($3)" },
    byUnits: {
      "\($0) 按 \($1) 分配，每 \($6) 份 \($4) \($5)（截位至 \($7) 位小数）：持有 \($2) / 共 \($3)，应得 \($8)，截位"
    },
    tier: { $1.isEmpty ? "阶梯 \($0) 以上 \($2)：\($3)" : "阶梯 \($0)-\($1) \($2)：\($3)" },
    kpiRow: { "\($0)；\($1) = \($2)：\($3)（\($4)）" },
    kpiCrossing: { "\($1) 中的 \($0)；\($2) 由 \($3) 至 \($4)：\($5)（\($6)）" },
    rowBelow: { "低于 \($0)" },
    rowBetween: { "\($0) 至 \($1)" },
    rowFrom: { "\($0) 及以上" },
    rowAny: "任意值",
    capPerPeriod: { "每期上限 \($0)" },
    capOverTerm: { "合同期内上限 \($0)，此前已得 \($1)" },
    capPerYearToDate: { limit, share, received in
      "年度上限 \(limit)"
        + (share.map { "（\($0.year) 年合同期内 \($0.periods)/\($0.perYear) 期：\($0.share)）" } ?? "")
        + "，本年此前已得 \(received)"
    },
    capEachMember: { "\($0)（\($1) 每个成员）" },
    capOnGroup: { "\($0)（\($1) 合计）" },
    capCut: { "\($0)；应得 \($1)" },
    capFilled: { "\($0)；应得 \($1)，以其他方扣减额补足至上限" },
    floorFor: { "\($1) 下限 \($0)" },
    floorTopUp: { "\($0)；应得 \($1)" },
    capOf: { "\($0) 的\($1)" },
    drainedCause: { "\($0) 为保底让出的金额" },
    limitShare: { "\($0)：按分成比例承担 \($1)" },
    drained: { "所得全部用于保底，不低于零；应得 \($0)" },
    shortfall: { "\($0)：差额由 \($1) 支付" },
    capPerYear: { "\($1) 年度上限 \($0)" },
    floorPerYear: { "\($1) 年度保底 \($0)" },
    annualToDate: { "\($0)：截至本期应得 \($1)；本年此前已得 \($2)，其中保底补足 \($3)；本期应得 \($4)" },
    trueUp: { "年末清算，\($0)：全年应得 \($1)；本年此前已得 \($2)，本期应得 \($3)" },
    loss: { "亏损：收益池总额 \($0)" },
    deficit: { "上期结转亏损 \($0)" },
    fund: { "基金 \($0)" },
    labels: .zh)
}
