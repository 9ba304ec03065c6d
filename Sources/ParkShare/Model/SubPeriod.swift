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

  /// `2029-01-01..2029-01-31`, as statements label a line.
  public var description: String { "\(first)..\(last)" }
}
