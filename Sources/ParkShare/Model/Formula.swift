/// A checked expression: names resolved to what they are, literals converted to base units.
/// The revenue engine evaluates these; `Formula` never refers to source text.
public indirect enum Formula: Sendable, Hashable {
  case constant(Exact)
  case input(String)
  case meter(String)
  /// A `let`, `kpi`, `revenue`, `subsidy` or `points` definition, by id.
  case value(String)
  /// Σ over TOU bands of the meter's kWh in the band x the band's price.
  case tou(meter: String, tariff: String)
  /// Green certificates issued monthly: one per 1,000 kWh, remainders carried to the next month.
  case gec(Formula)
  /// A certificate inventory (`gec-sold(KWH, SALES)`, `gec-expired(...)`, `gec-held(...)`):
  /// certificates issued as `gec(KWH)` and held by production month, the sales of the input
  /// `sales` taken from them oldest first, those unsold 24 months after their production month
  /// written off; the view read, by vintage.
  case certificateStock(Formula, sales: String, view: CertificateView)
  /// Each month's largest demand, in kW, of meters added and subtracted interval by interval
  /// (`peak(grid + discharge - charge)`): the demand a two-part tariff bills (需量).
  case peak(Formula)
  /// Each month's energy of meters added and subtracted, valued interval by interval at an
  /// interval price series (`spot(discharge - charge, spot_price)`): Σ kWh x price over the
  /// month's intervals, the price of its interval (prices may be negative).
  case spot(Formula, price: String)
  /// Each demand-response event's verified reduction in kW of meters added and subtracted
  /// (`reduction(use, 5)`, `reduction(use, 5, 10)`): the baseline, the mean over the event's
  /// window of the latest `days` working days before it without events (or of the `top` of
  /// them with the most energy in the window), less the event day's load, averaged over the
  /// window (or, with `kWh`, in kWh over the window: `reduction-kwh`); 0 where the load did
  /// not fall. One cell an event (and member).
  case reduction(Formula, days: Int, top: Int?, kWh: Bool)
  /// An amount a year for the days of each month from `from` to `until` (both included; nil:
  /// to the end of the term), at days/365 (a capacity lease, 容量租赁, per kW a year).
  case prorate(Formula, from: CalendarDay, until: CalendarDay?)
  /// A, except 0 in each cell (month, member) where `l op r` holds there: a month's lease
  /// forfeited after three forced outages in it.
  case forfeit(Formula, BinaryOperator, Formula, Formula)
  /// A per-member quantity summed over the group.
  case sum(Formula)
  case min(Formula, Formula)
  case max(Formula, Formula)
  /// The part of A above B, cell by cell (month by month): max(A - B, 0). Unlike `max`, which
  /// compares period totals, each month is judged on its own (a month's demand over 105% of
  /// the contracted capacity).
  case above(Formula, Formula)
  /// The smaller of A and B cell by cell (month by month, member by member), where `min`
  /// compares period totals: `monthly-min(A, B, C)` nests as least(least(A, B), C). Green power
  /// traded is settled on each month's minimum of contract, generation and consumption.
  case least(Formula, Formula)
  /// The level payment that repays `principal` over `periods` at `rate` a period (a financial
  /// lease, 融资租赁型 EMC): principal x rate / (1 - (1 + rate)^-periods); principal / periods
  /// at a rate of 0.
  case annuity(Formula, rate: Formula, periods: Formula)
  /// A where A reaches B, else 0, cell by cell (member by member, month by month): a threshold
  /// below which nothing is paid (a demand-response member's verified reduction under half its
  /// declared one).
  case atLeast(Formula, Formula)
  case negate(Formula)
  case binary(BinaryOperator, Formula, Formula)
  /// A running total: the subject's total over the window, this period included.
  case toDate(RunningSubject, RunningWindow)
  /// What a party (or each member of a group) has been paid before this period, from one pool
  /// or from every pool of the contract.
  case received(party: String, pool: String?, window: RunningWindow?)
  /// A numeric column of a registry (`units`): each member's value as its registry gives it,
  /// carried in the contract (`Party.columns`). Only a split's weights read it.
  case column(String)
  /// Each member's balance of points that carry over (`balance(green_points)`): after this
  /// period's expiry and earning, before any redemption.
  case balance(String)

  /// Every input, meter and value id this formula reads.
  public var references: [String] {
    switch self {
    case .constant: []
    case .input(let id), .meter(let id), .value(let id), .balance(let id): [id]
    case .column: []
    case .toDate(let subject, _): [subject.id]
    case .received(let party, let pool, _): [party] + (pool.map { [$0] } ?? [])
    case .tou(let m, let t): [m, t]
    case .gec(let f), .sum(let f), .negate(let f), .peak(let f): f.references
    case .spot(let f, let price): f.references + [price]
    case .certificateStock(let f, let sales, _): f.references + [sales]
    case .prorate(let f, _, _), .reduction(let f, _, _, _): f.references
    case .annuity(let p, let r, let n): p.references + r.references + n.references
    case .forfeit(let a, _, let l, let r): a.references + l.references + r.references
    case .min(let a, let b), .max(let a, let b), .above(let a, let b), .least(let a, let b),
      .atLeast(let a, let b),
      .binary(_, let a, let b):
      a.references + b.references
    }
  }
}

extension Formula {
  /// The meters of a `peak(...)` argument with their signs, when it is meters added and
  /// subtracted (in brackets or not); nil for anything else.
  public var peakTerms: [(meter: String, sign: Int)]? {
    switch self {
    case .meter(let id): return [(id, 1)]
    case .negate(let f): return f.peakTerms?.map { ($0.meter, -$0.sign) }
    case .binary(.add, let a, let b), .binary(.subtract, let a, let b):
      guard let x = a.peakTerms, let y = b.peakTerms else { return nil }
      guard case .binary(.subtract, _, _) = self else { return x + y }
      return x + y.map { ($0.meter, -$0.sign) }
    default: return nil
    }
  }

}

/// What a running total adds up, period by period.
public enum RunningSubject: Sendable, Hashable {
  case meter(String)
  case input(String)
  /// A `let`, `kpi`, `revenue` or `subsidy`.
  case value(String)
  /// A pool's total: the sum of its sources.
  case pool(String)

  public var id: String {
    switch self {
    case .meter(let id), .input(let id), .value(let id), .pool(let id): id
    }
  }
}
