/// One pool's waterfall for one period: every line it paid, exact and rounded, and how its
/// total reconciles.
public struct PoolResult: Sendable, Codable {
  public var pool: String
  @ClauseText public var clause: SourceRange
  /// The revenues and subsidies that fill the pool, exact.
  public var sources: [Source]
  /// The pool's exact total, and rounded to the minor unit: what its lines sum to.
  public var exactTotal: Exact
  public var total: Exact
  public var lines: [AllocationLine]
  public var arrears: [ArrearsMovement]
  /// What no step could place (a negative pool, nobody to split among): exact and rounded.
  public var unallocatedExact: Fraction
  public var unallocated: Exact
  public var notes: [PoolNote]
  /// The conditional steps of the period and how their conditions came out; nil (and not
  /// recorded) when the pool has none, so records of pools without conditions keep their bytes.
  public var conditions: [ConditionOutcome]? = nil
  /// The pool's own rounding (`rounding down decimals 0`); nil (and not recorded) when it
  /// rounds as the currency does, so records of such pools keep their bytes.
  public var rounding: PoolRounding? = nil
  /// `shared gross` / `shared net`; nil (and not recorded) in a contract without VAT. Shared
  /// net, `total` and the lines' amounts include the VAT each line carries on top of what the
  /// steps gave it (`exactTotal` is the pool's base, without).
  public var sharing: VATSharing? = nil

  public struct Source: Sendable, Codable {
    public var id: String
    @ClauseText public var clause: SourceRange
    /// What the source puts in the pool: its amount, or under VAT its invoice's total (shared
    /// gross) or amount excluding tax (shared net).
    public var amount: Exact
    /// The source's VAT (its `vat` line); nil (and not recorded) without VAT.
    public var vat: SourceVAT? = nil
  }
}

/// One payment of a waterfall step to a party, a group member or a fund.
public struct AllocationLine: Sendable, Codable {
  public enum Kind: String, Sendable, Codable, CaseIterable {
    /// `pay` (including arrears it settles), `reserve` into a fund, `rebate` to a member,
    /// `split` of the remainder; `cap` cuts a party's take and `cap-share` hands the cut to the
    /// others; `floor` tops a party up and `floor-share` is what another gives for it.
    case pay, reserve, rebate, split, cap
    case capShare = "cap-share"
    case floor
    case floorShare = "floor-share"
    /// A party's (negative) part of a negative pool, or the deficit carried in a fund; a
    /// deficit's recovery from a later positive pool; an amount clawed back (negative).
    case loss, recovery, clawback
    /// Points of a member's balance paid for at the redemption's price.
    case redeem
    /// The year-end true-up of an annual cap or floor settled as advances
    /// (`... per year with true-up`), and what another party gives or takes for it.
    case trueUp = "true-up"
    case trueUpShare = "true-up-share"
    /// What a distribution per unit carried in its fund last period, brought back into the
    /// pool before every other step (negative: it leaves the fund).
    case broughtForward = "brought-forward"
  }

  public var pool: String
  public var recipient: Recipient
  public var kind: Kind
  /// Where the step is written (JSON cites it as `file:line`).
  @ClauseText public var clause: SourceRange
  /// What the amount was computed on (the pool, a metric's value of its total, a tier band),
  /// with its exact numbers; Render words it.
  public var basis: LineBasis
  /// The rate or share applied (a percentage, a price per unit, a party's weight).
  public var rate: LineRate
  /// The exact amount: a fraction when a pro-rata share has no finite decimal (`1000/3`).
  public var exact: Fraction
  /// Rounded to the minor unit; the lines of a pool sum to its rounded total.
  public var amount: Exact
  /// The sub-period the line was paid in, when an effective date cut the period; nil (and not
  /// recorded) for a period settled whole, so its records keep their bytes.
  public var subPeriod: SubPeriod? = nil
  /// The line's part of the pool's VAT; nil (and not recorded) without VAT.
  public var vat: LineVAT? = nil
}

/// A `pay` step's arrears this period: owed before, due now, paid, owed after.
public struct ArrearsMovement: Sendable, Codable {
  public var key: ArrearsKey
  public var party: String
  @ClauseText public var clause: SourceRange
  public var opening: Exact
  public var due: Exact
  public var paid: Exact
  public var closing: Exact
  /// `without arrears`: what the pool could not pay is forgone, not carried.
  public var forgone: Exact
  /// The sub-period, when an effective date cut the period (not recorded otherwise).
  public var subPeriod: SubPeriod? = nil
}
