/// A calendar day on the park's clock (`2029-02-01`): where a step's `from` or `until` may cut
/// a settlement period. Ordered by date; counted as days since 1970-01-01 for day arithmetic.
public struct CalendarDay: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
  public var year: Int
  public var month: Int
  public var day: Int

  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `2029-02-01`; nil for anything else (`2029-02-30`).
  public init?(_ text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      (1900...2200).contains(y), (1...12).contains(m),
      (1...CalendarDay.daysIn(year: y, month: m)).contains(d)
    else { return nil }
    self.init(year: y, month: m, day: d)
  }

  /// The day `number` days after 1970-01-01 (H. Hinnant's `civil_from_days`); the readings'
  /// `Timestamp` counts days with it too.
  public init(number z0: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  /// Days since 1970-01-01 (`days_from_civil`).
  @inline(__always)
  public var number: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  public static func daysIn(year: Int, month: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }

  /// Months counted from year 0, as `Period.firstMonth` counts them.
  public var absoluteMonth: Int { year * 12 + month - 1 }

  /// The first and the last day of a period.
  public static func first(of p: Period) -> CalendarDay {
    CalendarDay(year: p.firstMonth / 12, month: p.firstMonth % 12 + 1, day: 1)
  }

  public static func last(of p: Period) -> CalendarDay {
    CalendarDay(number: first(of: p.next).number - 1)
  }

  public var description: String {
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  public static func < (a: CalendarDay, b: CalendarDay) -> Bool {
    (a.year, a.month, a.day) < (b.year, b.month, b.day)
  }

  public init(from decoder: any Decoder) throws {
    let text = try decoder.singleValueContainer().decode(String.self)
    guard let d = CalendarDay(text) else {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: "bad day \(text)"))
    }
    self = d
  }

  public func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}
