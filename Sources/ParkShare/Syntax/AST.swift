/// The syntax tree of one contract file: declarations as written, each with its source range.
/// Names are not resolved here; `Checker` turns this into a `Contract`.
public struct ContractFile: Sendable {
  public var path: String
  public var declarations: [Declaration]
  /// The first word of every top-level line, parsed or not (so a broken `settle` line is not
  /// also reported as missing).
  public var keywords: Set<String> = []
  /// Names declared on lines that failed to parse: uses of them are not reported again.
  public var brokenNames: Set<String> = []
  /// The `param` lines, with the values this run uses (`Parameters`).
  public var parameters: [ContractParameter] = []
  /// Lines that use a parameter `--set` gave another value, with its names.
  public var setUses: [Int: [String]] = [:]
}

/// A name as written, and where.
public struct Name: Sendable, Hashable {
  public var text: String
  public var range: SourceRange
}

/// A period as written (`2026Q1`, or a bare year where a year is meant).
public struct PeriodRef: Sendable, Hashable {
  public var period: Period
  public var range: SourceRange
  /// A day written where a step's dates allow one (`from 2029-02-01`); `period` is then its
  /// month.
  public var day: CalendarDay? = nil
}

/// A literal percentage or number as written, with its exact value (`15%` has value 0.15).
public struct Literal: Sendable, Hashable {
  public var value: Exact
  public var text: String
  public var range: SourceRange
}

/// `from 2028Q1`, `until 2031Q4` (or a day on a pool step, `from 2029-02-01`): when a pool
/// step or a term applies.
public struct Effective: Sendable, Hashable {
  public var from: PeriodRef?
  public var until: PeriodRef?

  public static let always = Effective(from: nil, until: nil)
}

/// One top-level declaration and the indented lines that belong to it.
public struct Declaration: Sendable {
  public enum Kind: Sendable {
    case contract(id: Name, title: String?)
    case version(Literal)
    case currency(code: Name, rounding: Name?, decimals: Literal?)
    case settle(frequency: Name, from: PeriodRef, to: PeriodRef)
    /// `gaps zero up to 1%`: what missing meter intervals mean.
    case gaps(policy: Name, limit: Literal?)
    /// `estimate linear up to 4`: how short gaps in the readings are filled (VEE).
    case estimate(method: Name, limit: Literal?)
    case party(PartyDecl)
    case group(GroupDecl)
    case unit(Name)
    case input(InputDecl)
    case meter(MeterDecl)
    case tariff(TariffDecl)
    case definition(DefinitionDecl)
    case subsidy(SubsidyDecl)
    case points(PointsDecl)
    case pool(PoolDecl)
    /// `vat 13% included on a, b` / `vat exempt on c`.
    case vat(VATDecl)
    /// `param esco_share = 30%`: its value already stands in place of every use.
    case param(Name)
    /// `assert esco in energy <= 60% of energy`: a promise `prove` tests and `settle` checks.
    case assertion(AssertDecl)
  }

  public var kind: Kind
  /// The declaration's first line.
  public var range: SourceRange
}

/// `party esco "宁夏某能源服务公司" energy-service capital 2,000,000 CNY`
public struct PartyDecl: Sendable {
  public var id: Name
  public var displayName: String
  public var role: Name
  public var capital: Expr?
  /// `from 2029-02-01` / `until 2031-06-30`: when the party takes part in the deal.
  public var effective = Effective.always
}

/// `parties tenants from "tenants.csv" enterprise`
public struct GroupDecl: Sendable {
  public var id: Name
  public var file: String
  public var fileRange: SourceRange
  public var role: Name
}

/// `input gec_price CNY/cert by vintage`, `input consumption kWh per tenants monthly`,
/// `input spot_price CNY/kWh every 15 minutes`
public struct InputDecl: Sendable {
  /// `every 15 minutes` (or `hourly`): a price per interval, given in prices.csv.
  public struct Every: Sendable {
    public var minutes: Int
    public var range: SourceRange
  }

  public var id: Name
  public var unit: UnitExpr?
  public var per: Name?
  public var byVintage: Bool
  public var monthly: Bool
  public var every: Every? = nil
}

/// `meter pv_export on-grid-export`, `meter supply direct-supply per tenants`
public struct MeterDecl: Sendable {
  public var id: Name
  public var kind: Name
  public var per: Name?
}

/// A TOU tariff: bands by clock time, or a discount on another tariff.
public struct TariffDecl: Sendable {
  public struct Band: Sendable {
    public var name: Name
    public var price: Literal
    public var spans: [(from: Literal, to: Literal)]
    public var range: SourceRange
  }

  public var id: Name
  public var unit: UnitExpr?
  public var bands: [Band]
  /// `tariff direct = grid discount 10%`
  public var base: Name?
  public var discount: Literal?
  /// `tariff grid CNY/kWh from 2029-02-01`: a later version of tariff `id`, in force from that
  /// day; nil for the version in force from the start of the term.
  public var from: PeriodRef? = nil
}

/// `let`, `kpi` and `revenue` definitions: a name bound to a unit-checked expression.
public struct DefinitionDecl: Sendable {
  public typealias Kind = DefinitionKind
  public var kind: Kind
  public var id: Name
  public var expr: Expr
}

/// `subsidy storage = 0.30 CNY/kWh x storage_discharge paid by gov` and its phase-out rules.
public struct SubsidyDecl: Sendable {
  public var id: Name
  public var expr: Expr
  public var payer: Name?
  public var once: PeriodRef?
  public var rules: [PhaseRule]
}

/// How a subsidy phases out (退坡).
public enum PhaseRule: Sendable {
  /// `phase-out 2026 100%, 2027 75%, 2028 50%, 2029 0%`: a step table by year or period.
  case steps([(at: PeriodRef, factor: Literal)], range: SourceRange)
  /// `degression 1% per half-year from 2027H1`: compounding on the unrounded value.
  case degression(rate: Literal, every: Name, from: PeriodRef?, range: SourceRange)
  /// `reduce to 50% when market_revenue >= 1,000,000 CNY`
  case trigger(factor: Literal, condition: Expr, range: SourceRange)

  public var range: SourceRange {
    switch self {
    case .steps(_, let r), .degression(_, _, _, let r), .trigger(_, _, let r): r
    }
  }
}

/// `points green_points for tenants cap 100` and its rules.
public struct PointsDecl: Sendable {
  public enum Rule: Sendable {
    /// `2 per % green_share`, `1 per tCO2e reduction`
    case per(points: Literal, unit: UnitExpr, expr: Expr, range: SourceRange)
    /// `5 if reported_on_time`
    case bonus(points: Literal, condition: Expr, range: SourceRange)
  }

  public var id: Name
  public var group: Name
  public var cap: Literal?
  public var rules: [Rule]
  /// `carry over` (optionally `, expire after 4 quarters`), or a lone `expire after 4 quarters`.
  public var carry: Carry? = nil

  public struct Carry: Sendable {
    public var range: SourceRange
    /// The length written after `expire after` (`4 quarters`).
    public var expireAfter: Expr?
  }
}

/// `pool carbon = certificates + ccer` and its ordered waterfall.
public struct PoolDecl: Sendable {
  public var id: Name
  public var sources: [Name]
  public var steps: [Step]
  /// Steps that failed to parse (already reported), so coverage is not judged without them.
  public var brokenSteps: Int
  /// `rounding MODE` and `decimals N` after the sources: the pool's own rounding.
  public var rounding: Name? = nil
  public var decimals: Literal? = nil
  /// `shared gross` / `shared net`: the word after `shared`.
  public var sharing: Name? = nil
}

/// `vat 13% included on direct_supply, arbitrage`: a rate (none when `exempt`), the word that
/// says how the revenues' amounts hold the tax, and the revenues and subsidies it applies to.
public struct VATDecl: Sendable {
  public var rate: Literal?
  public var kind: Name
  public var names: [Name]
}

/// `assert PARTY [in POOL] OP BOUND` or `assert PARTY [in POOL] never falls|rises when INPUT
/// rises`: what one side was promised, as written.
public struct AssertDecl: Sendable {
  public var party: Name
  public var pool: Name?
  public var check: Check

  public enum Check: Sendable {
    /// `<= 60% of energy`, `>= 0`, `< 1,000,000 CNY`: the operator as written, then an amount
    /// (with its unit, if written) or a percentage of a pool (nil: the subject's pool).
    case bound(op: Token, amount: Literal?, unit: UnitExpr?, share: Literal?, of: Name?)
    /// `never falls when ccer_price rises`: `falls` or `rises`, and the input.
    case monotone(direction: Name, input: Name)
  }
}
