import Foundation

extension ProfiledScanner {
  /// A reading in the profile's unit, as micro-kWh; nil (and a problem) for anything but a plain
  /// non-negative decimal (with the profile's decimal separator) that micro-kWh hold exactly.
  /// (Mutating though it changes nothing, as `step` is: see there.)
  @inline(__always)
  mutating func energy(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Int64? {
    // Static helpers, given what they need of the profile: a non-mutating method called here
    // had the scanner copied for it on every read.
    let parsed = Self.decimal(f, separator: profile.decimal)
    if let d = parsed, !d.negative, let micro = Self.microKWh(d, profile.unit) { return micro }
    return energyProblem(parsed, f, a, e, line: line, &s)
  }

  /// The problem of a reading `energy` refused; nil. Apart, so that reading a good value (nearly
  /// every one) sets up nothing of it: one call of `energy` did cost 45 instructions.
  @inline(never)
  private mutating func energyProblem(
    _ parsed: (value: Int64, places: Int, negative: Bool)?, _ f: UnsafeBufferPointer<UInt8>,
    _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>, line: Int, _ s: inout ReadingsScanner
  ) -> Int64? {
    let text = ReadingsScanner.clip(String(decoding: f, as: UTF8.self))
    let unit = profile.unit.rawValue
    guard let d = parsed else {
      s.fail(
        .badKWh,
        f.isEmpty ? "the \(unit) field is empty" : "'\(text)' is not a number of \(unit)",
        hint:
          profile.quotes
          ? "a plain decimal such as 12\(profile.decimal == 44 ? "," : ".")5 (spaces around it are fine): no unit, sign, exponent or thousands separator"
          : "a number cell, or text of a plain decimal such as 12.5: no unit, sign or thousands separator",
        a, e, field: s.locate(f, a, e), line: line)
      return nil
    }
    guard !d.negative else {
      s.fail(
        .negativeKWh, "negative reading \(text) \(unit)",
        hint:
          "each meter kind counts one direction; register a reverse flow as its own meter (storage-charge and storage-discharge)",
        a, e, field: s.locate(f, a, e), line: line)
      return nil
    }
    s.fail(
      .badKWh, "'\(text)' \(unit) is not a whole number of micro-kWh (or is too large)",
      hint: "readings are kept to 0.000001 kWh (1 mWh)", a, e, field: s.locate(f, a, e),
      line: line)
    return nil
  }

  /// Micro-units (10^-6) of the profile's unit in `v` as micro-kWh: exact, or nil.
  func kWh(_ v: Int64) -> Int64? { Self.kWh(v, profile.unit) }

  static func kWh(_ v: Int64, _ unit: ImportProfile.Unit) -> Int64? {
    switch unit.kWhShift {
    case -3: v % 1000 == 0 ? v / 1000 : nil
    case 3:
      v.multipliedReportingOverflow(by: 1000).overflow
        ? nil : v * 1000
    default: v
    }
  }

  /// A plain decimal: its digits as an integer, its decimal places and its sign (a minus on zero
  /// is refused: `-0` is no reading); nil for anything else (at most 18 digits).
  @inline(__always)
  static func decimal(
    _ f: UnsafeBufferPointer<UInt8>, separator decimal: UInt8
  ) -> (value: Int64, places: Int, negative: Bool)? {
    guard let p = f.baseAddress, f.count > 0 else { return nil }
    let n = f.count
    let negative = p[0] == 45
    var i = negative ? 1 : 0
    // 18 digits and the separator at most; a longer field is refused before it is read, so
    // the digit loops need no count (wrapping on 19 digits is then refused below).
    guard n - i <= 19 else { return nil }
    var value: Int64 = 0
    let whole = i
    while i < n, p[i] &- 48 < 10 {
      value = value &* 10 &+ Int64(p[i] &- 48)
      i += 1
    }
    var digits = i - whole
    var places = 0
    if i < n {
      guard p[i] == decimal else { return nil }
      i += 1
      let fraction = i
      while i < n, p[i] &- 48 < 10 {
        value = value &* 10 &+ Int64(p[i] &- 48)
        i += 1
      }
      guard i == n else { return nil }
      places = i - fraction
      digits += places
    }
    guard digits > 0, digits <= 18, !(negative && value == 0) else { return nil }
    return (value, places, negative)
  }

  /// 10^k for k in 0...18, the powers of ten an Int64 holds (a switch: a global table is
  /// reached through a once-check on every read).
  static func powerOfTen(_ k: Int) -> Int64 {
    switch k {
    case 0: 1
    case 1: 10
    case 2: 100
    case 3: 1_000
    case 4: 10_000
    case 5: 100_000
    case 6: 1_000_000
    case 7: 10_000_000
    case 8: 100_000_000
    case 9: 1_000_000_000
    case 10: 10_000_000_000
    case 11: 100_000_000_000
    case 12: 1_000_000_000_000
    case 13: 10_000_000_000_000
    case 14: 100_000_000_000_000
    case 15: 1_000_000_000_000_000
    case 16: 10_000_000_000_000_000
    case 17: 100_000_000_000_000_000
    case 18: 1_000_000_000_000_000_000
    default: preconditionFailure("10^\(k) is not an Int64")
    }
  }

  /// A decimal in the profile's unit as micro-kWh, exactly: nil when it is finer than a
  /// micro-kWh or too large. MWh may so have nine places, kWh six, Wh three.
  static func microKWh(
    _ d: (value: Int64, places: Int, negative: Bool), _ unit: ImportProfile.Unit
  ) -> Int64? {
    let exponent = ReadingsScanner.maxDecimals + unit.kWhShift - d.places
    var v = d.value
    if exponent >= 0 {
      // One multiplication by a power of ten, not one checked multiplication per place.
      guard exponent <= 18 else { return v == 0 ? 0 : nil }
      let (m, o) = v.multipliedReportingOverflow(by: Self.powerOfTen(exponent))
      guard !o else { return nil }
      v = m
    } else {
      for _ in 0..<(-exponent) {
        guard v % 10 == 0 else { return nil }
        v /= 10
      }
    }
    return d.negative ? -v : v
  }

  /// A timestamp on the park clock; nil (and a problem) when it cannot be read. Exports list
  /// every meter at one time before the next time, so the last text read is kept with its value.
  mutating func time(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Int? {
    if f.count == lastTime.count, f.count > 0,
      lastTime.withUnsafeBufferPointer({ memcmp($0.baseAddress!, f.baseAddress!, f.count) == 0 })
    {
      return lastMinute
    }
    switch LocalTimestamp.parse(f, zone: profile.zone) {
    case .success(let t):
      lastTime.removeAll(keepingCapacity: true)
      lastTime.append(contentsOf: f)
      lastMinute = t
      lastEndsDay = LocalTimestamp.endsDay(f)
      return t
    case .failure(let error):
      let text = ReadingsScanner.clip(String(decoding: f, as: UTF8.self))
      let field = s.locate(f, a, e)
      switch error.problem {
      case .malformed:
        s.fail(
          .badTimestamp, "'\(text)' is not a date and time",
          hint: "write 2026-01-01 00:15 or 2026/1/1 0:15 (an offset such as +08:00 may follow)",
          a, e, field: field, line: line)
      case .noOffset:
        s.fail(
          .noOffset, "timestamp '\(text)' has no UTC offset",
          hint: "say the meter system's clock in import.profile: time-zone = +08:00", a, e,
          field: field, line: line)
      case .invalidDate:
        s.fail(
          .badTimestamp, "'\(text)' is not a real date and time",
          hint: "check the month, day, hour (00-23, or 24:00 for the end of a day) and minute",
          a, e, field: field, line: line)
      case .notOnMinute:
        s.fail(
          .misaligned, "timestamp '\(text)' is not on a whole minute",
          hint: "intervals start on whole minutes: seconds must be 00", a, e, field: field,
          line: line)
      }
      return nil
    }
  }
}
