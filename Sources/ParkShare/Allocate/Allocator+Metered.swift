extension Allocator {
  /// What a cut divides by the readings: a pool's source (a revenue) or a step's amount.
  enum Metered {
    case source(String)
    case formula(Formula)
  }

  /// What `what` came to in `sub`, exactly, from the readings: the months `sub` covers of it
  /// computed from the readings up to `sub`'s last day, less the same computed from the readings
  /// up to the day before it starts. For a sub-period of whole months that is those months of
  /// the period's value. Nil when `what` is not metered by month, or when the readings were not
  /// kept apart at `sub`'s edges (a projection's scaled bundle): it is then divided by days.
  mutating func metered(_ what: Metered, in sub: SubPeriod) throws(EvaluationFailure) -> Exact? {
    let span = sub.monthSpan
    if sub.months != nil {
      guard let q = try Self.value(what, &evaluator), q.dims.contains(.month) else { return nil }
      return try Self.sum(q, span)
    }
    guard let through = try value(what, through: sub.last), let after = through,
      after.dims.contains(.month)
    else { return nil }
    var v = try Self.sum(after, span)
    if sub.first != CalendarDay.first(of: period) {
      let eve = CalendarDay(number: sub.first.number - 1)
      guard let through = try value(what, through: eve), let before = through else { return nil }
      let b = try Self.sum(before, span)
      v = try exact { () throws(ArithmeticError) in try v - b }
    }
    return v
  }

  /// `what` computed from the readings of the period's days up to `last` (by an evaluator kept
  /// for that day); nil when the readings cannot be told apart there.
  private mutating func value(_ what: Metered, through last: CalendarDay) throws(EvaluationFailure)
    -> Quantity??
  {
    if last == CalendarDay.last(of: period) { return .some(try Self.value(what, &evaluator)) }
    guard var e = evaluatorsThrough[last] ?? evaluator.through(last) else { return nil }
    defer { evaluatorsThrough[last] = e }
    return .some(try Self.value(what, &e))
  }

  private static func value(_ what: Metered, _ e: inout Evaluator) throws(EvaluationFailure)
    -> Quantity?
  {
    switch what {
    case .source(let id): try e.byMonth(id)
    case .formula(let f): try e.evaluate(f)
    }
  }

  /// The cells of `q` in the months `span`.
  private static func sum(_ q: Quantity, _ span: ClosedRange<Int>) throws(EvaluationFailure)
    -> Exact
  {
    var sum = Exact.zero
    for (facet, v) in q.sorted where facet.month.map(span.contains) == true {
      guard let s = try? sum + v else {
        throw EvaluationFailure("the metered part of a sub-period is too large to compute")
      }
      sum = s
    }
    return sum
  }
}
