/// ISO 8601 timestamps with a UTC offset (`2026-01-01T00:15:00+08:00`), read from bytes without
/// allocating: the readings reader calls this millions of times.
public enum Timestamp {
  /// Why a timestamp was refused.
  public enum Problem: Sendable, Equatable {
    case malformed
    case noOffset
    case invalidDate
    /// Seconds (or fractions) that are not zero: no meter interval starts there.
    case notOnMinute
  }

  /// The park's clock: China Standard Time, UTC+08:00 all year (no daylight saving). TOU bands
  /// and period boundaries are read on this clock, whatever offset a meter system writes.
  public static let parkOffsetMinutes = 480

  /// Days since 1970-01-01 of a proleptic Gregorian date: the calendar is Model's
  /// (`CalendarDay`), so effective days and readings count days the same way.
  @inline(__always)
  public static func days(year: Int, month: Int, day: Int) -> Int {
    CalendarDay(year: year, month: month, day: day).number
  }

  /// The civil date of a day number (the inverse of `days`).
  public static func civil(days z0: Int) -> (year: Int, month: Int, day: Int) {
    let d = CalendarDay(number: z0)
    return (d.year, d.month, d.day)
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    CalendarDay.daysIn(year: year, month: month)
  }

  /// Minutes since 1970-01-01T00:00 on the park clock, for a period's first month (absolute
  /// month count as `Period.firstMonth` gives it).
  public static func parkMinutes(month: Int) -> Int {
    days(year: month / 12, month: month % 12 + 1, day: 1) * 1440
  }

  /// `2026-01-01T00:15+08:00` on the park clock, for messages.
  public static func text(parkMinutes t: Int) -> String {
    let day = t >= 0 ? t / 1440 : (t - 1439) / 1440
    let (y, m, d) = civil(days: day)
    let minute = t - day * 1440
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(y)-\(two(m))-\(two(d))T\(two(minute / 60)):\(two(minute % 60))+08:00"
  }

  /// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|+HH:MM|-HH:MM)` (a space may stand for `T`) into
  /// minutes since 1970-01-01T00:00 on the park clock.
  public static func parse(_ p: UnsafePointer<UInt8>, count n: Int) -> Result<
    Int, TimestampError
  > {
    @inline(__always) func digit(_ i: Int) -> Int {
      let v = Int(p[i]) &- 48
      return v >= 0 && v <= 9 ? v : -1000
    }
    @inline(__always) func two(_ i: Int) -> Int { digit(i) * 10 + digit(i + 1) }
    guard n >= 16, p[4] == 45, p[7] == 45, p[10] == 84 || p[10] == 32, p[13] == 58 else {
      return .failure(TimestampError(.malformed))
    }
    let year = two(0) * 100 + two(2)
    let month = two(5)
    let day = two(8)
    let hour = two(11)
    let minute = two(14)
    guard year >= 0, month >= 0, day >= 0, hour >= 0, minute >= 0 else {
      return .failure(TimestampError(.malformed))
    }
    var i = 16
    var onMinute = true
    if i < n, p[i] == 58 {  // :SS
      guard i + 3 <= n else { return .failure(TimestampError(.malformed)) }
      let s = two(i + 1)
      guard s >= 0 else { return .failure(TimestampError(.malformed)) }
      if s != 0 { onMinute = false }
      i += 3
      if i < n, p[i] == 46 {  // .fraction
        i += 1
        let start = i
        while i < n, digit(i) >= 0 {
          if p[i] != 48 { onMinute = false }
          i += 1
        }
        guard i > start else { return .failure(TimestampError(.malformed)) }
      }
    }
    var offset = 0
    if i == n { return .failure(TimestampError(.noOffset)) }
    if p[i] == 90 || p[i] == 122 {  // Z
      i += 1
    } else if p[i] == 43 || p[i] == 45 {  // +HH:MM or -HH:MM
      guard i + 6 == n, p[i + 3] == 58 else { return .failure(TimestampError(.malformed)) }
      let oh = two(i + 1)
      let om = two(i + 4)
      guard oh >= 0, om >= 0, oh <= 14, om <= 59 else {
        return .failure(TimestampError(.malformed))
      }
      offset = (oh * 60 + om) * (p[i] == 45 ? -1 : 1)
      i += 6
    } else {
      return .failure(TimestampError(.malformed))
    }
    guard i == n else { return .failure(TimestampError(.malformed)) }
    guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month),
      hour <= 23, minute <= 59
    else { return .failure(TimestampError(.invalidDate)) }
    guard onMinute else { return .failure(TimestampError(.notOnMinute)) }
    return .success(
      days(year: year, month: month, day: day) * 1440 + hour * 60 + minute - offset
        + parkOffsetMinutes)
  }
}

/// A refused timestamp (a typed error so the hot path does not box).
public struct TimestampError: Error, Sendable, Equatable {
  public var problem: Timestamp.Problem
  public init(_ problem: Timestamp.Problem) { self.problem = problem }
}
