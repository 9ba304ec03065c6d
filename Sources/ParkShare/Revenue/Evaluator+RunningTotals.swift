extension Evaluator {
  /// `to-date(X, window)`: what the window held when the previous period closed, plus X this
  /// period.
  mutating func runningTotal(_ subject: RunningSubject, _ window: RunningWindow)
    throws(EvaluationFailure) -> Quantity
  {
    let now = try periodValue(subject)
    let carried = opening.totals[subject.id] ?? RunningTotal()
    let (before, total) = try arithmetic { () throws(ArithmeticError) in
      let before = try carried.before(period, window)
      return (before, try before + now)
    }
    let call = "\(Formula.toDate(subject, window))"
    callDetails[call] = [
      .runningTotal(call: call, before: before, now: now, total: total, unit: unitText(subject))
    ]
    return Quantity(total)
  }

  /// The unit a running total counts in, as written ("" for none).
  func unitText(_ subject: RunningSubject) -> String {
    let unit: Unit? =
      switch subject {
      case .meter: .kWh
      case .input(let id): contract.inputs.first { $0.id == id }?.unit
      case .value(let id):
        definition(id)?.unit ?? (subsidy(id) != nil ? .base(contract.currency.code) : .point)
      case .pool: .base(contract.currency.code)
      }
    return unit.map { $0.isDimensionless ? "" : $0.description } ?? ""
  }

  /// The subject's total this period.
  mutating func periodValue(_ subject: RunningSubject) throws(EvaluationFailure) -> Exact {
    let q: Quantity
    switch subject {
    case .meter(let id): q = try meter(id)
    case .input(let id): q = try input(id)
    case .value(let id): q = try value(id)
    case .pool(let id):
      guard let pool = contract.pools.first(where: { $0.id == id }) else {
        throw EvaluationFailure("unknown pool '\(id)'")
      }
      var sum = Exact.zero
      for source in pool.sources {
        let v = try value(source)
        sum = try arithmetic { () throws(ArithmeticError) in try sum + v.total() }
      }
      return sum
    }
    return try arithmetic { () throws(ArithmeticError) in try q.total() }
  }

  /// `received(P[, POOL][, WINDOW])`: paid to P (or to the group P's members) in earlier
  /// periods, as the opening state records it: over the term from the receipts by pool, over a
  /// window from the running total of P's receipts.
  mutating func received(_ party: String, pool: String?, window: RunningWindow?)
    throws(EvaluationFailure) -> Quantity
  {
    var sum = Exact.zero
    if let window {
      let kept = opening.totals[ReceivedUse(party: party, pool: pool, history: 0).key]
      let carried = kept ?? RunningTotal()
      sum = try arithmetic { () throws(ArithmeticError) in
        switch window {
        case .term: carried.term
        case .year: carried.year == period.year ? carried.yearToDate : .zero
        case .periods(let n): try carried.recent.suffix(n).sum()
        }
      }
    } else {
      let who = Set(members(ofParty: party))
      for (key, paid) in opening.received
      where who.contains(key.party) && (pool == nil || key.pool == pool) {
        sum = try arithmetic { () throws(ArithmeticError) in try sum + paid }
      }
    }
    let call = "\(Formula.received(party: party, pool: pool, window: window))"
    callDetails[call] = [.received(call: call, amount: sum, currency: contract.currency.code)]
    return Quantity(sum)
  }

  /// A party alone, or a group's members.
  func members(ofParty party: String) -> [String] {
    contract.groups.first { $0.id == party }?.members ?? [party]
  }

  /// Adds this period's value of every subject the contract reads with `to-date` to the
  /// closing state, keeping as many earlier periods as its longest window needs.
  mutating func closeRunningTotals() throws(EvaluationFailure) {
    for (id, use) in contract.runningTotals.sorted(by: { $0.key < $1.key }) {
      let now = try periodValue(use.subject)
      let carried = opening.totals[id] ?? RunningTotal()
      closing.totals[id] = try arithmetic { () throws(ArithmeticError) in
        try carried.adding(now, for: period, history: use.history)
      }
    }
  }
}
