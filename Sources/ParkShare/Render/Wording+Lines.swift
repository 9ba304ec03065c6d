extension Wording {
  /// A line's basis in words. Numbers are written the same in every language: grouped, at most
  /// 6 decimal places, an amount followed by its currency.
  /// A statement line's basis, led by its sub-period when an effective date cut the period
  /// (CSV, HTML and xlsx have no column for it; text shows it after the kind).
  public func basis(of l: StatementLine) -> String {
    l.subPeriod.map { inSubPeriod(basis(l.basis), "\($0)") } ?? basis(l.basis)
  }

  public func basis(_ b: LineBasis) -> String {
    switch b {
    case .pool(let total, let c): return pool(Self.amount(total, c))
    case .remainder(let left, let c): return remainder(Self.amount(left, c))
    case .fixed: return fixed
    case .quantity(let f, let value, let unit):
      return "\(f) \(value.grouped(places: 6))\(unit.isEmpty ? "" : " " + unit)"
    case .formula(let f): return "\(f)"
    case .withArrears(let inner, let owed, let c):
      return withArrears(basis(inner), Self.amount(owed, c))
    case .perUnit(let u):
      return byUnits(
        Self.amount(u.amount, u.currency), "\(u.metric)", u.value.grouped(places: 6),
        u.total.grouped(places: 6), u.rateText, u.currency, u.per.grouped, u.decimals,
        u.owed.grouped(places: 6))
    case .metric(let m):
      return byMetric(
        Self.amount(m.amount, m.currency), "\(m.metric)", m.value.grouped(places: 6),
        m.total.grouped(places: 6))
    case .tier(let lower, let upper, let portion, let c):
      return tier(
        lower.grouped(places: 6), upper.map { $0.grouped(places: 6) } ?? "", c,
        Self.amount(portion, c))
    case .kpiRow(let k) where k.crossing != nil:
      let c = k.crossing!
      let bound = { (v: Exact) in v.grouped }
      let row =
        switch (k.lower, k.upper) {
        case (nil, let u?): rowBelow(bound(u))
        case (let l?, let u?): rowBetween(bound(l), bound(u))
        case (let l?, nil): rowFrom(bound(l))
        case (nil, nil): rowAny
        }
      let unit = c.unit.isEmpty ? "" : " " + c.unit
      return kpiCrossing(
        Self.amount(c.portion, k.currency), remainder(Self.amount(k.remainder, k.currency)),
        "\(k.kpi)", c.from.grouped(places: 6), c.to.grouped(places: 6) + unit, row, k.clause.clause)
    case .kpiRow(let k):
      let row =
        switch (k.lower, k.upper) {
        case (nil, let u?): rowBelow(u.percentText)
        case (let l?, let u?): rowBetween(l.percentText, u.percentText)
        case (let l?, nil): rowFrom(l.percentText)
        case (nil, nil): rowAny
        }
      return kpiRow(
        remainder(Self.amount(k.remainder, k.currency)), "\(k.kpi)",
        k.value.percentText(inside: k.lower, k.upper), row, k.clause.clause)
    case .cap(let scope, let take, let filled):
      return (filled ? capFilled : capCut)(cap(scope), take.grouped(places: 6))
    case .floor(let scope, let take): return floorTopUp(floor(scope), take.grouped(places: 6))
    case .limitShare(let why, let amount, let c):
      return limitShare(cause(why), Self.amount(amount, c))
    case .drained(let take): return drained(take.grouped(places: 6))
    case .shortfall(let scope, let payer): return shortfall(floor(scope), payer)
    case .annual(let s, let take):
      let (due, received) = (
        Self.amount(s.due, s.currency), Self.amount(s.receivedBefore, s.currency)
      )
      guard s.trueUp else {
        return annualToDate(
          annual(s), due, received, Self.amount(s.given, s.currency), take.grouped(places: 6))
      }
      return trueUp(annual(s), due, received, take.grouped(places: 6))
    case .loss(let total, let c): return loss(Self.amount(total, c))
    case .deficit(let owed, let c): return deficit(Self.amount(owed, c))
    case .prorated(let inner, let days, let periodDays):
      return prorated(basis(inner), "\(days)", "\(periodDays)")
    case .metered(let inner, let first, let last):
      return metered(basis(inner), "\(first)", "\(last)")
    case .recorded(let text): return text
    }
  }

  /// A line's rate or share in words ("" for none).
  public func rate(_ r: LineRate) -> String {
    switch r {
    case .none: return ""
    case .percent(let share): return share.percentText
    case .unitPrice(let price, let c, let unit):
      return "\(price.grouped(places: 6)) \(c)\(unit.isEmpty ? "" : "/" + unit)"
    case .amount(let v, let c): return "\(v.grouped(places: 6)) \(c)"
    case .proportion(let value, let total):
      // Display only: a share that cannot be divided out is left blank, never shown as
      // another; the line's amount, basis and exact value still show.
      return (try? (value / total).rounded(scale: 6, .halfEven).percentText) ?? ""
    case .weight(let w, let total):
      return (try? (w / total).rounded(places: 6).percentText) ?? ""
    case .recorded(let text): return text
    }
  }

  /// Who a line pays: a party by its id, a fund by name.
  public func recipient(_ r: Recipient) -> String {
    switch r {
    case .party(let p): return p
    case .fund(let f): return fund(f)
    }
  }

  func cap(_ s: LineBasis.CapScope) -> String {
    let limit = Self.amount(s.limit, s.currency)
    var text =
      s.receivedBefore.map { capOverTerm(limit, $0.grouped(places: 6)) } ?? capPerPeriod(limit)
    if let y = s.year, let received = s.receivedBefore {
      text = capPerYearToDate(
        Self.amount(y.amount, s.currency),
        y.isWhole
          ? nil : CutYear(share: limit, periods: y.periods, perYear: y.perYear, year: y.year),
        received.grouped(places: 6))
    }
    guard let group = s.group else { return text }
    return (s.each ? capEachMember : capOnGroup)(text, group)
  }

  func floor(_ s: LineBasis.FloorScope) -> String {
    floorFor(Self.amount(s.minimum, s.currency), s.party)
  }

  func annual(_ s: LineBasis.AnnualScope) -> String {
    let amount = Self.amount(s.amount, s.currency)
    return (s.limit == .cap ? capPerYear : floorPerYear)(amount, s.party)
  }

  func cause(_ c: LineBasis.LimitCause) -> String {
    switch c {
    case .annual(let scope): return annual(scope)
    case .cap(let scope, let member): return member.map { capOf($0, cap(scope)) } ?? cap(scope)
    case .floor(let scope): return floor(scope)
    case .drained(let party): return drainedCause(party)
    }
  }

  static func amount(_ v: Exact, _ currency: String) -> String {
    "\(v.grouped(places: 6)) \(currency)"
  }

  static func amount(_ v: Fraction, _ currency: String) -> String {
    "\(v.grouped(places: 6)) \(currency)"
  }
}
