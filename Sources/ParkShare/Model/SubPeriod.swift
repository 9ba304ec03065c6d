/// The part of a settlement period between two effective dates that cut it (`2029-01-01` to
/// `2029-01-31` of 2029Q1): its lines carry it, so a statement shows each sub-period apart.
/// `days` of `periodDays` is the share of the pool (and of fixed amounts and caps) it takes.
public struct SubPeriod: Sendable, Hashable, Codable, CustomStringConvertible {
  public var first: CalendarDay
  public var last: CalendarDay
  public var days: Int
  public var periodDays: Int

  public init(first: CalendarDay, last: CalendarDay, periodDays: Int) {
    self.first = first
    self.last = last
    self.days = last.number - first.number + 1
    self.periodDays = periodDays
  }

  /// The whole months it covers (absolute months, as `Facet.month`), when it starts on the
  /// first of a month and ends on the last day of one: then what was metered in it is known
  /// from the readings' months exactly. Nil when a cut falls inside a month.
  public var months: ClosedRange<Int>? {
    guard first.day == 1,
      last.day == CalendarDay.daysIn(year: last.year, month: last.month),
      first.absoluteMonth <= last.absoluteMonth
    else { return nil }
    return first.absoluteMonth...last.absoluteMonth
  }

  /// The months it touches, whole or in part (absolute months, as `Facet.month`).
  public var monthSpan: ClosedRange<Int> { first.absoluteMonth...last.absoluteMonth }

  /// `2029-01-01..2029-01-31`, as statements label a line.
  public var description: String { "\(first)..\(last)" }
}
