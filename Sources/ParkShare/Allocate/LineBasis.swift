/// What a line's amount was computed on, with its exact numbers. The allocator records it and
/// Render words it (`Wording`), so the engine composes no text and each language reads the same
/// numbers.
public indirect enum LineBasis: Sendable, Equatable {
  /// `N% of pool`: the pool's total.
  case pool(Exact, currency: String)
  /// `N% of remainder`, or a split by fixed shares: what the steps before it left.
  case remainder(Fraction, currency: String)
  /// A fixed amount (`pay verifier 30,000 CNY`).
  case fixed
  /// `RATE x BASIS`: the basis formula, its value this period and its unit ("" for none).
  case quantity(Formula, value: Exact, unit: String)
  /// An amount by any other formula.
  case formula(Formula)
  /// A `pay` step's basis, with what earlier periods left owed to the party.
  case withArrears(LineBasis, owed: Exact, currency: String)
  /// A pro-rata share: the amount divided by `metric`, the party's value and the total.
  case metric(Metric)
  /// A share paid per unit: the remainder, the party's units of the total, the rate per `per`
  /// units cut down to `decimals`, and what the party's units come to before the cut to the
  /// minor unit.
  case perUnit(PerUnitShare)
  /// A marginal tier's band, and the part of the remainder that falls in it.
  case tier(lower: Exact, upper: Exact?, portion: Fraction, currency: String)
  /// A KPI step table: the remainder, the KPI's value and the row it falls in.
  case kpiRow(KPIRow)
  /// A cap's cut of what its party took (or, `filled`, the fill up to the cap from the others'
  /// cuts).
  case cap(CapScope, take: Fraction, filled: Bool)
  /// A floor's top-up of its party from what the party took.
  case floor(FloorScope, take: Fraction)
  /// A party's part of a limit's cut or top-up (`amount`, its size), by the split's shares.
  case limitShare(LimitCause, amount: Fraction, currency: String)
  /// A party of the split that gives all it took toward the floors, never going below zero.
  case drained(take: Fraction)
  /// An annual term's line (`floor P AMOUNT per year`, `... per year with true-up`): what the
  /// year owes its party against what it had received this year, and its take this period.
  case annual(AnnualScope, take: Fraction)
  /// A floor's shortfall, borne by the payer the floor names.
  case shortfall(FloorScope, payer: String)
  /// A negative pool borne by the loss rule: the pool's (negative) total.
  case loss(Exact, currency: String)
  /// What a fund's deficit was before the recovery.
  case deficit(owed: Exact, currency: String)
  /// An amount for the whole period (a fixed amount, a rate x a quantity, a cap) taken for the
  /// `days` of `periodDays` of a sub-period that an effective date cut off.
  case prorated(LineBasis, days: Int, periodDays: Int)
  /// An amount metered month by month (a rate x a meter, a revenue from readings) taken for
  /// the whole months of a sub-period from what was read in them, not by days.
  case metered(LineBasis, first: CalendarDay, last: CalendarDay)
  /// A line read back from a ledger record: its basis as recorded there, shown as it is.
  case recorded(String)

  public struct Metric: Sendable, Equatable {
    public var amount: Fraction
    public var currency: String
    /// The metric as written (`green_points`), or `stake` for declared capital.
    public var metric: Formula
    public var value: Exact
    public var total: Exact
  }

  public struct PerUnitShare: Sendable, Equatable {
    public var amount: Fraction
    public var currency: String
    public var metric: Formula
    public var value: Exact
    public var total: Exact
    public var rate: Exact
    public var per: Exact
    public var decimals: Int
    public var owed: Fraction

    /// The rate as a distribution notice prints it, with all its decimals: 0.2270.
    public var rateText: String {
      let text = rate.grouped
      let point = text.firstIndex(of: ".")
      let have = point.map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
      guard decimals > have else { return text }
      return text + (point == nil ? "." : "") + String(repeating: "0", count: decimals - have)
    }
  }

  public struct KPIRow: Sendable, Equatable {
    public var remainder: Fraction
    public var currency: String
    public var kpi: Formula
    public var value: Exact
    public var lower: Exact?
    public var upper: Exact?
    public var clause: SourceRange
    /// On a running total (`to-date`, `received`), the row takes only the part of the remainder
    /// during which the total was in its range: nil when the row takes the whole remainder.
    public var crossing: Crossing? = nil
  }

  /// The part of a remainder a step-table row takes while a running total moves through the
  /// row's range: the part, and the total where the part starts and ends.
  public struct Crossing: Sendable, Equatable {
    public var portion: Fraction
    public var from: Fraction
    public var to: Fraction
    /// The running total's unit (`CNY`, `kWh`).
    public var unit: String
  }

  /// A cap as written: its limit per period, or over the term less what was received before,
  /// on one party, on a group's sum (`group`) or on each member of a group (`each`).
  public struct CapScope: Sendable, Equatable {
    public var limit: Exact
    public var currency: String
    /// Over the term or the year: what the cap's parties received from the pool in earlier
    /// periods (of the term, or of the year).
    public var receivedBefore: Exact?
    public var group: String?
    public var each: Bool
    /// A cap per year: the year's share of it (`limit` is that share).
    public var year: YearShare? = nil
  }

  /// An annual amount in a calendar year: the whole amount, and the share of it a year the
  /// term cuts holds, by its periods in the term (`amount x periods / perYear`).
  public struct YearShare: Sendable, Equatable {
    public var amount: Exact
    public var year: Int
    public var periods: Int
    public var perYear: Int

    public var isWhole: Bool { periods == perYear }
  }

  /// A floor: its minimum in whole minor units, for its party.
  public struct FloorScope: Sendable, Equatable {
    public var minimum: Fraction
    public var currency: String
    public var party: String
  }

  /// An annual cap or floor in a period: the year's amount, what it gives its party for the
  /// year so far (`due`: the floor's share of the year to date, or the whole year at a
  /// true-up), what the party received from the pool this year before the period and, of that,
  /// what earlier top-ups of the floor gave.
  public struct AnnualScope: Sendable, Equatable {
    public var limit: AnnualTerm.Limit
    public var amount: Exact
    public var due: Fraction
    public var receivedBefore: Exact
    public var given: Exact
    public var trueUp: Bool
    public var party: String
    public var currency: String
  }

  /// Why a limit's cut or top-up is shared: a cap (`member`, the one party it holds), a floor,
  /// or a party that gives all it took toward the floors.
  public enum LimitCause: Sendable, Equatable {
    case cap(CapScope, member: String?)
    case floor(FloorScope)
    case drained(party: String)
    case annual(AnnualScope)
  }
}
