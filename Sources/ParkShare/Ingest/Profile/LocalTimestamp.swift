/// Timestamps as park platforms and Excel write them, read under an import profile: a date
/// (`2026-01-01`, `2026/1/1`, `2026.1.1`, `20260101`, `2026年1月1日`), then a time (`0:15`,
/// `00:15:00`, and `24:00` for the end of a day), with or without a UTC offset. Without one,
/// the profile's `time-zone` says where the clock is; with none declared it is an error, as in
/// the plain format: the engine never guesses a zone.
enum LocalTimestamp {
  /// Minutes since 1970-01-01T00:00 on the park clock. `zone` is minutes east of UTC for a
  /// timestamp without an offset.
  static func parse(_ f: UnsafeBufferPointer<UInt8>, zone: Int?) -> Result<Int, TimestampError> {
    var i = 0
    let n = f.count
    guard let (days, next) = date(f, from: 0) else { return .failure(.init(.malformed)) }
    i = next
    guard i < n, f[i] == 84 || f[i] == 32 else { return .failure(.init(.malformed)) }
    while i < n, f[i] == 84 || f[i] == 32 { i += 1 }
    guard let hour = number(f, &i, digits: 1...2), i < n, f[i] == 58,
      let minute = {
        i += 1
        return number(f, &i, digits: 2...2)
      }()
    else { return .failure(.init(.malformed)) }
    var onMinute = true
    if i < n, f[i] == 58 {
      i += 1
      guard let s = number(f, &i, digits: 2...2) else { return .failure(.init(.malformed)) }
      if s != 0 { onMinute = false }
      if i < n, f[i] == 46 {
        i += 1
        let from = i
        while i < n, f[i] &- 48 < 10 {
          if f[i] != 48 { onMinute = false }
          i += 1
        }
        guard i > from else { return .failure(.init(.malformed)) }
      }
    }
    var offset: Int? = nil
    if i < n {
      if f[i] == 90 || f[i] == 122 {
        offset = 0
        i += 1
      } else if f[i] == 43 || f[i] == 45 {
        let negative = f[i] == 45
        i += 1
        guard let h = number(f, &i, digits: 2...2) else { return .failure(.init(.malformed)) }
        var m = 0
        if i < n, f[i] == 58 { i += 1 }
        if i < n {
          guard let mm = number(f, &i, digits: 2...2) else { return .failure(.init(.malformed)) }
          m = mm
        }
        guard h <= 14, m <= 59 else { return .failure(.init(.invalidDate)) }
        offset = (negative ? -1 : 1) * (h * 60 + m)
      }
    }
    guard i == n else { return .failure(.init(.malformed)) }
    guard days != nil else { return .failure(.init(.invalidDate)) }
    guard hour < 24 && minute < 60 || hour == 24 && minute == 0 && onMinute else {
      return .failure(.init(.invalidDate))
    }
    guard onMinute else { return .failure(.init(.notOnMinute)) }
    guard let zone = offset ?? zone else { return .failure(.init(.noOffset)) }
    return .success(days! * 1440 + hour * 60 + minute - zone + Timestamp.parkOffsetMinutes)
  }

  /// Whether `f` is written with the hour 24 (`2026-01-01 24:00`: the end of the day), which only
  /// a timestamp naming the end of its interval may be.
  static func endsDay(_ f: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let (_, next) = date(f, from: 0) else { return false }
    var i = next
    while i < f.count, f[i] == 84 || f[i] == 32 { i += 1 }
    return i + 2 < f.count && f[i] == 50 && f[i + 1] == 52 && f[i + 2] == 58
  }

  /// A date at the start of `f`: its day number (nil for a day the month does not have) and
  /// where it ends; nil when `f` does not start with a date.
  static func date(_ f: UnsafeBufferPointer<UInt8>, from start: Int) -> (Int?, Int)? {
    var i = start
    let n = f.count
    // 20260101: eight digits, no separators.
    if n - i >= 8, (i..<i + 8).allSatisfy({ f[$0] &- 48 < 10 }), i + 8 == n || f[i + 8] &- 48 >= 10
    {
      var j = i
      let y = number(f, &j, digits: 4...4)!
      let m = number(f, &j, digits: 2...2)!
      let d = number(f, &j, digits: 2...2)!
      return (day(y, m, d), j)
    }
    guard let y = number(f, &i, digits: 4...4) else { return nil }
    // 年 月 日 are E5 B9 B4, E6 9C 88, E6 97 A5 in UTF-8.
    let nian: [UInt8] = [0xE5, 0xB9, 0xB4]
    let yue: [UInt8] = [0xE6, 0x9C, 0x88]
    let ri: [UInt8] = [0xE6, 0x97, 0xA5]
    func take(_ bytes: [UInt8]) -> Bool {
      guard n - i >= bytes.count, (0..<bytes.count).allSatisfy({ f[i + $0] == bytes[$0] }) else {
        return false
      }
      i += bytes.count
      return true
    }
    if take(nian) {
      guard let m = number(f, &i, digits: 1...2), take(yue), let d = number(f, &i, digits: 1...2)
      else { return nil }
      _ = take(ri)
      return (day(y, m, d), i)
    }
    guard i < n, f[i] == 45 || f[i] == 47 || f[i] == 46 else { return nil }
    let sep = f[i]
    i += 1
    guard let m = number(f, &i, digits: 1...2), i < n, f[i] == sep else { return nil }
    i += 1
    guard let d = number(f, &i, digits: 1...2) else { return nil }
    return (day(y, m, d), i)
  }

  private static func day(_ y: Int, _ m: Int, _ d: Int) -> Int? {
    guard (1...12).contains(m), (1...CalendarDay.daysIn(year: y, month: m)).contains(d) else {
      return nil
    }
    return Timestamp.days(year: y, month: m, day: d)
  }

  /// Reads `digits` decimal digits at `i` (as many as there are, within the range).
  private static func number(
    _ f: UnsafeBufferPointer<UInt8>, _ i: inout Int, digits: ClosedRange<Int>
  ) -> Int? {
    var v = 0
    var k = 0
    while i < f.count, k < digits.upperBound, f[i] &- 48 < 10 {
      v = v * 10 + Int(f[i] &- 48)
      i += 1
      k += 1
    }
    return digits.contains(k) ? v : nil
  }
}
