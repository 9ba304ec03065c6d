extension Allocator {
  /// The annual terms of a run of limits (`floor P AMOUNT per year`, `cap|floor P AMOUNT per
  /// year with true-up`), settled after the run's caps and floors per period and over the term
  /// (docs/contract-language.md, "Annual terms under quarterly settlement"):
  ///
  /// - A floor per year applied to the year to date holds the party's receipts from the pool
  ///   this year at `max(what it would have had without the floor, AMOUNT x k / n)` after each
  ///   period (`k` the periods of the year in the term so far, `n` the periods of a year): it
  ///   tops the party up to the year-to-date share, and takes earlier top-ups of the year back
  ///   as the party's own take catches up, so the year ends where the annual floor puts it.
  /// - With true-up, the periods pay on their own basis and the year's last period in the term
  ///   brings the party's year to `max(year total, AMOUNT x k / n)` (a floor) or
  ///   `min(year total, AMOUNT x k / n)` (a cap, like `cap ... per year`; `k / n` is 1 but in
  ///   a year the term cuts).
  ///
  /// What the line gives or takes comes from the other parties of the latest split by what the
  /// split gave them (parties a cap of the run holds at its limit excluded), or from the payer a
  /// floor names. A period whose pool is negative is left to the loss rule: an applied floor
  /// catches up in the year's next period; a true-up falling there settles what it can.
  mutating func settleAnnual(
    _ steps: [PoolStep], held: Set<String>, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    for step in steps {
      guard case .annual(let term) = step.kind else { continue }
      do throws(EvaluationFailure) {
        try settleAnnual(term, held: held, step: step, pool: pool, &flow)
      } catch {
        throw error.at(step.clause)
      }
    }
  }

  private mutating func settleAnnual(
    _ term: AnnualTerm, held: Set<String>, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    guard subPeriod == nil else {
      throw EvaluationFailure(
        "an annual \(term.limit.rawValue) cannot act in a period that a day date cuts",
        hint: "date the steps of pool '\(pool.id)' on period boundaries")
    }
    let (k, inYear, n) = yearPosition()
    if term.trueUp && k != inYear { return }
    let decimals = rounding(of: pool).decimals
    let amount = try unsigned(scalar(term.amount), "the annual \(term.limit.rawValue)")
    let received = try receivedThisYear(term.party, pool: pool)
    let given = try givenThisYear(term, pool: pool)
    let take = try takes(flow)[term.party] ?? .zero
    let due: Fraction
    let target: Fraction
    switch term.limit {
    case .floor:
      due = try exact { () throws(ArithmeticError) in
        try Fraction(amount) * Fraction(k) / Fraction(n)
      }
      // The least the party takes this period: the year-to-date floor less what it had, in
      // whole minor units rounded up, never under a fen of the floor.
      let least = try exact { () throws(ArithmeticError) in
        let (floor, rest) = try (due - Fraction(received)).minorUnitsFloor(decimals: decimals)
        let units = rest.isZero ? floor : floor + 1
        return Fraction(try Exact(minorUnits: units, decimals: decimals))
      }
      // Its own take, less the top-ups of earlier periods it gives back.
      let own = try exact { () throws(ArithmeticError) in try take - Fraction(given) }
      target = Fraction.max(own, least)
    case .cap:
      let share = try yearShare(amount, inYear, n, decimals: decimals)
      due = Fraction(share)
      let most = try wholeUnits(
        try exact { () throws(ArithmeticError) in try share - received }, .down,
        decimals: decimals)
      target = Fraction.min(take, most)
    }
    var delta = try exact { () throws(ArithmeticError) in try target - take }
    guard !delta.isZero else { return }
    if flow.total.isNegative && !term.trueUp { return }
    let free = flow.lastSplit.filter {
      $0.party != term.party && !held.contains($0.party) && $0.amount > .zero
    }
    let weight = try exact { () throws(ArithmeticError) in try free.map(\.amount).sum() }
    if term.payer == nil, !term.trueUp, delta > weight {
      // Applied to date, the others give at most what they took this period; the rest is
      // caught up in the year's later periods, whose year-to-date floor includes it.
      guard k == inYear else {
        delta = weight
        if delta.isZero { return }
        return try annualLine(
          term, delta, free: free, weight: weight, take: take, due: due, received: received,
          given: given, amount: amount, step: step, pool: pool, &flow)
      }
      throw EvaluationFailure(
        "the annual floor for '\(term.party)' needs \(delta.grouped(places: 6)) \(currency) in the year's last period, more than the other parties of the split of pool '\(pool.id)' took (\(weight.grouped(places: 6)) \(currency))",
        hint:
          "lower the floor, or say who bears a shortfall: 'floor PARTY AMOUNT per year paid by PAYER'"
      )
    }
    if term.payer == nil, weight.isZero, delta > .zero {
      throw EvaluationFailure(
        "the annual floor for '\(term.party)' needs \(delta.grouped(places: 6)) \(currency), and no other party of the split of pool '\(pool.id)' took anything to give",
        hint:
          "say who bears a shortfall: 'floor PARTY AMOUNT per year paid by PAYER'")
    }
    try annualLine(
      term, delta, free: free, weight: weight, take: take, due: due, received: received,
      given: given, amount: amount, step: step, pool: pool, &flow)
  }

  /// The line of an annual term to its party, and what funds it (or takes what it gives back):
  /// its payer, or the others of the split by their weights.
  private mutating func annualLine(
    _ term: AnnualTerm, _ delta: Fraction, free: [(party: String, amount: Fraction)],
    weight: Fraction, take: Fraction, due: Fraction, received: Exact, given: Exact,
    amount: Exact, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let scope = LineBasis.AnnualScope(
      limit: term.limit, amount: amount, due: due, receivedBefore: received, given: given,
      trueUp: term.trueUp, party: term.party, currency: currency)
    let (kind, shareKind): (AllocationLine.Kind, AllocationLine.Kind) =
      term.trueUp ? (.trueUp, .trueUpShare) : (.floor, .floorShare)
    flow.lines.append(
      line(pool, step, to: term.party, kind, delta, basis: .annual(scope, take: take), rate: .none))
    if let payer = term.payer {
      flow.lines.append(
        line(
          pool, step, to: payer, shareKind, delta.negated,
          basis: .limitShare(.annual(scope), amount: delta.magnitude, currency: currency),
          rate: .none))
      return
    }
    var undistributed = Fraction.zero
    try share(
      delta.negated, among: free, weight: weight, kind: shareKind, why: .annual(scope),
      step: step, pool: pool, &flow, undistributed: &undistributed)
    if !undistributed.isZero {
      flow.notes.append(.capCutUnplaced(undistributed, currency: currency))
      flow.unallocated = try exact { () throws(ArithmeticError) in
        try flow.unallocated + undistributed
      }
    }
  }

  /// Where the period stands in its calendar year within the term: its position `k` among the
  /// year's periods in the term, how many periods of the year the term holds, and how many
  /// periods a whole year has.
  func yearPosition() -> (k: Int, inYear: Int, perYear: Int) {
    let months = period.length.months
    let first = max(contract.term.from.firstMonth, period.year * 12)
    let last = min(contract.term.to.lastMonth, period.year * 12 + 11)
    return (
      (period.lastMonth - first + 1) / months, (last - first + 1) / months, 12 / months
    )
  }

  /// The share of an annual `amount` a year holds by its `periods` in the term of `perYear`,
  /// in whole minor units rounded down (a cap never rounds up): the whole amount in a whole
  /// year; 1,000 x 2 / 4 = 500 for two quarters.
  func yearShare(
    _ amount: Exact, _ periods: Int, _ perYear: Int, decimals: Int
  ) throws(EvaluationFailure) -> Exact {
    guard periods != perYear else { return amount }
    let share = try exact { () throws(ArithmeticError) in
      try Fraction(amount) * Fraction(periods) / Fraction(perYear)
    }
    return try exact { () throws(ArithmeticError) in
      let (units, _) = try share.minorUnitsFloor(decimals: decimals)
      return try Exact(minorUnits: units, decimals: decimals)
    }
  }

  /// What the earlier periods of this year's annual floor gave its party (net of what it took
  /// back), from the running total the carried state keeps.
  func givenThisYear(_ term: AnnualTerm, pool: Pool) throws(EvaluationFailure) -> Exact {
    guard !term.trueUp else { return .zero }
    let key = AnnualTerm.givenKey(party: term.party, pool: pool.id)
    guard let kept = evaluator.opening.totals[key], kept.year == period.year else { return .zero }
    return kept.yearToDate
  }

  /// Adds this period's annual-floor lines to the running totals of what the floors gave.
  mutating func keepAnnualFloors(_ pools: [PoolResult]) throws(EvaluationFailure) {
    for (key, use) in contract.annualFloorTotals.sorted(by: { $0.key < $1.key }) {
      var given = Exact.zero
      for pool in pools where pool.pool == use.pool {
        for line in pool.lines where line.kind == .floor && line.recipient.party == use.party {
          guard case .annual = line.basis else { continue }
          given = try exact { () throws(ArithmeticError) in try given + line.amount }
        }
      }
      let carried = evaluator.opening.totals[key] ?? RunningTotal()
      state.totals[key] = try exact { () throws(ArithmeticError) in
        try carried.adding(given, for: period, history: 0)
      }
    }
  }
}
