extension Evaluator {
  /// This evaluator as if the period's readings stopped after `last`: every value computed
  /// again from the readings of the days up to it (facts, the opening state and the period
  /// stay). Nil when the readings were not kept apart at that day (no effective date cuts the
  /// period there), or when they are another period's (a projection's scaled bundle).
  func through(_ last: CalendarDay) -> Evaluator? {
    guard let sums = bundle.sums, sums.period == period, let part = sums.through(last) else {
      return nil
    }
    var b = bundle
    b.sums = part
    return Evaluator(contract: contract, bundle: b, opening: opening)
  }
}
