extension Allocator {
  /// What the pool's lines so far give `party`.
  func take(_ party: String, _ flow: Flow) throws(EvaluationFailure) -> Exact {
    try exact { () throws(ArithmeticError) in
      try flow.lines.filter { $0.recipient == party }.map(\.exact).sum()
    }
  }

  /// Moves `amount` from (negative) or to (positive) the latest split's other parties in
  /// proportion to what the split gave them; what no one can take is left unallocated.
  mutating func spread(
    _ amount: Exact, except party: String, kind: AllocationLine.Kind, why: String, step: PoolStep,
    pool: Pool, _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let others = flow.lastSplit.filter { $0.party != party && $0.amount > .zero }
    let sum = try exact { () throws(ArithmeticError) in
      try others.map(\.amount).sum()
    }
    guard !sum.isZero else {
      flow.notes.append("\(why): no other party to take \(amount.grouped(places: 6)) \(currency)")
      flow.unallocated = try exact { () throws(ArithmeticError) in try flow.unallocated + amount }
      return
    }
    for (other, base) in others {
      let v = try exact { () throws(ArithmeticError) in try amount * base / sum }
      flow.lines.append(
        line(
          pool, step, to: other, kind, v,
          basis: "\(why): \(amount.magnitude.grouped(places: 6)) \(currency) by the split's shares",
          rate: (try? (base / sum).rounded(scale: 6, .halfEven).percentText) ?? ""))
    }
  }

  /// `cap P AMOUNT per period | over term`: what P takes above the cap goes to the others.
  mutating func cap(
    _ party: String, _ amount: Formula, cumulative: Bool, step: PoolStep, pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let limit = try unsigned(scalar(amount), "the cap")
    let before = cumulative ? state.received["\(pool.id)/\(party)"] ?? .zero : .zero
    let allowed = Exact.max(
      try exact { () throws(ArithmeticError) in try limit - before }, .zero)
    let has = try take(party, flow)
    guard allowed < has else { return }
    let cut = try exact { () throws(ArithmeticError) in try has - allowed }
    let scope =
      cumulative
      ? "cap \(limit.grouped(places: 6)) \(currency) over the term, \(before.grouped(places: 6)) received before"
      : "cap \(limit.grouped(places: 6)) \(currency) per period"
    flow.lines.append(
      line(
        pool, step, to: party, .cap, cut.negated, basis: "\(scope); take \(has.grouped(places: 6))",
        rate: ""))
    try spread(
      cut, except: party, kind: .capShare, why: "\(party)'s \(scope)", step: step, pool: pool, &flow
    )
  }

  /// `floor P AMOUNT [paid by Q]`: P gets at least AMOUNT; Q (or the split's others) gives the
  /// shortfall, and may go below zero doing so: it bears the loss by contract.
  mutating func floor(
    _ party: String, _ amount: Formula, payer: String?, step: PoolStep, pool: Pool,
    _ flow: inout Flow
  ) throws(EvaluationFailure) {
    let minimum = try unsigned(scalar(amount), "the floor")
    let has = try take(party, flow)
    guard has < minimum else { return }
    let short = try exact { () throws(ArithmeticError) in try minimum - has }
    let why = "floor \(minimum.grouped(places: 6)) \(currency) for \(party)"
    flow.lines.append(
      line(
        pool, step, to: party, .floor, short, basis: "\(why); take \(has.grouped(places: 6))",
        rate: ""))
    if let payer {
      flow.lines.append(
        line(
          pool, step, to: payer, .floorShare, short.negated,
          basis: "\(why): the shortfall, paid by \(payer)", rate: ""))
    } else {
      try spread(
        short.negated, except: party, kind: .floorShare, why: why, step: step, pool: pool, &flow)
    }
  }
}
