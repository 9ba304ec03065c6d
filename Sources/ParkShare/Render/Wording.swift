/// The words of the calculation lines in one language: each phrase is a template that takes
/// numbers already written out (`Wording+Lines` writes them, the same in every language). The
/// engine records values (`LineBasis`, `LineRate`); only this catalogue turns them into words,
/// so a language is one more instance, not a change to the engine.
public struct Wording: Sendable {
  /// A share of the pool's total (`pool 1,234.56 CNY`).
  public var pool: @Sendable (_ total: String) -> String
  /// What the steps before left.
  public var remainder: @Sendable (_ left: String) -> String
  /// A fixed amount.
  public var fixed: String
  /// A basis carried with the arrears an earlier period left owed.
  public var withArrears: @Sendable (_ basis: String, _ owed: String) -> String
  /// A whole period's basis taken for the days of a sub-period an effective date cut off.
  public var prorated: @Sendable (_ basis: String, _ days: String, _ periodDays: String) -> String
  public var metered: @Sendable (_ basis: String, _ first: String, _ last: String) -> String
  /// A line's basis with the sub-period it belongs to (a period cut by an effective date).
  public var inSubPeriod: @Sendable (_ basis: String, _ subPeriod: String) -> String
  /// A pro-rata share: the amount divided by a metric, the party's value of the total.
  public var byMetric:
    @Sendable (_ amount: String, _ metric: String, _ value: String, _ total: String) -> String
  /// A share paid per unit: the amount, the metric, the party's units of the total, the rate
  /// (with its currency, units and decimals) and what the units came to before the cut.
  public var byUnits:
    @Sendable (
      _ amount: String, _ metric: String, _ value: String, _ total: String, _ rate: String,
      _ currency: String, _ per: String, _ decimals: Int, _ owed: String
    ) -> String
  /// A marginal tier's band (its upper bound "" when open) and the part that falls in it.
  public var tier:
    @Sendable (_ lower: String, _ upper: String, _ currency: String, _ portion: String) -> String
  /// A KPI step table: the remainder, the KPI and its value, the row and its clause.
  public var kpiRow:
    @Sendable (_ remainder: String, _ kpi: String, _ value: String, _ row: String, _ clause: String)
      -> String
  /// A step-table row on a running total: the part of the remainder it takes, the remainder,
  /// the running total and where it went from and to during the part, the row and its clause.
  public var kpiCrossing:
    @Sendable (
      _ portion: String, _ remainder: String, _ kpi: String, _ from: String, _ to: String,
      _ row: String, _ clause: String
    ) -> String
  public var rowBelow: @Sendable (_ upper: String) -> String
  public var rowBetween: @Sendable (_ lower: String, _ upper: String) -> String
  public var rowFrom: @Sendable (_ lower: String) -> String
  public var rowAny: String
  /// A cap per period, or over the term with what was received before.
  public var capPerPeriod: @Sendable (_ limit: String) -> String
  public var capOverTerm: @Sendable (_ limit: String, _ received: String) -> String
  /// A cap per year with what was received this year before; in a year the term cuts, the
  /// year's share (its amount, the year's periods in the term of a year's, the year).
  public var capPerYearToDate:
    @Sendable (_ limit: String, _ share: CutYear?, _ received: String) -> String
  public var capEachMember: @Sendable (_ cap: String, _ group: String) -> String
  public var capOnGroup: @Sendable (_ cap: String, _ group: String) -> String
  /// A cap's cut of a party's take, or its fill up to the cap from the others' cuts.
  public var capCut: @Sendable (_ cap: String, _ take: String) -> String
  public var capFilled: @Sendable (_ cap: String, _ take: String) -> String
  /// A floor as written, and its top-up of its party.
  public var floorFor: @Sendable (_ minimum: String, _ party: String) -> String
  public var floorTopUp: @Sendable (_ floor: String, _ take: String) -> String
  /// Why a party's part of a limit's cut or top-up is moved, and the part.
  public var capOf: @Sendable (_ party: String, _ cap: String) -> String
  public var drainedCause: @Sendable (_ party: String) -> String
  public var limitShare: @Sendable (_ why: String, _ amount: String) -> String
  /// A party of the split that gives all it took toward the floors.
  public var drained: @Sendable (_ take: String) -> String
  /// A floor's shortfall, borne by its payer.
  public var shortfall: @Sendable (_ floor: String, _ payer: String) -> String
  /// An annual cap or floor as written; its line applied to the year to date (due to date,
  /// received this year before, of it top-ups, take) and its year-end true-up (due for the
  /// year, received this year before, take).
  public var capPerYear: @Sendable (_ amount: String, _ party: String) -> String
  public var floorPerYear: @Sendable (_ amount: String, _ party: String) -> String
  public var annualToDate:
    @Sendable (
      _ term: String, _ due: String, _ received: String, _ given: String, _ take: String
    ) -> String
  public var trueUp:
    @Sendable (_ term: String, _ due: String, _ received: String, _ take: String) -> String
  /// A negative pool borne by the loss rule, and a deficit recovered before the other steps.
  public var loss: @Sendable (_ total: String) -> String
  public var deficit: @Sendable (_ owed: String) -> String
  /// A reserve's recipient: the fund, by name.
  public var fund: @Sendable (_ name: String) -> String
  /// The words around the numbers of statements, explain trees and reports.
  public var labels: Labels
}

extension Wording {
  public static let en = Wording(
    pool: { "pool \($0)" },
    remainder: { "remainder \($0)" },
    fixed: "fixed",
    withArrears: { "\($0); arrears brought forward \($1)" },
    prorated: { "\($0); \($1)/\($2) days" },
    metered: { "\($0); as metered \($1)..\($2)" },
    inSubPeriod: { "\($1): \($0)" },
    byMetric: { "\($0) by \($1): \($2) of \($3)" },
    byUnits: {
      "\($0) by \($1): \($2) of \($3) at \($4) \($5) per \($6) (truncated to \($7) decimals) = \($8), truncated"
    },
    tier: { "tier \($0)-\($1) \($2): \($3)" },
    kpiRow: { "\($0); \($1) = \($2): \($3) (\($4))" },
    kpiCrossing: { "\($0) of \($1); \($2) from \($3) to \($4): \($5) (\($6))" },
    rowBelow: { "below \($0)" },
    rowBetween: { "from \($0) to \($1)" },
    rowFrom: { "from \($0)" },
    rowAny: "any value",
    capPerPeriod: { "cap \($0) per period" },
    capOverTerm: { "cap \($0) over the term, \($1) received before" },
    capPerYearToDate: { limit, share, received in
      "cap \(limit) per year"
        + (share.map {
          " (\($0.year): \($0.periods) of \($0.perYear) periods in the term, \($0.share))"
        }
          ?? "") + ", \(received) received this year before"
    },
    capEachMember: { "\($0) for each member of \($1)" },
    capOnGroup: { "\($0) on group \($1)" },
    capCut: { "\($0); take \($1)" },
    capFilled: { "\($0); take \($1), filled up to the cap from the others' cuts" },
    floorFor: { "floor \($0) for \($1)" },
    floorTopUp: { "\($0); take \($1)" },
    capOf: { "\($0)'s \($1)" },
    drainedCause: { "what \($0) gives toward the floors" },
    limitShare: { "\($0): \($1) by the split's shares" },
    drained: { "gives all it took toward the floors, never below zero; take \($0)" },
    shortfall: { "\($0): the shortfall, paid by \($1)" },
    capPerYear: { "cap \($0) per year for \($1)" },
    floorPerYear: { "floor \($0) per year for \($1)" },
    annualToDate: {
      "\($0): \($1) due to date; \($2) received this year before, \($3) of it top-ups; take \($4)"
    },
    trueUp: {
      "year-end true-up, \($0): \($1) for the year; \($2) received this year before, take \($3)"
    },
    loss: { "loss: pool \($0)" },
    deficit: { "deficit brought forward \($0)" },
    fund: { "fund:\($0)" },
    labels: .en)
}

/// A calendar year the term cuts, as a cap's or floor's line names it: the share of the annual
/// amount it holds (written), its periods in the term, a whole year's periods, the year.
public struct CutYear: Sendable {
  public var share: String
  public var periods: Int
  public var perYear: Int
  public var year: Int
}
