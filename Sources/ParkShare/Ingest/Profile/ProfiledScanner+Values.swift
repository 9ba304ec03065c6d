extension ProfiledScanner {
  /// A reading in the profile's unit, as micro-kWh; nil (and a problem) for anything but a plain
  /// non-negative decimal (with the profile's decimal separator) that micro-kWh hold exactly.
  func energy(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Int64? {
    let text = { ReadingsScanner.clip(String(decoding: f, as: UTF8.self)) }
    let unit = profile.unit.rawValue
    guard let v = units(f) else {
      s.fail(
        .badKWh,
        f.isEmpty ? "the \(unit) field is empty" : "'\(text())' is not a number of \(unit)",
        hint:
          "a plain decimal such as 12\(profile.decimal == 44 ? "," : ".")5: no unit, spaces, exponent or thousands separator",
        a, e, field: s.locate(f, a, e), line: line)
      return nil
    }
    guard v >= 0 else {
      s.fail(
        .negativeKWh, "negative reading \(text()) \(unit)",
        hint:
          "each meter kind counts one direction; register a reverse flow as its own meter (storage-charge and storage-discharge)",
        a, e, field: s.locate(f, a, e), line: line)
      return nil
    }
    guard let micro = kWh(v) else {
      s.fail(
        .badKWh, "'\(text())' \(unit) is not a whole number of micro-kWh (or is too large)",
        hint: "readings are kept to 0.000001 kWh (1 mWh)", a, e, field: s.locate(f, a, e),
        line: line)
      return nil
    }
    return micro
  }

  /// Micro-units (10^-6) of the profile's unit in `v` as micro-kWh: exact, or nil.
  func kWh(_ v: Int64) -> Int64? {
    switch profile.unit.kWhShift {
    case -3: v % 1000 == 0 ? v / 1000 : nil
    case 3:
      v.multipliedReportingOverflow(by: 1000).overflow
        ? nil : v * 1000
    default: v
    }
  }

  /// A decimal in micro-units: digits, one decimal separator, at most six places, an optional
  /// leading minus; nil for anything else.
  func units(_ f: UnsafeBufferPointer<UInt8>) -> Int64? {
    var value: Int64 = 0
    var digits = 0
    var places = -1
    var negative = false
    for (i, b) in f.enumerated() {
      if b &- 48 < 10 {
        guard value < 100_000_000_000_000 else { return nil }
        value = value * 10 + Int64(b &- 48)
        digits += 1
        if places >= 0 { places += 1 }
      } else if b == profile.decimal && places < 0 {
        places = 0
      } else if b == 45 && i == 0 {
        negative = true
      } else {
        return nil
      }
    }
    guard digits > 0, places <= ReadingsScanner.maxDecimals else { return nil }
    for _ in max(places, 0)..<ReadingsScanner.maxDecimals {
      let (v, o) = value.multipliedReportingOverflow(by: 10)
      guard !o else { return nil }
      value = v
    }
    return negative ? -value : value
  }

  /// A timestamp on the park clock; nil (and a problem) when it cannot be read.
  func time(
    _ f: UnsafeBufferPointer<UInt8>, _ a: UnsafePointer<UInt8>, _ e: UnsafePointer<UInt8>,
    line: Int, _ s: inout ReadingsScanner
  ) -> Int? {
    switch LocalTimestamp.parse(f, zone: profile.zone) {
    case .success(let t): return t
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

  /// Micro-units as text in `unit`, for messages.
  static func text(_ v: Int64, _ unit: ImportProfile.Unit) -> String {
    "\(MeterSums.kWh(v)) \(unit.rawValue)"
  }
}
