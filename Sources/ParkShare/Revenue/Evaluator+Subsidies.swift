extension Evaluator {
  /// A subsidy this period: its formula's total times the phase-out factor (step table x
  /// degression x fired triggers), zero outside its payment period when paid once. The factor
  /// is never rounded: degression compounds on the unrounded value (the EEG rule).
  mutating func subsidy(_ s: Subsidy) throws(EvaluationFailure) -> (base: Exact, amount: Exact) {
    let key = "subsidy \(s.id)"
    let formula = try evaluate(s.formula)
    let base = try arithmetic { () throws(ArithmeticError) in try formula.total() }
    // Written negative, the checker refused it; computed negative from the data, its payer
    // would receive the subsidy: refused here, at the subsidy's clause.
    if base.isNegative {
      throw EvaluationFailure(
        "the subsidy is \(base.grouped) \(contract.currency.code) this period; it cannot be negative",
        hint: "check the data it is computed from")
    }
    var details: [Detail] = [
      .subsidy(
        id: s.id, step: .beforePhaseOut(base: base, currency: contract.currency.code), clause: nil)
    ]
    if let once = s.once,
      !(once.firstMonth >= period.firstMonth && once.firstMonth <= period.lastMonth)
    {
      details.append(
        .subsidy(id: s.id, step: .paidOnce(in: once, period: period), clause: s.clause))
      callDetails[key] = details
      return (base, .zero)
    }
    var factor = Exact.one
    if let step = s.schedule.last(where: { $0.from.firstMonth <= period.firstMonth }) {
      factor = step.factor
      details.append(
        .subsidy(id: s.id, step: .phaseOut(from: step.from, factor: step.factor), clause: s.clause))
    }
    if let d = s.degression, period.firstMonth >= d.from.firstMonth {
      let steps = (period.firstMonth - d.from.firstMonth) / d.every.months + 1
      let keep = try arithmetic { () throws(ArithmeticError) in try Exact.one - d.rate }
      var compounded = Exact.one
      for _ in 0..<steps {
        compounded = try arithmetic { () throws(ArithmeticError) in try compounded * keep }
      }
      factor = try arithmetic { () throws(ArithmeticError) in try factor * compounded }
      details.append(
        .subsidy(
          id: s.id,
          step: .degression(
            rate: d.rate, every: d.every, from: d.from, steps: steps, factor: compounded),
          clause: s.clause))
    }
    let crossing = try crossings(s.triggers)
    for (i, trigger) in s.triggers.enumerated() {
      if let c = crossing[i] {
        details.append(
          .subsidy(
            id: s.id,
            step: .crossing(
              factor: trigger.factor, condition: "\(trigger.condition)", before: c.before,
              after: c.after, threshold: c.threshold),
            clause: s.clause))
        continue
      }
      let id = "\(s.id): \(trigger.condition)"
      var fired = closing.triggered[id]
      if fired == nil {
        let condition = try totals(evaluate(trigger.condition))
        let holds = try arithmetic { () throws(ArithmeticError) in try condition.total() }
        if !holds.isZero {
          fired = period
          closing.triggered[id] = period
        }
      }
      if fired != nil {
        factor = try arithmetic { () throws(ArithmeticError) in try factor * trigger.factor }
      }
      details.append(
        .subsidy(
          id: s.id,
          step: .trigger(
            factor: trigger.factor, condition: "\(trigger.condition)", fired: fired),
          clause: s.clause))
    }
    let marginal = try arithmetic { () throws(ArithmeticError) in
      try crossingFactor(Array(crossing.values))
    }
    let amount = try arithmetic { () throws(ArithmeticError) in
      marginal.denominator == .one
        ? try base * factor * marginal.numerator
        : try (base * factor * marginal.numerator) / marginal.denominator
    }
    details.append(.subsidy(id: s.id, step: .factor(factor), clause: nil))
    callDetails[key] = details
    return (base, amount)
  }
}
