/// One step of a pool's waterfall, with the periods it applies to.
public struct Step: Sendable {
  public enum Kind: Sendable {
    /// `pay op 2% of pool`, `pay bank 120,000 CNY`, `pay esco 0.05 CNY/kWh x pv_gen`
    case pay(party: Name, amount: Amount, arrears: Bool)
    /// `reserve 5% to storage_fund`
    case reserve(fund: Name, amount: Amount)
    /// `rebate 15% to tenants by green_points`
    case rebate(share: Amount, group: Name, metric: Name)
    case split(Split)
    /// `cap esco 150% x esco_investment over term`
    /// `cap borrowers 50,000 CNY per period` (a group's sum); `cap each borrowers ...` (each member)
    case cap(party: Name, amount: Expr, span: CapSpan, each: Bool)
    /// `floor host 200,000 CNY paid by esco`
    case floor(party: Name, amount: Expr, payer: Name?)
    /// `floor host 800,000 CNY per year`, `cap esco 1,000,000 CNY per year with true-up`
    case annual(limit: AnnualTerm.Limit, party: Name, amount: Expr, payer: Name?, trueUp: Bool)
    /// `loss split gov 30%, op 70%`, `loss to esco`, `loss carried to deficit`: who bears a
    /// negative pool.
    case loss(Loss)
    /// `clawback esco received(esco, capex)`: takes an amount back from a party into the pool.
    case clawback(party: Name, amount: Expr)
    /// `redeem green_points at 2 CNY per point to tenants cap 5,000 CNY each, 50,000 CNY in all`
    case redeem(Redeem)
  }

  /// A redemption of carried points for money, with its caps per member and for the pool.
  public struct Redeem: Sendable {
    public var points: Name
    public var price: Expr
    public var group: Name
    public var each: Expr?
    public var all: Expr?
  }

  /// How a negative pool is borne.
  public enum Loss: Sendable {
    case split(Split)
    case to(Name)
    case carried(fund: Name)
  }

  public var kind: Kind
  public var effective: Effective
  public var keyword: Name
  public var range: SourceRange
  /// `if CONDITION` or `unless CONDITION` after the step.
  public var condition: Condition? = nil
  /// `truncated to 4 decimals per 10 units, rest carried to FUND` after a split by a metric
  /// or a registry column: a distribution per unit (a REIT's).
  public var perUnit: PerUnitSpec? = nil

  /// `if direct_green_ratio >= 50%`: `keyword` is `if` or `unless`.
  public struct Condition: Sendable {
    public var keyword: Name
    public var expr: Expr
  }
}

/// What a pay, reserve or rebate takes: a percentage of the pool or of what remains, or an
/// amount expression.
public enum Amount: Sendable {
  case percentOf(Literal, remainder: Bool)
  case expr(Expr)
}

/// `truncated to 4 decimals per 10 units, rest carried to undistributed`: the split pays a
/// rate per unit (per `per` units) cut down to `decimals`, each party its units x the rate cut
/// down to the minor unit; the rest stays in the pool, or is carried in `carry` to the pool's
/// next period.
public struct PerUnitSpec: Sendable {
  public var keyword: Name
  public var decimals: Literal
  public var per: Literal?
  public var carry: Name?
}

/// `party share` in a split list.
public struct ShareSpec: Sendable {
  public var party: Name
  public var share: Literal
}

/// How the remainder of a pool is split.
public enum Split: Sendable {
  /// `split gov 30%, op 40%, esco 30%`
  case fixed([ShareSpec])
  /// `split gov, op, esco by stake`, `split tenants by consumption`
  case metric(parties: [Name], metric: Name)
  /// `split unitholders by column units`: by a numeric column of the parties' registry, even
  /// where a contract name is spelled the same (a bare `by units` means the contract's name).
  case column(parties: [Name], column: Name)
  /// `split tiered` with rows: marginal tiers on the amount, like tax brackets.
  case tiered([TierRow])
  /// `split on intensity_cut` with rows: the row whose range holds the KPI applies to all.
  case steps(kpi: Name, rows: [TierRow])
}

/// `from 1,000,000 CNY to 3,000,000 CNY: esco 70%, host 30%`; `below 10%: ...`; `from 20%: ...`
public struct TierRow: Sendable {
  public var lower: Expr?
  public var upper: Expr?
  public var shares: [ShareSpec]
  public var range: SourceRange
  /// A row that failed to parse (reported): kept in place so the rows around it are not judged
  /// as if it were not there.
  public var broken = false
}
