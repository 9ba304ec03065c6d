/// The words around the numbers of the statement text, the explain tree and the report: each
/// is a phrase or a template taking text already written out (amounts, ids, periods), so a
/// language is one more instance (`Labels.en`, `Labels.zh`) and the renderers hold no words.
public struct Labels: Sendable {
  // The statement text's head.
  public var settlementTitle:
    @Sendable (_ contract: String, _ period: String, _ currency: String, _ rounding: String) ->
      String
  public var preview: String
  public var issued: @Sendable (_ date: String) -> String
  public var amendmentIssued: @Sendable (_ date: String, _ reason: String) -> String
  public var ledgerRecord: @Sendable (_ record: String, _ head: String) -> String
  public var contractChanged:
    @Sendable (_ since: String, _ previous: String, _ digest: String, _ reason: String) -> String
  /// A restatement: the amended period and the ledger record of its amendment.
  public var restatedAfter: @Sendable (_ period: String, _ record: String) -> String
  /// A variant: the parameters `--set` gave other values (`esco_share = 25% (contract: 30%)`).
  public var parametersSet: @Sendable (_ list: String) -> String
  public var parameterValue:
    @Sendable (_ name: String, _ value: String, _ declared: String) -> String
  /// no., party, name, gross, deductions, net, payable.
  public var summaryHeader: [String]
  // A difference statement of an amendment.
  public var differenceTitle:
    @Sendable (
      _ number: String, _ party: String, _ name: String, _ corrects: String,
      _ reason: String
    ) -> String
  /// A difference line's basis in CSV: the amounts before and after, and the reason.
  public var differenceBasis:
    @Sendable (_ previous: String, _ now: String, _ reason: String) -> String
  public var nothingIssuedBefore: String
  /// pool, kind, previous, now, difference, clause.
  public var differenceHeader: [String]
  public var net: String
  // The reconciliation.
  public var reconciliation: String
  public var pools: String
  public var allocated: String
  public var reserved: String
  public var unallocated: String
  public var residual: String
  public var arrearsBeforeAfter: String
  public var fundBalance: @Sendable (_ fund: String) -> String
  /// A pool's heading (`pool energy`).
  public var pool: @Sendable (_ pool: String) -> String
  /// After a pool's total, when the pool rounds its own way (`rounding down decimals 0`).
  public var poolRounding: @Sendable (_ mode: String, _ decimals: Int) -> String
  /// A step's condition this period: `if` or `unless`, the comparison, its two sides' values,
  /// whether it held and whether the step was taken.
  public var condition:
    @Sendable (
      _ when: Bool, _ condition: String, _ left: String, _ right: String, _ holds: Bool,
      _ taken: Bool
    ) -> String
  /// A line's kind: pay, reserve, rebate, split, cap, cap-share, floor, floor-share.
  public var kind: @Sendable (_ kind: AllocationLine.Kind) -> String
  public var arrears:
    @Sendable (_ party: String, _ owed: String, _ due: String, _ paid: String, _ closing: String)
      -> String
  public var forgone: @Sendable (_ amount: String) -> String
  // The explain tree.
  public var explainTitle:
    @Sendable (
      _ party: String, _ name: String, _ net: String, _ period: String,
      _ contract: String
    ) -> String
  public var exact: @Sendable (_ amount: String) -> String
  public var waterfall: @Sendable (_ party: String) -> String
  /// A waterfall step: the recipient with its rate, the basis, the exact and paid amounts.
  public var step: @Sendable (_ head: String, _ basis: String, _ paid: String) -> String
  public var exactPaid: @Sendable (_ exact: String, _ paid: String) -> String
  public var fromPool: @Sendable (_ party: String, _ pool: String, _ amount: String) -> String
  /// A party a pool's split or rebate by a per-member value passed over: its value was 0.
  public var tookNothing: @Sendable (_ party: String, _ pool: String, _ metric: String) -> String
  public var paysSubsidy: @Sendable (_ subsidy: String, _ amount: String) -> String
  public var netSum: @Sendable (_ gross: String, _ deductions: String, _ net: String) -> String
  public var arrearsOwedAfter:
    @Sendable (_ party: String, _ period: String, _ amount: String) -> String
  // The report.
  public var reportTitle:
    @Sendable (_ contract: String, _ from: String, _ to: String, _ currency: String) -> String
  /// party, name, period, opening, settled, amendments, arrears, closing, statements.
  public var reportHeader: [String]
  /// The printable HTML statements' labels, by key (`Labels+Page`).
  public var page: [String: String]
  /// `revenue` as text.
  public var revenue: RevenueLabels
  /// The details under each computed value (`revenue`, `explain`).
  public var details: DetailLabels
  /// simulate, sensitivity, compare and fairness.
  public var negotiation: NegotiationLabels
  /// `journal`: its heading and narrations.
  public var journal: JournalLabels
  /// Green points movements (statement and `explain`).
  public var points: PointsLabels = .en
  /// `report`: balances, payments and open statements as of a date.
  public var balances: BalanceLabels = .en
  /// `data check`: its title and table.
  public var dataCheck: DataCheckLabels = .en
  /// VAT in statements and the invoice list.
  public var vat: VATLabels = .en
  /// `solve` (goal-seek).
  public var solve: SolveLabels = .en
  /// `compare A B --scenario S`.
  public var variants: VariantLabels = .en
  /// `prove`: promises tested over input ranges.
  public var prove: ProveLabels = .en
}
