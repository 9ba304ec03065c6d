/// One line of a value's explanation, as numbers and sources: the engine writes no words here
/// (Render's `DetailLabels` does, in each language, and the JSON keeps the English text it
/// always had). Numbers are exact; `row` is a data file's `file:line`, `clause` the
/// contract's.
public enum Detail: Sendable, Hashable {
  /// An input as facts.csv gives it, one row per member, month or vintage.
  case input(id: String, facet: Facet, value: Exact, unit: String, row: String)
  /// A registered meter's kWh this period, summed into the contract meter `formula`.
  case meter(formula: String, meter: String, owner: String?, kWh: Exact, kind: String, row: String)
  /// What the text and a ledger record (format 1) show in place of a contract meter's
  /// registered meters after the 12th; the typed details and the JSON outputs list them all.
  case moreMeters(formula: String, count: Int)
  /// A value computed before, in its unit.
  case value(id: String, value: Quantity, unit: ValueUnit, clause: SourceRange?)
  /// One band of `tou(METER, TARIFF)`: its kWh at its price. `span` is the part of the period
  /// the band's tariff version was in force in, when versions changed in the period.
  case touBand(
    call: String, band: String, kWh: Exact, price: Exact, amount: Exact, currency: String,
    clause: SourceRange, span: SubPeriod? = nil)
  /// One month of `gec(KWH)`: the kWh carried in and exported, the certificates issued (of that
  /// month's vintage) and the kWh carried on.
  case certificates(
    call: String, month: Period, carried: Exact, kWh: Exact, eligible: Exact, issued: Exact,
    rest: Exact)
  /// One month of a certificate inventory (`gec-sold(KWH, SALES)`, `call` is `KWH, SALES`):
  /// the certificates held as the month opened, issued in it, sold from each production month
  /// (oldest first), written off unsold at its end, held after; the sales rows read.
  case certificateStock(
    call: String, month: Period, opening: Exact, issued: Exact, sold: [CertificateLot],
    expired: [CertificateLot], closing: Exact, rows: String?)
  /// One month of `peak(METERS)`: the month's largest demand in kW and the interval it was met
  /// in (its start on the park clock, in minutes since 1970, and its length).
  case peak(call: String, month: Period, kW: Exact, from: Int, minutes: Int)
  /// One month of `spot(METERS, PRICES)`: the net kWh valued, the amount, the price intervals
  /// of the month and how many were below zero, and the rows of prices.csv read (`FILE:A-B`).
  case spot(
    call: String, month: Period, kWh: Exact, amount: Exact, currency: String, intervals: Int,
    negative: Int, rows: String?)
  /// One month of `prorate(X, FROM, UNTIL)`: the days of the month the amount a year runs.
  case prorated(call: String, month: Period, days: Int)
  /// One event of `reduction(...)` (for one member): the window, the baseline days, the
  /// baseline and actual kWh in the window, the reduction in kW, and the event's row.
  case reduction(
    call: String, member: String?, event: String, day: CalendarDay, from: Int, to: Int,
    days: [CalendarDay], baseline: Exact, actual: Exact, kW: Exact, unit: String = "kW",
    row: String)
  /// `annuity(P, R, N)`: the principal, the rate a period, the periods and the payment.
  case annuity(call: String, principal: Exact, rate: Exact, periods: Int, payment: Exact)
  /// A cell of `forfeit(A, CONDITION)` where the condition held: the amount forfeited.
  case forfeited(call: String, facet: Facet, amount: Exact)
  /// A running total (`to-date`): what its window held before this period, this period's value
  /// and the total, in its unit.
  case runningTotal(call: String, before: Exact, now: Exact, total: Exact, unit: String)
  /// `received(P[, POOL])`: what was paid to P before this period.
  case received(call: String, amount: Exact, currency: String)
  /// One step of a subsidy's phase-out factor.
  case subsidy(id: String, step: SubsidyStep, clause: SourceRange?)
  /// A member's green points: the term of each rule, the total, and the floor or cap it met.
  case points(
    scheme: String, member: String, terms: [PointsTerm], total: Exact, limit: PointsLimit?,
    clause: SourceRange)

  /// The unit a computed value is shown in.
  public enum ValueUnit: Sendable, Hashable {
    /// A contract unit or currency code; "" for a plain number.
    case written(String)
    case points
  }

  public enum SubsidyStep: Sendable, Hashable {
    case beforePhaseOut(base: Exact, currency: String)
    case paidOnce(in: Period, period: Period)
    case phaseOut(from: Period, factor: Exact)
    case degression(rate: Exact, every: Period.Length, from: Period, steps: Int, factor: Exact)
    /// A trigger and the period it fired in (nil: not fired).
    case trigger(factor: Exact, condition: String, fired: Period?)
    /// A reduction on a running total, judged marginally: the total before and after this
    /// period and the threshold.
    case crossing(factor: Exact, condition: String, before: Exact, after: Exact, threshold: Exact)
    case factor(Exact)
  }

  /// One rule's points: a rate times a quantity, or a bonus met.
  public struct PointsTerm: Sendable, Hashable {
    public var points: Exact
    public var rule: String
    public var bonus: Bool
  }

  public enum PointsLimit: Sendable, Hashable {
    case flooredAtZero
    case capped(Exact)
  }

  /// Whether the detail is about `member` alone: its points, an input given for it, its
  /// response to a demand-response event, a month of its forfeited. Every case is named (no
  /// `default`): a new kind of detail must say whether it belongs to a member.
  public func concerns(member: String) -> Bool {
    switch self {
    case .points(_, let m, _, _, _, _): m == member
    case .input(_, let f, _, _, _): f.member == member && f.month == nil && f.vintage == nil
    case .reduction(_, let m, _, _, _, _, _, _, _, _, _, _): m == member
    case .forfeited(_, let f, _): f.member == member
    case .meter, .moreMeters, .value, .touBand, .certificates, .certificateStock, .peak, .spot,
      .prorated, .annuity, .runningTotal, .received, .subsidy:
      false
    }
  }
}

extension [Detail] {
  /// The details with each contract meter's registered meters after the 12th replaced by one
  /// `moreMeters`: what the text shows, and what ledger records have always held.
  public func abbreviatingMeters(after shown: Int = 12) -> [Detail] {
    var count: [String: Int] = [:]
    for case .meter(let f, _, _, _, _, _) in self { count[f, default: 0] += 1 }
    guard count.values.contains(where: { $0 > shown }) else { return self }
    var seen: [String: Int] = [:]
    var out: [Detail] = []
    for d in self {
      guard case .meter(let f, _, _, _, _, _) = d else {
        out.append(d)
        continue
      }
      seen[f, default: 0] += 1
      if seen[f]! <= shown { out.append(d) }
      if seen[f]! == shown, let n = count[f], n > shown {
        out.append(.moreMeters(formula: f, count: n - shown))
      }
    }
    return out
  }
}
