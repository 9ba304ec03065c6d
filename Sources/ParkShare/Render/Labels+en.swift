extension Labels {
  public static let en = Labels(
    settlementTitle: { "\($0) \($1): settlement (\($2), rounding \($3))" },
    preview: "preview: not recorded in a ledger, no statement numbers",
    issued: { "issued \($0)" },
    amendmentIssued: { "amendment issued \($0): \($1)" },
    ledgerRecord: { "ledger record \($0), head \($1)" },
    contractChanged: {
      "contract text changed since \($0) (BLAKE2b-256 \($1) -> \($2)): \($3)"
    },
    restatedAfter: {
      "restated because the amendment of \($0) (ledger record \($1)) changed the state this period opens with"
    },
    parametersSet: { "a variant: parameters set for this run, \($0)" },
    parameterValue: { "\($0) = \($1) (the contract: \($2))" },
    summaryHeader: ["no.", "party", "name", "gross", "deductions", "net", "payable"],
    differenceTitle: { "difference statement \($0) for \($1) \($2), correcting \($3): \($4)" },
    differenceBasis: { "previous \($0), now \($1); \($2)" },
    nothingIssuedBefore: "nothing issued before",
    differenceHeader: ["pool", "kind", "previous", "now", "difference", "clause"],
    net: "net",
    reconciliation: "reconciliation",
    pools: "pools (revenues and subsidies)",
    allocated: "paid to parties",
    reserved: "reserved into funds",
    unallocated: "unallocated",
    residual: "residual",
    arrearsBeforeAfter: "arrears owed before / after",
    fundBalance: { "fund \($0) balance" },
    pool: { "pool \($0)" },
    poolRounding: { " (the pool rounds \($0) to \($1) decimals)" },
    condition: {
      "\($0 ? "if" : "unless") \($1): \($2) against \($3), \($4 ? "holds" : "does not hold"); the step is \($5 ? "taken" : "not taken")"
    },
    kind: { $0.rawValue },
    arrears: { "arrears \($0): owed \($1) + due \($2) - paid \($3) = \($4)" },
    forgone: { ", forgone \($0) (without arrears)" },
    explainTitle: { "\($0) \($1): net \($2) in \($3) (\($4))" },
    exact: { " (exact \($0))" },
    waterfall: { "waterfall (→ marks \($0)'s lines)" },
    step: { "\($0): \($1); \($2)" },
    exactPaid: { "exact \($0) -> paid \($1)" },
    fromPool: { "\($0) from \($1): \($2)" },
    tookNothing: { "pool \($1) divides by \($2): \($0)'s is 0 this period, so it takes nothing" },
    paysSubsidy: { "pays subsidy \($0): \($1) (not part of net)" },
    netSum: { "net = gross \($0) + deductions \($1) = \($2)" },
    arrearsOwedAfter: { "arrears owed to \($0) after \($1): \($2)" },
    reportTitle: { "\($0): balances owed to each party, \($1) to \($2) (\($3))" },
    reportHeader: [
      "party", "name", "period", "opening", "settled", "amendments", "arrears", "closing",
      "statements",
    ],
    page: pageEN,
    revenue: .en,
    details: .en,
    negotiation: .en,
    journal: .en)
}
