/// A pool of revenues and its ordered waterfall.
public struct Pool: Sendable, Encodable, Hashable {
  public var id: String
  public var sources: [String]
  public var steps: [PoolStep]
  @ClauseText public var clause: SourceRange
  /// The pool's own rounding (`pool p = a rounding down decimals 0`); nil rounds with the
  /// contract's currency (and the contract's JSON is as before).
  public var rounding: PoolRounding? = nil
  /// `shared gross` / `shared net`: whether the steps work on amounts including VAT or not;
  /// nil in a contract without VAT.
  public var sharing: VATSharing? = nil
}

/// How a pool rounds its lines: its mode and its minor unit, at most the currency's decimals (a
/// pool rounded to the yuan pays amounts with 0 fen, still written with the currency's decimals).
public struct PoolRounding: Sendable, Codable, Hashable {
  public var mode: RoundingMode
  public var decimals: Int
}

public struct PoolStep: Sendable, Encodable, Hashable {
  public enum Kind: Sendable, Encodable, Hashable {
    case pay(party: String, amount: StepAmount, arrears: Bool)
    case reserve(fund: String, amount: StepAmount)
    case rebate(share: StepAmount, group: String, metric: Formula)
    case split(Allocation)
    /// `party` is a party, or a group: on the sum of its members, or `each` member alone.
    case cap(party: String, amount: Formula, span: CapSpan, each: Bool)
    case floor(party: String, amount: Formula, payer: String?)
    /// Who bears the pool when its total is negative; not a step of a positive period (except
    /// that a deficit carried in a fund is recovered first, before every other step).
    case loss(LossRule)
    /// Takes `amount` back from `party` into the pool: a negative line for the party, and more
    /// for the steps after it to pay out.
    case clawback(party: String, amount: Formula)
    /// Pays each member of `group` for the points of `points` in its balance at `price` a
    /// point, within the caps; the points paid for leave the balance, oldest first.
    case redeem(Redemption)
    /// A floor per year, or a cap or floor per year with a year-end true-up (Allocator+Annual).
    case annual(AnnualTerm)
  }

  public var kind: Kind
  public var from: Period?
  public var until: Period?
  /// Where the step is written: the lines it pays cite it.
  @ClauseText public var clause: SourceRange
  /// `if CONDITION` / `unless CONDITION`: in a period where it does not hold, the step takes
  /// nothing and the steps after it work on what the steps before it left.
  public var condition: StepCondition?
  /// `from 2029-02-01`, `until 2029-01-31`: a day that cuts a period (`from` and `until` are
  /// then the periods containing it). Nil for whole-period dates (and not in the contract's
  /// JSON, so contracts without day dates keep their bytes).
  public var fromDay: CalendarDay? = nil
  public var untilDay: CalendarDay? = nil
  /// A split by a metric or column paid per unit (`truncated to 4 decimals per 10 units`);
  /// nil for every other step (and not in the contract's JSON).
  public var perUnit: PerUnit? = nil

  public init(
    kind: Kind, from: Period?, until: Period?, clause: SourceRange,
    condition: StepCondition? = nil, fromDay: CalendarDay? = nil, untilDay: CalendarDay? = nil,
    perUnit: PerUnit? = nil
  ) {
    self.kind = kind
    self.from = from
    self.until = until
    self.clause = clause
    self.condition = condition
    self.fromDay = fromDay
    self.untilDay = untilDay
    self.perUnit = perUnit
  }

  /// A cap or a floor: it moves money among the parties the steps before it paid.
  public var isLimit: Bool {
    switch kind {
    case .cap, .floor, .annual: true
    default: false
    }
  }

  public var isCap: Bool {
    if case .cap = kind { true } else { false }
  }

  /// Whether the step applies in `p`, for all of it or (cut by a day) for part of it.
  public func applies(to p: Period) -> Bool {
    (from.map { p.firstMonth >= $0.firstMonth } ?? true)
      && (until.map { p.lastMonth <= $0.lastMonth } ?? true)
  }

  /// Whether the step applies in a sub-period of `p` that no day of the step cuts.
  public func applies(to p: Period, in sub: SubPeriod) -> Bool {
    applies(to: p) && (fromDay.map { sub.first >= $0 } ?? true)
      && (untilDay.map { sub.last <= $0 } ?? true)
  }

  /// The days inside `p` (not its first) where this step starts or stops applying: a new
  /// sub-period begins on each.
  public func cuts(in p: Period) -> [CalendarDay] {
    let (first, last) = (CalendarDay.first(of: p), CalendarDay.last(of: p))
    var out: [CalendarDay] = []
    if let d = fromDay, d > first, d <= last { out.append(d) }
    if let u = untilDay, u >= first, u < last { out.append(CalendarDay(number: u.number + 1)) }
    return out
  }
}

extension Pool {
  /// `p` cut into sub-periods at every day a step of the pool starts or stops, and at the days
  /// `also` gives (where a party it pays joins or leaves); nil when no day cuts it (the period
  /// is settled whole, as before day dates existed).
  public func subPeriods(of p: Period, also: [CalendarDay] = []) -> [SubPeriod]? {
    let cuts = Set(steps.flatMap { $0.cuts(in: p) } + also).sorted()
    guard !cuts.isEmpty else { return nil }
    let (first, last) = (CalendarDay.first(of: p), CalendarDay.last(of: p))
    let total = last.number - first.number + 1
    var out: [SubPeriod] = []
    var start = first
    for c in cuts {
      out.append(
        SubPeriod(first: start, last: CalendarDay(number: c.number - 1), periodDays: total))
      start = c
    }
    out.append(SubPeriod(first: start, last: last, periodDays: total))
    return out
  }
}

/// `redeem green_points at 2 CNY per point to tenants cap 5,000 CNY each, 50,000 CNY in all`.
public struct Redemption: Sendable, Encodable, Hashable {
  /// The points scheme (it carries over) and its group.
  public var points: String
  public var group: String
  /// Money a point (a formula in the currency, evaluated each period).
  public var price: Formula
  /// The most one member is paid a period, and the most the step pays in all a period.
  public var each: Formula?
  public var all: Formula?
}

/// A distribution per unit, as a REIT pays its holders (`split unitholders by units truncated
/// to 4 decimals per 10 units, rest carried to undistributed`): the rate per `per` units is the
/// remainder over the units, cut down to `decimals`; each party is paid its units x the rate
/// cut down to the pool's minor unit; what that leaves stays in the pool for the steps after,
/// or with `carry` is kept in that fund and brought back into the pool's next period first.
public struct PerUnit: Sendable, Encodable, Hashable {
  public var decimals: Int
  public var per: Exact
  public var carry: String?
}

/// How a negative pool is borne: by fixed shares or stakes (each party's line negative), by one
/// party, or carried in a fund as a deficit the next positive periods recover before anything
/// else.
public enum LossRule: Sendable, Encodable, Hashable {
  case split(Allocation)
  case charged(party: String)
  case carried(fund: String)
}

public enum StepAmount: Sendable, Encodable, Hashable {
  case ofPool(share: Exact)
  case ofRemainder(share: Exact)
  case amount(formula: Formula)
}

public enum Allocation: Sendable, Encodable, Hashable {
  case fixed(shares: [Share])
  /// Pro rata by a per-party metric; `stake` uses declared capital.
  case metric(parties: [String], metric: Formula)
  case tiered(tiers: [Tier])
  case steps(kpi: Formula, rows: [Tier])
}

public struct Share: Sendable, Encodable, Hashable {
  public var party: String
  public var share: Exact
}

/// `[lower, upper)`; nil bounds are open.
public struct Tier: Sendable, Encodable, Hashable {
  public var lower: Exact?
  public var upper: Exact?
  public var shares: [Share]
  @ClauseText public var clause: SourceRange
}

/// A step's `if` or `unless`: a comparison evaluated each period.
public struct StepCondition: Sendable, Encodable, Hashable {
  public var formula: Formula
  /// True for `if` (the step applies when the comparison holds), false for `unless`.
  public var when: Bool

  public init(formula: Formula, when: Bool) {
    self.formula = formula
    self.when = when
  }

  /// As the contract's JSON shows it: `if a >= b` or `unless a >= b`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode((when ? "if " : "unless ") + formula.description)
  }
}

/// What a cap limits: each period's take, the calendar year's (year to date: what the party
/// received from the pool earlier in the year counts), or the whole term's.
public enum CapSpan: String, Sendable, Encodable, Hashable {
  case period, year, term
}
