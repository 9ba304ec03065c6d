extension Checker {
  /// `floor P AMOUNT per year [with true-up] [paid by Q]`, `cap P AMOUNT per year with
  /// true-up`: an amount in the currency, not negative, on one party. The party's receipts
  /// from the pool this year are kept as the running total `received(P, POOL, year)`, and an
  /// annual floor applied to the year to date keeps what its top-ups gave (`floor(P, POOL)`).
  /// Nil after an error.
  mutating func checkAnnual(
    _ limit: AnnualTerm.Limit, party: Name, _ e: Expr, payer: Name?, trueUp: Bool, step: Step,
    pool: Name
  ) -> AnnualTerm? {
    let what = limit == .cap ? "a cap" : "a floor"
    let p = resolve(party, as: [.party], what: "party")
    let q = payer.map { resolve($0, as: [.party], what: "party") != nil } ?? true
    guard let t = typeAmount(e, unit: .base(contract.currency.code), what: what), p != nil, q
    else { return nil }
    refuseNegative(
      t.formula, at: e.range, what: "\(what) on '\(party.text)'",
      hint:
        "an annual \(limit.rawValue) is an amount for the year: 0 \(contract.currency.code) or more"
    )
    if step.effective.from.map({ $0.day != nil }) == true
      || step.effective.until.map({ $0.day != nil }) == true
    {
      error(
        .badCap,
        "an annual \(limit.rawValue) applies from whole periods: it cannot start or stop on a day",
        at: step.range, hint: "date it by period (from 2029Q2), or write the term per period")
      return nil
    }
    let year = Expr.name(Name(text: "year", range: e.range))
    guard typeReceived([.name(party), .name(pool), year], e.range) != nil else { return nil }
    if limit == .floor && !trueUp {
      let key = AnnualTerm.givenKey(party: party.text, pool: pool.text)
      contract.annualFloorTotals[key] = PoolParty(pool: pool.text, party: party.text)
    }
    return AnnualTerm(
      limit: limit, party: party.text, amount: t.formula, payer: payer?.text, trueUp: trueUp)
  }
}
