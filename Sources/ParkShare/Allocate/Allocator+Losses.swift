extension Allocator {
  /// A negative pool is borne by the pool's loss rule for the period: by fixed shares or stakes
  /// (each party's line negative), by one party, or carried in a fund as a deficit. Without a
  /// rule the period stops: a loss is never left unallocated in silence.
  mutating func bearLoss(_ pool: Pool, _ flow: inout Flow) throws(EvaluationFailure) {
    let loss = flow.remaining
    var rule: (LossRule, PoolStep)? = nil
    for step in pool.steps where active(step) {
      guard case .loss(let r) = step.kind else { continue }
      if let c = step.condition {
        let outcome = try judge(c, step: step)
        flow.conditions.append(outcome)
        guard outcome.taken else { continue }
      }
      rule = (r, step)
      break
    }
    guard let (r, step) = rule else {
      throw EvaluationFailure(
        "pool '\(pool.id)' is \(loss.grouped(places: 6)) \(currency) this period: a loss, and no loss rule bears it",
        hint:
          "say who bears a loss: 'loss split A 50%, B 50%', 'loss split A, B by stake', 'loss to PARTY' or 'loss carried to FUND'",
        clause: pool.clause)
    }
    let basis = LineBasis.loss(try decimal(loss, "the loss"), currency: currency)
    do throws(EvaluationFailure) {
      switch r {
      case .charged(let party):
        flow.lines.append(line(pool, step, to: party, .loss, loss, basis: basis, rate: .none))
      case .carried(let fund):
        flow.lines.append(
          line(pool, step, to: .fund(fund), .loss, loss, basis: basis, rate: .none))
      case .split(.fixed(let shares)):
        _ = try byShares(shares, of: loss, basis: basis, step: step, pool: pool, kind: .loss, &flow)
      case .split(.metric(let parties, let metric)):
        let w = try weights(parties, metric)
        let total = try exact { () throws(ArithmeticError) in try w.map(\.weight).sum() }
        guard !total.isZero else {
          throw EvaluationFailure("no one has any '\(metric)' to bear the loss by")
        }
        var placed = Fraction.zero
        for (k, (party, weight)) in w.enumerated() {
          // The last party takes what is left, so the parts sum to the loss exactly.
          let part =
            k == w.count - 1
            ? try exact { () throws(ArithmeticError) in try loss - placed }
            : try exact { () throws(ArithmeticError) in
              try loss * Fraction(weight) / Fraction(total)
            }
          placed = try exact { () throws(ArithmeticError) in try placed + part }
          flow.lines.append(
            line(
              pool, step, to: party, .loss, part, basis: basis,
              rate: .proportion(weight, of: total)))
        }
      case .split:
        throw EvaluationFailure("internal error: a loss shared by tiers")
      }
    } catch {
      throw error.at(step.clause)
    }
    flow.remaining = .zero
  }

  /// A deficit carried in a fund by `loss carried to FUND` is recovered from the next positive
  /// pools before every other step.
  /// `grossUp` (a pool shared gross under VAT): the pool's total over its amount excluding VAT.
  /// A fund keeps what its line excludes VAT, so a deficit (an amount excluding VAT) is
  /// recovered by that much more of the gross pool: the line's share of the pool's VAT comes
  /// off it again when the VAT is shared, and the fund is made whole (to a fen, recovered next).
  mutating func recoverDeficit(_ pool: Pool, _ flow: inout Flow, grossUp: Fraction? = nil)
    throws(EvaluationFailure)
  {
    for step in pool.steps {
      guard case .loss(.carried(let fund)) = step.kind else { continue }
      let balance = state.funds[fund] ?? .zero
      guard balance < .zero, flow.remaining > .zero else { continue }
      var owed = Fraction(balance.negated)
      if let grossUp {
        owed = try exact { () throws(ArithmeticError) in try owed * grossUp }
      }
      let take = Fraction.min(owed, flow.remaining)
      flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining - take }
      flow.lines.append(
        line(
          pool, step, to: .fund(fund), .recovery, take,
          basis: .deficit(owed: balance.negated, currency: currency), rate: .none))
    }
  }

  /// The pool's total over its amount excluding VAT when it is shared gross under VAT and both
  /// are positive; nil otherwise (nothing to gross up).
  func grossUp(_ pool: Pool, _ sources: [PoolResult.Source]) throws(EvaluationFailure)
    -> Fraction?
  {
    guard pool.sharing == .gross, sources.contains(where: { $0.vat != nil }) else { return nil }
    return try exact { () throws(ArithmeticError) -> Fraction? in
      var base = Fraction(0)
      var excluded = Fraction(0)
      for s in sources {
        base = try base + Fraction(s.amount)
        excluded = try excluded + Fraction(s.vat?.excluded ?? s.amount)
      }
      guard base > Fraction(0), excluded > Fraction(0) else { return nil }
      return try base / excluded
    }
  }

  /// `clawback PARTY AMOUNT`: the party gives the amount back; the pool has that much more.
  mutating func clawback(
    _ party: String, _ amount: Formula, step: PoolStep, pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let v = try prorated(unsigned(scalar(amount), "the amount clawed back"))
    let back = Fraction(v)
    // More back than the party was ever paid from this pool is a term that may be meant (a
    // penalty), but more often a wrong amount: shown, never silently taken.
    let received = try exact { () throws(ArithmeticError) -> Fraction in
      var sum = Fraction(state.received[PoolParty(pool: pool.id, party: party)] ?? .zero)
      sum = try sum + (cutReceived[party] ?? Fraction(0))
      for l in flow.lines where l.recipient == .party(party) { sum = try sum + l.exact }
      return sum
    }
    if received < back {
      flow.notes.append(
        .clawbackBeyondReceived(
          party: party, amount: back, received: received, currency: contract.currency.code))
    }
    flow.remaining = try exact { () throws(ArithmeticError) in try flow.remaining + back }
    flow.lines.append(
      line(
        pool, step, to: party, .clawback, back.negated, basis: .formula(amount),
        rate: .amount(v, currency: currency)))
  }
}
