/// A pool of revenues and its ordered waterfall.
public struct Pool: Sendable, Encodable, Hashable {
  public var id: String
  public var sources: [String]
  public var steps: [PoolStep]
  @ClauseText public var clause: SourceRange
}

public struct PoolStep: Sendable, Encodable, Hashable {
  public enum Kind: Sendable, Encodable, Hashable {
    case pay(party: String, amount: StepAmount, arrears: Bool)
    case reserve(fund: String, amount: StepAmount)
    case rebate(share: StepAmount, group: String, metric: Formula)
    case split(Allocation)
    /// `party` is a party, or a group: on the sum of its members, or `each` member alone.
    case cap(party: String, amount: Formula, cumulative: Bool, each: Bool)
    case floor(party: String, amount: Formula, payer: String?)
  }

  public var kind: Kind
  public var from: Period?
  public var until: Period?
  /// Where the step is written: the lines it pays cite it.
  @ClauseText public var clause: SourceRange

  public init(kind: Kind, from: Period?, until: Period?, clause: SourceRange) {
    self.kind = kind
    self.from = from
    self.until = until
    self.clause = clause
  }

  /// A cap or a floor: it moves money among the parties the steps before it paid.
  public var isLimit: Bool {
    switch kind {
    case .cap, .floor: true
    default: false
    }
  }

  public var isCap: Bool {
    if case .cap = kind { true } else { false }
  }

  public func applies(to p: Period) -> Bool {
    (from.map { p.firstMonth >= $0.firstMonth } ?? true)
      && (until.map { p.lastMonth <= $0.lastMonth } ?? true)
  }
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
