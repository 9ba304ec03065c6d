extension Allocator {
  /// A split paid per unit (`split unitholders by units truncated to 4 decimals per 10 units`):
  /// the rate per `per` units is the remainder over the units held, cut down to `decimals`;
  /// each party is paid its units / `per` x the rate, cut down to the pool's minor unit (as a
  /// registrar pays holders). What that leaves stays in the pool for the steps after it, or with
  /// `rest carried to FUND` goes into the fund, which the next distribution brings back into
  /// its base (the holders' money: no step before it takes a share of it).
  mutating func perUnitSplit(
    _ parties: [String], _ metric: Formula, _ p: PerUnit, step: PoolStep, pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) {
    if let fund = p.carry { try bringForward(fund, step: step, pool: pool, &flow) }
    let base = Fraction.max(flow.remaining, .zero)
    let weights = try weights(parties, metric)
    let units = try exact { () throws(ArithmeticError) in try weights.map(\.weight).sum() }
    guard !units.isZero else {
      // Nobody holds units in this period (or part of it): a carried rest stays carried.
      if let fund = p.carry {
        try carry(fund, step: step, pool: pool, &flow)
      } else {
        flow.notes.append(
          .noWeights(
            period: evaluator.period, metric: metric, clause: step.clause, amount: base,
            currency: currency, rebate: false, subPeriod: subPeriod, nobody: weights.isEmpty))
      }
      return
    }
    let (decimals, _) = rounding(of: pool)
    let rate = try exact { () throws(ArithmeticError) in
      try (base * Fraction(p.per) / Fraction(units)).rounded(decimals: p.decimals, .down)
    }
    var paid = Fraction.zero
    var parts: [(party: String, amount: Fraction)] = []
    for (party, w) in weights where !w.isZero {
      let (owed, amount) = try exact { () throws(ArithmeticError) -> (Fraction, Exact) in
        let owed = try Fraction(w) * Fraction(rate) / Fraction(p.per)
        return (owed, try owed.rounded(decimals: decimals, .down))
      }
      let v = Fraction(amount)
      flow.lines.append(
        line(
          pool, step, to: party, .split, v,
          basis: .perUnit(
            .init(
              amount: base, currency: currency, metric: metric, value: w, total: units,
              rate: rate, per: p.per, decimals: p.decimals, owed: owed)),
          rate: .proportion(w, of: units)))
      parts.append((party, v))
      paid = try exact { () throws(ArithmeticError) in try paid + v }
    }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - paid }
    flow.lastSplit = parts
    if let fund = p.carry { try carry(fund, step: step, pool: pool, &flow) }
  }

  /// What is left of the pool into the carry fund.
  mutating func carry(_ fund: String, step: PoolStep, pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure)
  {
    guard flow.remaining > .zero else { return }
    flow.lines.append(
      line(
        pool, step, to: .fund(fund), .reserve, flow.remaining,
        basis: .remainder(flow.remaining, currency: currency), rate: .none))
    flow.remaining = .zero
  }

  /// The fund's balance carried from the last distribution, back into this one's base: a
  /// negative line out of the fund, once a pool's period (the first part a date cuts it into).
  mutating func bringForward(_ fund: String, step: PoolStep, pool: Pool, _ flow: inout Flow)
    throws(EvaluationFailure)
  {
    guard broughtForward.insert(fund).inserted else { return }
    let balance = state.funds[fund] ?? .zero
    guard balance > .zero else { return }
    let back = Fraction(balance)
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining + back }
    flow.lines.append(
      line(
        pool, step, to: .fund(fund), .broughtForward, back.negated,
        basis: .fixed, rate: .amount(balance, currency: currency)))
  }
}
