/// What a running total carries from one period to the next: the total over the term so far,
/// the total of the calendar year so far, and the values of the latest periods that a
/// `last N periods` window still needs. Kept for the ids the contract reads with `to-date`.
public struct RunningTotal: Sendable, Codable, Equatable {
  /// Over the term, through the period that closes the state.
  public var term: Exact
  /// The calendar year `year` through the period that closes the state.
  public var year: Int
  public var yearToDate: Exact
  /// The latest periods' values, oldest first, at most as many as a window needs.
  public var recent: [Exact]

  public init(term: Exact = .zero, year: Int = 0, yearToDate: Exact = .zero, recent: [Exact] = []) {
    self.term = term
    self.year = year
    self.yearToDate = yearToDate
    self.recent = recent
  }

  /// Before `period`: what the window held when the previous period closed.
  public func before(_ period: Period, _ window: RunningWindow) throws(ArithmeticError) -> Exact {
    switch window {
    case .term: return term
    case .year: return year == period.year ? yearToDate : .zero
    case .periods(let n): return try recent.suffix(n - 1).sum()
    }
  }

  /// After adding `value` for `period`, keeping `history` earlier values.
  public func adding(_ value: Exact, for period: Period, history: Int) throws(ArithmeticError)
    -> RunningTotal
  {
    var next = self
    next.term = try term + value
    next.yearToDate = try (year == period.year ? yearToDate : .zero) + value
    next.year = period.year
    next.recent.append(value)
    if next.recent.count > history { next.recent.removeFirst(next.recent.count - history) }
    return next
  }
}
