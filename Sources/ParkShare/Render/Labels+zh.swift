extension Labels {
  /// Simplified Chinese in the register of a finance statement (结算单, 收益池, 余额).
  public static let zh = Labels(
    settlementTitle: { "\($0) \($1) 结算单（币种 \($2)，舍入规则 \($3)）" },
    preview: "预览：未记入账本，无结算单编号",
    issued: { "开具日期 \($0)" },
    amendmentIssued: { "更正开具日期 \($0)：\($1)" },
    ledgerRecord: { "账本记录 \($0)，记录摘要 \($1)" },
    contractChanged: {
      "合同文本自 \($0) 起变更（BLAKE2b-256 \($1) -> \($2)）：\($3)"
    },
    restatedAfter: { "因 \($0) 的更正（账本记录 \($1)）改变了本期期初状态而重述" },
    parametersSet: { "方案测算：本次运行设定的参数 \($0)" },
    parameterValue: { "\($0) = \($1)（合同：\($2)）" },
    summaryHeader: ["编号", "参与方", "名称", "应得", "扣减", "净额", "应付补贴"],
    differenceTitle: { "差额更正单 \($0)（\($1) \($2)），更正 \($3)：\($4)" },
    differenceBasis: { "原金额 \($0)，更正后 \($1)；\($2)" },
    nothingIssuedBefore: "此前未开具",
    differenceHeader: ["收益池", "类型", "原金额", "更正后", "差额", "合同条款"],
    net: "净额",
    reconciliation: "核对",
    pools: "收益池合计（收入与补贴）",
    allocated: "分配给各方",
    reserved: "计提基金",
    unallocated: "未分配",
    residual: "差额",
    arrearsBeforeAfter: "期初 / 期末欠付余额",
    fundBalance: { "基金 \($0) 余额" },
    pool: { "收益池 \($0)" },
    poolRounding: { "（本池按 \($0) 取整至 \($1) 位小数）" },
    condition: {
      "\($0 ? "如果" : "除非") \($1)：\($2) 对 \($3)，\($4 ? "成立" : "不成立")；该步骤\($5 ? "执行" : "不执行")"
    },
    kind: {
      switch $0 {
      case .pay: "支付"
      case .reserve: "计提"
      case .rebate: "返还"
      case .split: "分成"
      case .cap: "封顶扣减"
      case .capShare: "封顶再分配"
      case .floor: "保底补足"
      case .floorShare: "保底承担"
      case .loss: "亏损承担"
      case .recovery: "亏损弥补"
      case .clawback: "追回"
      case .redeem: "积分兑付"
      case .trueUp: "年度清算"
      case .trueUpShare: "年度清算分摊"
      case .broughtForward: "上期结转"
      }
    },
    arrears: { "欠付 \($0)：期初欠付 \($1) + 本期应付 \($2) - 本期已付 \($3) = 期末欠付 \($4)" },
    forgone: { "，放弃 \($0)（不计欠付）" },
    explainTitle: { "\($0) \($1)：\($3) 净额 \($2)（\($4)）" },
    exact: { "（精确值 \($0)）" },
    waterfall: { "分配顺序（→ 标出 \($0) 的分配行）" },
    step: { "\($0)：\($1)；\($2)" },
    exactPaid: { "精确值 \($0) -> 实付 \($1)" },
    fromPool: { "\($0) 自收益池 \($1) 所得：\($2)" },
    tookNothing: { "收益池 \($1) 按 \($2) 分配：\($0) 本期为 0，未分得" },
    paysSubsidy: { "支付补贴 \($0)：\($1)（不计入净额）" },
    netSum: { "净额 = 应得 \($0) + 扣减 \($1) = \($2)" },
    arrearsOwedAfter: { "\($1) 期末欠付 \($0)：\($2)" },
    reportTitle: { "\($0)：各参与方余额，\($1) 至 \($2)（\($3)）" },
    reportHeader: [
      "参与方", "名称", "结算期", "期初余额", "本期结算", "更正", "欠付", "期末余额", "结算单编号",
    ],
    page: pageZH,
    revenue: .zh,
    details: .zh,
    negotiation: .zh,
    journal: .zh,
    points: .zh,
    balances: .zh,
    dataCheck: .zh,
    vat: .zh,
    solve: .zh,
    variants: .zh,
    prove: .zh)
}
