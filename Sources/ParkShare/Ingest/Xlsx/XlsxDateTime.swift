/// A date and time of day from a spreadsheet date serial, computed exactly from the serial's
/// decimal text (never through binary floating point).
///
/// A serial counts days: in the 1900 date system serial 1 is 1900-01-01 and Excel keeps Lotus
/// 1-2-3's phantom 1900-02-29 as serial 60 (refused here), so from serial 61 on, day N is
/// 1899-12-30 + N; in the 1904 system (`date1904`), serial 0 is 1904-01-01. The fraction is
/// the time of day, which Excel stores in binary floating point: 00:15 is written as
/// 45292.010416666664. The time is therefore rounded to the nearest `rounding` unit (half a
/// unit rounds up), which may carry into the next day.
public struct XlsxDateTime: Equatable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int
  public let day: Int
  /// Seconds since midnight, 0..<86,400 (whole minutes when rounded to the minute).
  public let secondOfDay: Int

  public var minuteOfDay: Int { secondOfDay / 60 }

  public enum Rounding: Sendable {
    case minute
    case second
  }

  public init(year: Int, month: Int, day: Int, secondOfDay: Int) {
    self.year = year
    self.month = month
    self.day = day
    self.secondOfDay = secondOfDay
  }

  /// The date and time of `serial` (its text as the cell holds it: `45292.25`, `4.529225E4`).
  public init(serial: String, date1904: Bool, rounding: Rounding = .second) throws(XlsxError) {
    guard let (numerator, scale) = Self.decimal(serial), numerator >= 0 else {
      throw XlsxError(.badDateSerial(serial))
    }
    let unit: Int128 = rounding == .minute ? 60 : 1
    // Units of the serial, rounded half up: numerator * (86400 / unit) / 10^scale.
    let perDay = 86_400 / unit
    let denominator = Self.power10(scale)
    let units = (numerator * perDay * 2 + denominator) / (denominator * 2)
    // 2,958,465 is 9999-12-31, Excel's last date (checked before the days fit in an Int).
    guard units / perDay <= 2_958_465 else { throw XlsxError(.badDateSerial(serial)) }
    let days = Int(units / perDay)
    let seconds = Int(units % perDay * unit)
    let epochDays: Int  // days from 1970-01-01 of serial 0 (of day 1 in 1900 up to 60)
    if date1904 {
      epochDays = Self.daysFromCivil(1904, 1, 1)
    } else {
      guard days >= 1, days != 60 else { throw XlsxError(.badDateSerial(serial)) }
      epochDays =
        days < 60 ? Self.daysFromCivil(1899, 12, 31) : Self.daysFromCivil(1899, 12, 30)
    }
    let (y, m, d) = Self.civil(epochDays + days)
    self.init(year: y, month: m, day: d, secondOfDay: seconds)
  }

  public var description: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let time = "\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60))"
    return "\(year)-\(two(month))-\(two(day)) \(time)"
  }

  /// `digits[.digits][E[+-]digits]` as numerator / 10^scale (scale may come out negative for a
  /// positive exponent, which is folded into the numerator). At most 30 significant digits.
  static func decimal(_ text: String) -> (Int128, Int)? {
    var numerator: Int128 = 0
    var scale = 0
    var digits = 0
    var bytes = Array(text.utf8)[...]
    var exponent = 0
    if let e = bytes.firstIndex(where: { $0 == UInt8(ascii: "E") || $0 == UInt8(ascii: "e") }) {
      var exp = bytes[(e + 1)...]
      var negative = false
      if let s = exp.first, s == UInt8(ascii: "+") || s == UInt8(ascii: "-") {
        negative = s == UInt8(ascii: "-")
        exp = exp.dropFirst()
      }
      guard let v = SheetParser.integer(exp), v <= 40 else { return nil }
      exponent = negative ? -v : v
      bytes = bytes[..<e]
    }
    var seenPoint = false
    for b in bytes {
      if b == UInt8(ascii: "."), !seenPoint {
        seenPoint = true
        continue
      }
      guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else { return nil }
      if numerator > 0 || b != UInt8(ascii: "0") { digits += 1 }
      guard digits <= 30 else { return nil }
      numerator = numerator * 10 + Int128(b - UInt8(ascii: "0"))
      if seenPoint { scale += 1 }
    }
    guard bytes.contains(where: { $0 != UInt8(ascii: ".") }) else { return nil }
    scale -= exponent
    while scale < 0 {
      numerator *= 10
      scale += 1
      guard numerator < Int128(10).power(31) else { return nil }
    }
    guard scale <= 36 else { return nil }
    return (numerator, scale)
  }

  static func power10(_ n: Int) -> Int128 { Int128(10).power(n) }

  /// Days from 1970-01-01 of a proleptic Gregorian date: the calendar is Model's
  /// (`CalendarDay`), so workbook dates and readings count days the same way.
  static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
    CalendarDay(year: year, month: month, day: day).number
  }

  /// The date `days` after 1970-01-01.
  static func civil(_ days: Int) -> (Int, Int, Int) {
    let d = CalendarDay(number: days)
    return (d.year, d.month, d.day)
  }
}

extension Int128 {
  fileprivate func power(_ n: Int) -> Int128 {
    var r: Int128 = 1
    for _ in 0..<Swift.max(0, n) { r *= self }
    return r
  }
}
