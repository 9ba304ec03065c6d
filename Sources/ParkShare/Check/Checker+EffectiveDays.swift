extension Checker {
  /// A step's `from DAY` / `until DAY`. A day on the contract's period boundary (`from
  /// 2029-04-01` in a quarterly contract) is the period form exactly, so it reads as its period;
  /// any other day cuts its period and is kept.
  func normalized(_ ref: PeriodRef, _ edge: Edge) -> PeriodRef {
    guard let day = ref.day, frequencyKnown else { return ref }
    let p = Period(containing: day.absoluteMonth, length: contract.frequency)
    let boundary = edge == .start ? CalendarDay.first(of: p) : CalendarDay.last(of: p)
    return day == boundary ? PeriodRef(period: p, range: ref.range) : ref
  }

  /// What is wrong with a day that cuts a period: only that it lies outside the term (any day
  /// of the term may cut its period).
  func dayProblem(_ day: CalendarDay, what: String) -> (
    id: DiagnosticID, message: String, hint: String
  )? {
    let term = contract.term
    guard termKnown,
      day < CalendarDay.first(of: term.from) || day > CalendarDay.last(of: term.to)
    else { return nil }
    return (
      .outsideTerm, "\(what) \(day) is outside the term (\(term.from) to \(term.to))",
      "dates must fall within the 'settle' term"
    )
  }

  /// A step's date, checked: the contract period it falls in, and the day when it cuts that
  /// period. Nil (reported) when the date is wrong.
  mutating func checkEffective(_ ref: PeriodRef, _ edge: Edge, what: String) -> (
    period: Period, day: CalendarDay?
  )? {
    // A day is reported as written, even one on a period boundary.
    if let day = ref.day, let problem = dayProblem(day, what: what) {
      error(problem.id, problem.message, at: ref.range, hint: problem.hint)
      return nil
    }
    let ref = normalized(ref, edge)
    guard let day = ref.day else {
      return checkPeriod(ref, edge, what: what).map { ($0, nil) }
    }
    return (Period(containing: day.absoluteMonth, length: contract.frequency), day)
  }

  /// Whether a step's date is right, without reporting (the coverage check skips wrong ones).
  func effectiveOK(_ ref: PeriodRef, _ edge: Edge) -> Bool {
    if let day = ref.day, dayProblem(day, what: "") != nil { return false }
    let ref = normalized(ref, edge)
    if ref.day != nil { return true }
    return periodProblem(ref, edge, what: "") == nil
  }
}
